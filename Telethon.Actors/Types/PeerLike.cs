namespace Telethon.Model;

/// <summary>
/// Whatever a method's chat or user parameter accepts: a <see cref="Peer"/> (a user, group or channel the account got
/// from Telegram), a <see cref="PeerRef"/>, or a string: <c>"me"</c> (the account itself), <c>"@username"</c>,
/// <c>"+phone"</c>, or the string form of a <see cref="PeerRef"/>. Strings other than references are resolved through
/// Telegram when the call is made. It converts implicitly from each of them, so <c>client.SendMessageAsync("@cat", "hi")</c>
/// and <c>client.SendMessageAsync(message.Chat, "hi")</c> both work.
/// </summary>
public readonly record struct PeerLike
{
    private PeerLike(Peer? peer, PeerRef? reference, string? text)
    {
        Peer = peer;
        Reference = reference;
        Text = text;
    }

    /// <summary>The peer given, if one was.</summary>
    public Peer? Peer { get; }

    /// <summary>The reference given (or parsed from the string), if one was.</summary>
    public PeerRef? Reference { get; }

    /// <summary>The string given when it is not a reference (<c>me</c>, a username or a phone), if one was.</summary>
    public string? Text { get; }

    /// <summary>Whether nothing was given (the default value).</summary>
    public bool IsEmpty => Peer is null && Reference is null && Text is null;

    /// <summary>A peer.</summary>
    public static implicit operator PeerLike(Peer peer) => FromPeer(peer);

    /// <summary>A reference.</summary>
    public static implicit operator PeerLike(PeerRef reference) => FromRef(reference);

    /// <summary>A string: <c>me</c>, <c>@username</c>, <c>+phone</c>, or a reference's string form.</summary>
    public static implicit operator PeerLike(string text) => FromString(text);

    /// <summary>A peer.</summary>
    public static PeerLike FromPeer(Peer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return new PeerLike(peer, null, null);
    }

    /// <summary>A reference.</summary>
    public static PeerLike FromRef(PeerRef reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        return new PeerLike(null, reference, null);
    }

    /// <summary>A string: <c>me</c> (or <c>self</c>), <c>@username</c> (or a bare username), <c>+phone</c>, or a
    /// reference's string form.</summary>
    /// <exception cref="ArgumentException">The string is none of these.</exception>
    public static PeerLike FromString(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (PeerRef.TryParse(trimmed, out var reference))
            return new PeerLike(null, reference, null);
        if (IsSelf(trimmed) || UsernameOf(trimmed) is not null || PhoneOf(trimmed) is not null)
            return new PeerLike(null, null, trimmed);
        throw new ArgumentException($"\"{text}\" is not a peer: use me, @username, +phone, or a reference (u.ID.HASH, g.ID, c.ID.HASH).", nameof(text));
    }

    // The longest phone text read: 20 digits with separators between them.
    private const int MaxPhoneText = 64;

    /// <summary>Whether the string means the account itself.</summary>
    internal static bool IsSelf(string text) =>
        text.Equals("me", StringComparison.OrdinalIgnoreCase) || text.Equals("self", StringComparison.OrdinalIgnoreCase);

    /// <summary>The username a string names (without @, as Telegram's rules allow: 4–32 letters, digits and underscores,
    /// starting with a letter), or null.</summary>
    internal static string? UsernameOf(string text)
    {
        var name = text.StartsWith('@') ? text[1..] : text;
        if (name.Length is < 4 or > 32 || !char.IsAsciiLetter(name[0]))
            return null;
        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
                return null;
        }
        return name;
    }

    /// <summary>The phone number a string names (digits only), or null: a leading + and then digits, with spaces, dashes
    /// or parentheses between them allowed.</summary>
    internal static string? PhoneOf(string text)
    {
        // Bounded before the stack buffer: no phone number is longer, whatever length a caller hands in.
        if (!text.StartsWith('+') || text.Length > MaxPhoneText)
            return null;
        Span<char> digits = stackalloc char[MaxPhoneText];
        var n = 0;
        foreach (var c in text.AsSpan(1))
        {
            if (char.IsAsciiDigit(c))
                digits[n++] = c;
            else if (c is not (' ' or '-' or '(' or ')'))
                return null;
        }
        return n is >= 5 and <= 20 ? new string(digits[..n]) : null;
    }

    /// <inheritdoc />
    public override string ToString() => Peer?.Ref.ToString() ?? Reference?.ToString() ?? Text ?? "";
}
