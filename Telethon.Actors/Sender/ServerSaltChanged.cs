namespace Telethon.Sender;

/// <summary>
/// Tells the owner of a <see cref="SenderActor"/> that the session now uses another server salt (new session,
/// bad_server_salt, future salts). Persisting it is optional: it saves one round trip when the sender starts again.
/// </summary>
/// <param name="DcId">The DC.</param>
/// <param name="Salt">The salt in use.</param>
internal sealed record ServerSaltChanged(int DcId, long Salt);
