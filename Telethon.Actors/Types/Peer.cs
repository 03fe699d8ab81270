using Telethon.Updates;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>
/// A user, group or broadcast channel, as known from the entities Telegram sent along with updates.
/// Immutable; equal when all of its fields are equal.
/// </summary>
public abstract record Peer
{
    /// <summary>The bare identifier (no -100 prefix, as Telethon v2).</summary>
    public required long Id { get; init; }

    /// <summary>The access hash needed to address the peer, when known (never for basic groups, which need none).</summary>
    public long? AccessHash { get; init; }

    /// <summary>Whether Telegram sent only a "min" constructor: its access hash cannot be used to address the peer.</summary>
    public bool IsMin { get; init; }

    /// <summary>The full name of a user, or the title of a group or channel; empty when unknown.</summary>
    public string Name { get; init; } = "";

    /// <summary>The main username, without @, if any.</summary>
    public string? Username { get; init; }

    /// <summary>What kind of chat this is.</summary>
    public abstract ChatKind Kind { get; }

    /// <summary>The reusable reference to this peer (its id and access hash), to store or to pass to any method.</summary>
    public abstract PeerRef Ref { get; }

    /// <summary>The peer as Telegram names it in messages (peerUser, peerChat, peerChannel).</summary>
    public abstract PeerBase ToTlPeer();

    /// <summary>The friendly form of a user as Telegram sent it in a result of the raw API; null for userEmpty.</summary>
    public static User? FromRaw(Tl.Abcs.User raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return EntityCache.FromTl(raw);
    }

    /// <summary>The friendly form of a group or channel as Telegram sent it in a result of the raw API; null for chatEmpty.</summary>
    public static Peer? FromRaw(Tl.Abcs.Chat raw)
    {
        ArgumentNullException.ThrowIfNull(raw);
        return EntityCache.FromTl(raw);
    }

    /// <summary>The peer to pass to requests (inputPeerUser, inputPeerChat, inputPeerChannel, or inputPeerSelf).
    /// An unknown access hash is sent as 0, which only bots may get away with for users.</summary>
    public abstract InputPeerBase ToInputPeer();
}
