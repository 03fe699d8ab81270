using Telethon.Tl.Types;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>A reference to a user or a bot (a bare Telegram <c>user</c>); string form <c>u.ID.HASH</c>.</summary>
/// <param name="Identifier">The user's id.</param>
/// <param name="Authorization">The user's access hash for this account, when known.</param>
public sealed record UserRef(long Identifier, long? Authorization = null) : PeerRef(Identifier, Authorization)
{
    /// <inheritdoc />
    public override ChatKind Kind => ChatKind.User;

    private protected override char Prefix => 'u';

    /// <inheritdoc />
    public override PeerBase ToTlPeer() => new PeerUser { UserId = Identifier };

    /// <inheritdoc />
    public override InputPeerBase ToInputPeer() => new InputPeerUser { UserId = Identifier, AccessHash = Authorization ?? 0 };

    /// <summary>The user to pass to requests that take an InputUser.</summary>
    public Tl.Abcs.InputUser ToInputUser() => new InputUser { UserId = Identifier, AccessHash = Authorization ?? 0 };
}
