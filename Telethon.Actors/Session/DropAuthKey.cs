namespace Telethon.Session;

/// <summary>
/// Forgets an auth key the server no longer knows (it answered -404). <see cref="SessionActor"/> persists
/// <see cref="AuthKeyDropped"/> and answers <see cref="SessionAck"/> once it is written.
/// </summary>
/// <param name="DcId">The DC.</param>
/// <param name="Temporary">True to drop only the temporary key; false for the permanent key and its temporary key.</param>
internal sealed record DropAuthKey(int DcId, bool Temporary = false);
