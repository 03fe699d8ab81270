namespace Telethon.Session;

/// <summary>The answer to <see cref="LookupPeer"/>: the peer, or null when the session does not know it.</summary>
/// <param name="Peer">The peer as the session knows it.</param>
internal sealed record PeerLookupResult(PeerInfo? Peer);
