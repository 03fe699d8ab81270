namespace Telethon.TestServer.World;

/// <summary>A user or bot as others see it: profile, username, phone and contacts. Owned by the <see cref="PeersService"/>.</summary>
internal sealed class UserRecord(long id)
{
    public long Id { get; } = id;
    public bool IsBot { get; init; }
    public string? Phone { get; init; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string? Username { get; set; }
    public string About { get; set; } = "";
    public int Date { get; init; }
    public HashSet<long> Contacts { get; } = [];

    /// <summary>A bot's inline placeholder (bot_inline_placeholder); null: the bot has no inline mode (BOT_INLINE_DISABLED).</summary>
    public string? InlinePlaceholder { get; set; }

    /// <summary>The names this user gave its contacts (contacts.addContact / importContacts).</summary>
    public Dictionary<long, (string First, string Last)> ContactNames { get; } = [];

    /// <summary>The users this user shared its phone with (add_phone_privacy_exception).</summary>
    public HashSet<long> PhoneSharedWith { get; } = [];

    /// <summary>The phone contacts this user imported (contacts.importContacts; saved_count of contacts.getContacts).</summary>
    public HashSet<string> SavedPhones { get; } = new(StringComparer.Ordinal);
}

/// <summary>What other services need to know of a user, copied out of the peers lock.</summary>
/// <param name="Id">The user id.</param>
/// <param name="IsBot">Whether it is a bot.</param>
/// <param name="Phone">The phone, if any.</param>
/// <param name="Username">The username, if any.</param>
internal readonly record struct UserFacts(long Id, bool IsBot, string? Phone, string? Username);
