using Telethon.Tl.Types;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>A reference to a small (basic) group (a bare Telegram <c>chat</c>), which needs no authorization; string form
/// <c>g.ID</c>. Supergroups are channels to Telegram: they are referred to by a <see cref="ChannelRef"/>.</summary>
/// <param name="Identifier">The group's id.</param>
public sealed record GroupRef(long Identifier) : PeerRef(Identifier, null)
{
    /// <inheritdoc />
    public override ChatKind Kind => ChatKind.Group;

    private protected override char Prefix => 'g';

    /// <inheritdoc />
    public override PeerBase ToTlPeer() => new PeerChat { ChatId = Identifier };

    /// <inheritdoc />
    public override InputPeerBase ToInputPeer() => new InputPeerChat { ChatId = Identifier };
}
