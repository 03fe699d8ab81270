using Telethon.Tl.Types;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>A reference to a broadcast channel, a supergroup or a gigagroup (a bare Telegram <c>channel</c>); string form
/// <c>c.ID.HASH</c>.</summary>
/// <param name="Identifier">The channel's id (bare, without the -100 prefix).</param>
/// <param name="Authorization">The channel's access hash for this account, when known.</param>
public sealed record ChannelRef(long Identifier, long? Authorization = null) : PeerRef(Identifier, Authorization)
{
    /// <summary>Always <see cref="ChatKind.Broadcast"/>: a reference does not say whether the channel is a supergroup.</summary>
    public override ChatKind Kind => ChatKind.Broadcast;

    private protected override char Prefix => 'c';

    /// <inheritdoc />
    public override PeerBase ToTlPeer() => new PeerChannel { ChannelId = Identifier };

    /// <inheritdoc />
    public override InputPeerBase ToInputPeer() => new InputPeerChannel { ChannelId = Identifier, AccessHash = Authorization ?? 0 };

    /// <summary>The channel to pass to requests that take an InputChannel.</summary>
    public Tl.Abcs.InputChannel ToInputChannel() => new InputChannel { ChannelId = Identifier, AccessHash = Authorization ?? 0 };
}
