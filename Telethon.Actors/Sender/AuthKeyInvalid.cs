namespace Telethon.Sender;

/// <summary>
/// Tells the owner of a <see cref="SenderActor"/> that the server does not know its auth key (transport error
/// -404): the key was destroyed or belongs to another server. The sender stopped its connection and fails every
/// request with <see cref="AuthKeyInvalidException"/>; it does not retry. The owner forgets the key (on the home DC
/// the login is gone with it), stops this sender, and starts a new one without a key if it wants to go on.
/// </summary>
/// <param name="DcId">The DC.</param>
/// <param name="KeyId">The auth_key_id the server refused.</param>
internal sealed record AuthKeyInvalid(int DcId, long KeyId);
