namespace Telethon.Session;

/// <summary>A peer was seen with this access hash and username (they replace what was known of it).</summary>
/// <param name="Id">The bare id.</param>
/// <param name="Kind">User, small group or channel.</param>
/// <param name="AccessHash">The access hash (0 for small groups).</param>
/// <param name="Username">The primary username, if any.</param>
internal sealed record PeerSeen(long Id, PeerKind Kind, long AccessHash, string? Username = null) : ISessionEvent;
