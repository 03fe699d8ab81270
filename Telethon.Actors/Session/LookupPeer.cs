namespace Telethon.Session;

/// <summary>
/// Asks <see cref="SessionActor"/> for a peer it knows (persisted, or being persisted): by kind and id, or by username
/// (any kind, case-insensitive). It answers a <see cref="PeerLookupResult"/>. The account forwards it from the facade,
/// which uses it to fill in the access hash of a reference that has none and to resolve a known username without a request.
/// </summary>
/// <param name="Kind">The kind of peer, with <paramref name="Id"/>.</param>
/// <param name="Id">The peer's id, with <paramref name="Kind"/>.</param>
/// <param name="Username">A username (without @), instead of a kind and id.</param>
internal sealed record LookupPeer(PeerKind? Kind, long? Id, string? Username);
