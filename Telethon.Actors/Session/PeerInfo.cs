namespace Telethon.Session;

/// <summary>A peer the account has seen, with what it takes to address it in requests.</summary>
/// <param name="Id">The bare Telegram id of the user, chat or channel.</param>
/// <param name="Kind">User, small group or channel.</param>
/// <param name="AccessHash">The access hash this account must send with the id (0 for small groups).</param>
/// <param name="Username">The primary username, if any.</param>
public sealed record PeerInfo(long Id, PeerKind Kind, long AccessHash, string? Username = null);
