using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;
using FC = Telethon.Tl.Functions.Contacts;
using FU = Telethon.Tl.Functions.Users;

namespace Telethon.TestServer.World;

/// <summary>
/// Peers and contacts: users and bots as others see them, usernames (of users and channels), phones,
/// contacts, the access hashes each viewer must use, the resolution of input peers, and the users /
/// chats views answers carry. Fourth in the lock order: it calls the chats and messages services only
/// while it does not hold its own lock (resolving a peer seen in a message, viewing chats).
/// </summary>
internal sealed partial class PeersService
{
    private const long FirstUserId = 1_000_001;

    private readonly TelegramWorld _world;
    private readonly ServiceLock _gate;
    private readonly byte[] _secret;
    private readonly Dictionary<long, UserRecord> _users = [];
    private readonly Dictionary<string, long> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PeerKey> _byUsername = new(StringComparer.OrdinalIgnoreCase);
    private long _nextUserId = FirstUserId;

    public PeersService(TelegramWorld world, byte[] secret)
    {
        _world = world;
        _secret = secret;
        _gate = new ServiceLock(LockRank.Peers, world.Deliver);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{3,31}$")]
    private static partial Regex UsernamePattern();

    // ---- registration (from the accounts and chats services) ----

    /// <summary>
    /// Registers a user: <paramref name="id"/> for bots, the next free id for phone users. The id, phone
    /// and username must be free (checked together with the registration).
    /// </summary>
    /// <exception cref="ArgumentException">The id, phone or username is taken, or the username is invalid.</exception>
    public long AddUser(long? id, bool isBot, string? phone, string firstName, string lastName, string? username)
    {
        using (_gate.Enter())
        {
            if (id is { } given && _users.ContainsKey(given))
                throw new ArgumentException($"The id {given} is already used.", nameof(id));
            if (phone is not null && _byPhone.ContainsKey(phone))
                throw new ArgumentException($"The phone {phone} is already registered.", nameof(phone));
            CheckUsernameFreeLocked(username);
            var user = new UserRecord(id ?? _nextUserId++) { IsBot = isBot, Phone = phone, FirstName = firstName, LastName = lastName, Date = _world.Now };
            _users[user.Id] = user;
            if (phone is not null)
                _byPhone[phone] = user.Id;
            if (username is not null)
            {
                user.Username = username;
                _byUsername[username] = new PeerKey(PeerKind.User, user.Id);
            }
            return user.Id;
        }
    }

    /// <summary>Throws unless <paramref name="username"/> is null or a valid username nobody has.</summary>
    /// <exception cref="ArgumentException">The username is invalid or taken.</exception>
    public void CheckUsernameFree(string? username)
    {
        using (_gate.Enter())
            CheckUsernameFreeLocked(username);
    }

    /// <summary>Gives <paramref name="username"/> to a channel (checked together with the claim).</summary>
    /// <exception cref="ArgumentException">The username is invalid or taken.</exception>
    public void ClaimUsername(string username, PeerKey owner)
    {
        using (_gate.Enter())
        {
            CheckUsernameFreeLocked(username);
            _byUsername[username] = owner;
        }
    }

    /// <summary>Whether somebody has <paramref name="username"/>.</summary>
    public bool IsUsernameTaken(string username)
    {
        using (_gate.Enter())
            return _byUsername.ContainsKey(username);
    }

    private void CheckUsernameFreeLocked(string? username)
    {
        if (username is null)
            return;
        if (!UsernamePattern().IsMatch(username))
            throw new ArgumentException($"'{username}' is not a valid username.", nameof(username));
        if (_byUsername.ContainsKey(username))
            throw new ArgumentException($"The username '{username}' is taken.", nameof(username));
    }

    /// <summary>Makes <paramref name="contactId"/> a contact of <paramref name="userId"/> (one way).</summary>
    public void AddContact(long userId, long contactId)
    {
        using (_gate.Enter())
        {
            if (!_users.TryGetValue(userId, out var user) || !_users.ContainsKey(contactId) || userId == contactId)
                throw new ArgumentException($"No such pair of users {userId}, {contactId}.");
            user.Contacts.Add(contactId);
        }
    }

    // ---- lookups ----

    /// <summary>Whether the user exists.</summary>
    public bool UserExists(long userId)
    {
        using (_gate.Enter())
            return _users.ContainsKey(userId);
    }

    /// <summary>The facts of a user.</summary>
    /// <exception cref="RpcError">401 AUTH_KEY_UNREGISTERED: no such user.</exception>
    public UserFacts Facts(long userId)
    {
        using (_gate.Enter())
        {
            var user = UserLocked(userId);
            return new UserFacts(user.Id, user.IsBot, user.Phone, user.Username);
        }
    }

    /// <summary>The facts of a user, or null.</summary>
    public UserFacts? FindFacts(long userId)
    {
        using (_gate.Enter())
            return _users.TryGetValue(userId, out var user) ? new UserFacts(user.Id, user.IsBot, user.Phone, user.Username) : null;
    }

    /// <summary>Whether the user is a bot.</summary>
    /// <exception cref="RpcError">401 AUTH_KEY_UNREGISTERED: no such user.</exception>
    public bool IsBot(long userId) => Facts(userId).IsBot;

    /// <summary>The user registered with <paramref name="phone"/> (normalized), if any.</summary>
    public long? FindUserByPhone(string phone)
    {
        using (_gate.Enter())
            return _byPhone.TryGetValue(NormalizePhone(phone), out var id) ? id : null;
    }

    /// <summary>The peer that has <paramref name="username"/>, if any.</summary>
    public PeerKey? FindUsername(string username)
    {
        using (_gate.Enter())
            return _byUsername.TryGetValue(username.TrimStart('@'), out var peer) ? peer : null;
    }

    private UserRecord UserLocked(long id) =>
        _users.TryGetValue(id, out var user) ? user : throw WorldErrors.AuthKeyUnregistered;

    /// <summary>The access hash <paramref name="viewerId"/> must use for <paramref name="target"/> (users and channels); needs no lock.</summary>
    public long AccessHash(long viewerId, PeerKey target)
    {
        Span<byte> input = stackalloc byte[17];
        BitConverter.TryWriteBytes(input, viewerId);
        BitConverter.TryWriteBytes(input[8..], target.Id);
        input[16] = (byte)target.Kind;
        Span<byte> mac = stackalloc byte[32];
        HMACSHA256.HashData(_secret, input, mac);
        return BitConverter.ToInt64(mac);
    }

    // ---- views ----

    /// <summary><paramref name="userId"/> as <paramref name="viewerId"/> sees it.</summary>
    public T.User UserView(long userId, long viewerId)
    {
        using (_gate.Enter())
            return UserViewLocked(UserLocked(userId), UserLocked(viewerId));
    }

    private T.User UserViewLocked(UserRecord u, UserRecord viewer)
    {
        var self = u.Id == viewer.Id;
        var contact = viewer.Contacts.Contains(u.Id);
        var (firstName, lastName) = contact && viewer.ContactNames.TryGetValue(u.Id, out var named) ? named : (u.FirstName, u.LastName);
        return new T.User
        {
            Id = u.Id,
            Self = self,
            Contact = contact && !self,
            MutualContact = contact && !self && u.Contacts.Contains(viewer.Id),
            Bot = u.IsBot,
            BotInfoVersion = u.IsBot ? 1 : null,
            BotInlinePlaceholder = u.IsBot ? u.InlinePlaceholder : null,
            AccessHash = AccessHash(viewer.Id, new PeerKey(PeerKind.User, u.Id)),
            FirstName = firstName,
            LastName = string.IsNullOrEmpty(lastName) ? null : lastName,
            Username = u.Username,
            Phone = u.Phone is not null && (self || u.Contacts.Contains(viewer.Id) || u.PhoneSharedWith.Contains(viewer.Id)) ? u.Phone : null,
            Status = u.IsBot ? null : new T.UserStatusRecently(),
            Photo = _world.Files.ProfilePhoto(u.Id),
        };
    }

    /// <summary>
    /// The users and chats <paramref name="refs"/> refer to, as <paramref name="viewerId"/> sees them. Takes
    /// the chats lock, then this one: never call it while holding the peers or updates lock.
    /// </summary>
    public PeerViews Views(long viewerId, IEnumerable<PeerKey> refs)
    {
        var distinct = refs.Distinct().ToArray();
        var chats = NeedsChats(distinct) ? _world.Chats.ChatViews(viewerId, distinct) : [];
        using (_gate.Enter())
            return new PeerViews(UserViewsLocked(viewerId, distinct), chats);
    }

    /// <summary><see cref="Views(long, IEnumerable{PeerKey})"/> for several viewers at once (one lock round for all).</summary>
    public Dictionary<long, PeerViews> Views(IReadOnlyCollection<long> viewerIds, IEnumerable<PeerKey> refs)
    {
        var distinct = refs.Distinct().ToArray();
        var chats = NeedsChats(distinct) ? _world.Chats.ChatViews(viewerIds, distinct) : null;
        var views = new Dictionary<long, PeerViews>(viewerIds.Count);
        using (_gate.Enter())
        {
            foreach (var viewerId in viewerIds)
                views[viewerId] = new PeerViews(UserViewsLocked(viewerId, distinct), chats?[viewerId] ?? []);
        }
        return views;
    }

    private static bool NeedsChats(PeerKey[] refs)
    {
        foreach (var peer in refs)
        {
            if (peer.Kind != PeerKind.User)
                return true;
        }
        return false;
    }

    private User[] UserViewsLocked(long viewerId, PeerKey[] distinct)
    {
        var viewer = UserLocked(viewerId);
        var users = new List<User>();
        foreach (var peer in distinct)
        {
            if (peer.Kind == PeerKind.User && _users.TryGetValue(peer.Id, out var u))
                users.Add(UserViewLocked(u, viewer));
        }
        return [.. users];
    }

    // ---- users.* ----

    /// <summary>users.getUsers.</summary>
    public User[] GetUsers(Caller caller, FU.GetUsers request)
    {
        var viewerId = RequireUser(caller.UserId);
        var ids = new List<long>();
        foreach (var input in request.Id ?? [])
            ids.Add(ResolveUser(viewerId, input));
        using (_gate.Enter())
        {
            var viewer = UserLocked(viewerId);
            return [.. ids.Select(id => (User)UserViewLocked(_users[id], viewer))];
        }
    }

    /// <summary>users.getFullUser.</summary>
    public Tl.Abcs.Users.UserFull GetFullUser(Caller caller, FU.GetFullUser request)
    {
        var viewerId = RequireUser(caller.UserId);
        var userId = ResolveUser(viewerId, request.Id);
        var common = userId == viewerId ? 0 : _world.Chats.CommonChatsCount(userId, viewerId);
        using (_gate.Enter())
        {
            var user = _users[userId];
            var full = new T.UserFull
            {
                Id = user.Id,
                About = string.IsNullOrEmpty(user.About) ? null : user.About,
                Settings = new T.PeerSettings(),
                NotifySettings = new T.PeerNotifySettings(),
                CommonChatsCount = common,
            };
            return new T.Users.UserFull { FullUser = full, Chats = [], Users = [UserViewLocked(user, UserLocked(viewerId))] };
        }
    }

    // ---- contacts.* ----

    /// <summary>contacts.resolveUsername.</summary>
    public Tl.Abcs.Contacts.ResolvedPeer ResolveUsername(Caller caller, FC.ResolveUsername request)
    {
        var viewerId = RequireUser(caller.UserId);
        var name = (request.Username ?? "").TrimStart('@');
        if (!IsValidUsername(name))
            throw WorldErrors.Bad("USERNAME_INVALID");
        PeerKey peer;
        using (_gate.Enter())
        {
            if (!_byUsername.TryGetValue(name, out peer))
                throw WorldErrors.Bad("USERNAME_NOT_OCCUPIED");
        }
        var (users, chats) = Views(viewerId, [peer]);
        return new T.Contacts.ResolvedPeer { Peer = peer.ToPeer(), Users = users, Chats = chats };
    }

    /// <summary>contacts.resolvePhone.</summary>
    public Tl.Abcs.Contacts.ResolvedPeer ResolvePhone(Caller caller, FC.ResolvePhone request)
    {
        var viewerId = RequireUser(caller.UserId);
        var normalized = NormalizePhone(request.Phone);
        if (normalized.Length == 0)
            throw WorldErrors.Bad("PHONE_NUMBER_INVALID");
        PeerKey peer;
        using (_gate.Enter())
        {
            if (!_byPhone.TryGetValue(normalized, out var id))
                throw WorldErrors.Bad("PHONE_NOT_OCCUPIED");
            peer = new PeerKey(PeerKind.User, id);
        }
        var (users, chats) = Views(viewerId, [peer]);
        return new T.Contacts.ResolvedPeer { Peer = peer.ToPeer(), Users = users, Chats = chats };
    }

    /// <summary>
    /// contacts.getContacts (contacts.contactsNotModified when the hash matches: the hash of saved_count,
    /// then the sorted contact ids).
    /// </summary>
    public Tl.Abcs.Contacts.Contacts GetContacts(Caller caller, FC.GetContacts request)
    {
        using (_gate.Enter())
        {
            var viewer = UserLocked(caller.UserId);
            var ids = viewer.Contacts.Order().ToArray();
            var saved = viewer.SavedPhones.Count;
            if (request.Hash != 0 && request.Hash == ContactsHash(ids.Prepend(saved)))
                return new T.Contacts.ContactsNotModified();
            var contacts = ids.Select(id => (Contact)new T.Contact { UserId = id, Mutual = _users[id].Contacts.Contains(viewer.Id) }).ToArray();
            var users = ids.Select(id => (User)UserViewLocked(_users[id], viewer)).ToArray();
            return new T.Contacts.Contacts { ContactsValue = contacts, SavedCount = saved, Users = users };
        }
    }

    /// <summary>Throws AUTH_KEY_UNREGISTERED unless the account exists; returns its id.</summary>
    public long RequireUser(long userId)
    {
        using (_gate.Enter())
            return UserLocked(userId).Id;
    }

    // ---- names ----

    /// <summary>Telegram's hash of a list of ids (core.telegram.org/api/offsets#hash-generation).</summary>
    public static long ContactsHash(IEnumerable<long> sortedIds)
    {
        ulong hash = 0;
        foreach (var id in sortedIds)
        {
            hash ^= hash >> 21;
            hash ^= hash << 35;
            hash ^= hash >> 4;
            hash += (ulong)id;
        }
        return (long)hash;
    }

    public static bool IsValidUsername(string username) => UsernamePattern().IsMatch(username);

    /// <summary>The digits of a phone number ("" when it has anything but digits, '+', spaces, '-' and parentheses).</summary>
    public static string NormalizePhone(string? phone)
    {
        var builder = new StringBuilder();
        foreach (var c in phone ?? "")
        {
            if (char.IsAsciiDigit(c))
                builder.Append(c);
            else if (c is not ('+' or ' ' or '-' or '(' or ')'))
                return "";
        }
        return builder.ToString();
    }
}
