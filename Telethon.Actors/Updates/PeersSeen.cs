using Telethon.Model;

namespace Telethon.Updates;

/// <summary>Tells the peers listener of an <see cref="UpdatesActor"/> about users, groups and channels that were new or
/// changed (name, username, access hash) in the entities of a batch: what to persist as the session's peers.</summary>
/// <param name="Peers">The peers, each with its id, kind and access hash.</param>
internal sealed record PeersSeen(IReadOnlyList<Peer> Peers);
