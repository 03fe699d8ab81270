using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using InputPeerBase = Telethon.Tl.Abcs.InputPeer;
using PeerBase = Telethon.Tl.Abcs.Peer;

namespace Telethon.Model;

/// <summary>
/// A reusable reference to a user, group or channel: its identifier and, where Telegram needs one, the authorization to
/// address it (the access hash). Any method that takes a chat or user takes a reference, without fetching the peer first.
/// Its string form (<c>u.ID.HASH</c>, <c>g.ID</c>, <c>c.ID.HASH</c>) can be stored and read back with <see cref="Parse"/>.
/// A reference is only valid for the account that obtained it (access hashes are per account).
/// </summary>
public abstract record PeerRef
{
    private protected PeerRef(long identifier, long? authorization)
    {
        if (identifier <= 0)
            throw new ArgumentOutOfRangeException(nameof(identifier), identifier, "A peer identifier is a positive number.");
        Identifier = identifier;
        Authorization = authorization;
    }

    /// <summary>The bare, positive identifier of the peer.</summary>
    public long Identifier { get; }

    /// <summary>The access hash proving the account may address the peer, when known (small groups need none).</summary>
    public long? Authorization { get; }

    /// <summary>What kind of peer this refers to (a <see cref="GroupRef"/> is a small group; supergroups are channels).</summary>
    public abstract ChatKind Kind { get; }

    /// <summary>The one-letter prefix of the string form.</summary>
    private protected abstract char Prefix { get; }

    /// <summary>The peer as Telegram names it in messages (peerUser, peerChat or peerChannel).</summary>
    public abstract PeerBase ToTlPeer();

    /// <summary>The peer to pass to requests; an unknown authorization is sent as 0.</summary>
    public abstract InputPeerBase ToInputPeer();

    /// <summary>The string form: <c>u.</c>, <c>g.</c> or <c>c.</c>, the identifier, and <c>.</c> and the authorization when known.</summary>
    public sealed override string ToString() => Authorization is { } hash
        ? string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{Identifier}.{hash}")
        : string.Create(CultureInfo.InvariantCulture, $"{Prefix}.{Identifier}");

    /// <summary>Reads a reference back from its string form (<see cref="ToString"/>).</summary>
    /// <exception cref="FormatException">The text is not the string form of a reference.</exception>
    public static PeerRef Parse(string text) =>
        TryParse(text, out var peer) ? peer : throw new FormatException($"\"{text}\" is not a peer reference (u.ID.HASH, g.ID or c.ID.HASH).");

    /// <summary>Reads a reference back from its string form; false when the text is not one.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out PeerRef? peer)
    {
        peer = null;
        if (text is null || text.Length < 3 || text[1] != '.')
            return false;
        var rest = text.AsSpan(2);
        var dot = rest.IndexOf('.');
        var idText = dot < 0 ? rest : rest[..dot];
        if (!long.TryParse(idText, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return false;
        long? hash = null;
        if (dot >= 0)
        {
            if (!long.TryParse(rest[(dot + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var h))
                return false;
            hash = h;
        }
        peer = text[0] switch
        {
            'u' => new UserRef(id, hash),
            'g' when hash is null => new GroupRef(id),
            'c' => new ChannelRef(id, hash),
            _ => null,
        };
        return peer is not null;
    }
}
