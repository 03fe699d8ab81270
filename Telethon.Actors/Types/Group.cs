using Telethon.Tl.Types;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>A small (basic) group, or a supergroup (a megagroup channel).</summary>
public sealed record Group : Peer
{
    /// <summary>Whether this is a supergroup: a channel with megagroup set, with its own pts and an access hash.</summary>
    public bool IsMegagroup { get; init; }

    /// <inheritdoc />
    public override ChatKind Kind => ChatKind.Group;

    /// <summary>A <see cref="GroupRef"/> for a small group, a <see cref="ChannelRef"/> for a supergroup.</summary>
    public override PeerRef Ref => IsMegagroup ? new ChannelRef(Id, AccessHash) : new GroupRef(Id);

    /// <inheritdoc />
    public override PeerBase ToTlPeer() =>
        IsMegagroup ? new PeerChannel { ChannelId = Id } : new PeerChat { ChatId = Id };

    /// <inheritdoc />
    public override InputPeerBase ToInputPeer() =>
        IsMegagroup ? new InputPeerChannel { ChannelId = Id, AccessHash = AccessHash ?? 0 } : new InputPeerChat { ChatId = Id };
}
