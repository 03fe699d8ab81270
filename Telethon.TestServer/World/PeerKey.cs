using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>A peer by kind and id.</summary>
public readonly record struct PeerKey(PeerKind Kind, long Id)
{
    /// <summary>The TL peer.</summary>
    public Peer ToPeer() => Kind switch
    {
        PeerKind.User => new Tl.Types.PeerUser { UserId = Id },
        PeerKind.Chat => new Tl.Types.PeerChat { ChatId = Id },
        _ => new Tl.Types.PeerChannel { ChannelId = Id },
    };
}
