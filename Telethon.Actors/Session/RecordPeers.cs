namespace Telethon.Session;

/// <summary>
/// Peers seen in a batch (the users and chats of an Updates object or a result). <see cref="SessionActor"/>
/// persists a <see cref="PeerSeen"/> for each peer that is new or changed, in one write, and answers
/// <see cref="SessionAck"/> once it is written.
/// </summary>
/// <param name="Peers">The peers.</param>
internal sealed record RecordPeers(IReadOnlyList<PeerInfo> Peers);
