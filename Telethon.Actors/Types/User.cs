using Telethon.Tl.Types;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>A user or a bot.</summary>
public sealed record User : Peer
{
    /// <summary>The first name; empty when unknown.</summary>
    public string FirstName { get; init; } = "";

    /// <summary>The last name, if any.</summary>
    public string? LastName { get; init; }

    /// <summary>Whether this is a bot account.</summary>
    public bool IsBot { get; init; }

    /// <summary>Whether this is the logged-in account.</summary>
    public bool IsSelf { get; init; }

    /// <summary>The phone number (digits only, no +), when Telegram shows it to this account.</summary>
    public string? Phone { get; init; }

    /// <inheritdoc />
    public override PeerRef Ref => new UserRef(Id, AccessHash);

    /// <inheritdoc />
    public override ChatKind Kind => ChatKind.User;

    /// <inheritdoc />
    public override PeerBase ToTlPeer() => new PeerUser { UserId = Id };

    /// <inheritdoc />
    public override InputPeerBase ToInputPeer() =>
        IsSelf ? new InputPeerSelf() : new InputPeerUser { UserId = Id, AccessHash = AccessHash ?? 0 };
}
