using Telethon.Tl.Types;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>A broadcast channel.</summary>
public sealed record Channel : Peer
{
    /// <inheritdoc />
    public override ChatKind Kind => ChatKind.Broadcast;

    /// <inheritdoc />
    public override PeerRef Ref => new ChannelRef(Id, AccessHash);

    /// <inheritdoc />
    public override PeerBase ToTlPeer() => new PeerChannel { ChannelId = Id };

    /// <inheritdoc />
    public override InputPeerBase ToInputPeer() => new InputPeerChannel { ChannelId = Id, AccessHash = AccessHash ?? 0 };
}
