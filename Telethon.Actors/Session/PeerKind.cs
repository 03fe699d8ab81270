namespace Telethon.Session;

/// <summary>What kind of peer a <see cref="PeerInfo"/> describes. Ids of different kinds may collide, so a peer is known by kind and id.</summary>
public enum PeerKind : byte
{
    /// <summary>A user or a bot.</summary>
    User = 1,

    /// <summary>A small (basic) group; it has no access hash.</summary>
    Chat = 2,

    /// <summary>A channel: a broadcast channel, a supergroup or a gigagroup.</summary>
    Channel = 3,
}
