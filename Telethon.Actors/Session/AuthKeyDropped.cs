namespace Telethon.Session;

/// <summary>
/// The server no longer knows an auth key of a DC (it answered -404): the key is forgotten. Dropping the
/// permanent key also drops the temporary key bound to it.
/// </summary>
/// <param name="DcId">The DC.</param>
/// <param name="Temporary">True to drop only the temporary key; false to drop the permanent one and its temporary key.</param>
internal sealed record AuthKeyDropped(int DcId, bool Temporary = false) : ISessionEvent;
