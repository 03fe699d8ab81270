using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Telethon.Crypto;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

public sealed partial class TelegramWorld
{
    private readonly Dictionary<(int Dc, long Key), AuthBinding> _auth = [];
    private readonly Dictionary<long, List<AuthBinding>> _authByUser = [];
    private readonly Dictionary<(int Dc, long Key), (int Layer, ClientInfo? Client)> _clients = [];
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExportedToken> _exports = new(StringComparer.Ordinal);

    [GeneratedRegex("^99966([0-9])[0-9]{4}$")]
    private static partial Regex TestPhone();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{3,31}$")]
    private static partial Regex UsernamePattern();

    // ---- administration (seeds and tests) ----

    /// <summary>Registers a user. Its home DC is X of a 99966XYYYY number, or <paramref name="dc"/>.</summary>
    /// <exception cref="ArgumentException">The phone or username is invalid or taken.</exception>
    public long CreateUser(string phone, string firstName, string lastName = "", string? username = null, int? dc = null)
    {
        ArgumentNullException.ThrowIfNull(firstName);
        return Locked(() =>
        {
            var normalized = NormalizePhone(phone);
            var home = dc ?? TestPhoneDc(normalized) ?? throw new ArgumentException($"'{phone}' is not a 99966XYYYY number; give its DC.", nameof(phone));
            if (!_options.DcIds.Contains(home))
                throw new ArgumentException($"DC {home} does not exist.", nameof(dc));
            if (_byPhone.ContainsKey(normalized))
                throw new ArgumentException($"The phone {normalized} is already registered.", nameof(phone));
            CheckUsernameFree(username);
            return AddUser(new UserAccount(_nextUserId++) { Phone = normalized, FirstName = firstName, LastName = lastName ?? "", HomeDc = home }, username).Id;
        });
    }

    /// <summary>Registers a bot with its token <c>&lt;bot id&gt;:&lt;secret&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The token, id or username is invalid or taken.</exception>
    public long CreateBot(string token, string firstName, string? username = null, int? dc = null)
    {
        ArgumentNullException.ThrowIfNull(firstName);
        var (id, secret) = ParseBotToken(token) ?? throw new ArgumentException($"'{token}' is not a bot token <id>:<secret>.", nameof(token));
        return Locked(() =>
        {
            if (_users.ContainsKey(id))
                throw new ArgumentException($"The id {id} is already used.", nameof(token));
            var home = dc ?? _options.DefaultBotDc;
            if (!_options.DcIds.Contains(home))
                throw new ArgumentException($"DC {home} does not exist.", nameof(dc));
            CheckUsernameFree(username);
            return AddUser(NewBot(id, secret, firstName, home), username).Id;
        });
    }

    /// <summary>Sets the 2FA password of a user (stores the SRP verifier only; about 100 ms of PBKDF2).</summary>
    public void SetPassword(long userId, string password, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt1 = RandomBytes(40);
        var salt2 = RandomBytes(16);
        var parameters = new SrpParameters(salt1, salt2, 3, DhValidator.TelegramPrimeBytes);
        var verifier = PasswordSrp.ComputeVerifier(Encoding.UTF8.GetBytes(password), parameters);
        Locked(() =>
        {
            var user = _users.TryGetValue(userId, out var u) ? u : throw new ArgumentException($"No user {userId}.", nameof(userId));
            user.Password = new PasswordRecord(parameters, verifier, hint);
        });
    }

    /// <summary>Makes <paramref name="contactId"/> a contact of <paramref name="userId"/> (one way; call twice for mutual contacts).</summary>
    public void AddContact(long userId, long contactId) => Locked(() =>
    {
        if (!_users.TryGetValue(userId, out var user) || !_users.ContainsKey(contactId) || userId == contactId)
            throw new ArgumentException($"No such pair of users {userId}, {contactId}.");
        user.Contacts.Add(contactId);
    });

    /// <summary>The user registered with <paramref name="phone"/>, if any.</summary>
    public long? FindUserByPhone(string phone)
    {
        lock (_gate)
            return _byPhone.TryGetValue(NormalizePhone(phone), out var id) ? id : null;
    }

    /// <summary>The peer that has <paramref name="username"/>, if any.</summary>
    public PeerKey? FindUsername(string username)
    {
        lock (_gate)
            return _byUsername.TryGetValue(username.TrimStart('@'), out var peer) ? peer : null;
    }

    /// <summary>The account an auth key on a DC is authorized for (or waits for the password of), or null.</summary>
    public AuthorizationInfo? Identify(int dcId, long authKeyId)
    {
        lock (_gate)
        {
            if (!_auth.TryGetValue((dcId, authKeyId), out var binding) || !_users.TryGetValue(binding.UserId, out var user))
                return null;
            return new AuthorizationInfo(user.Id, user.IsBot, user.HomeDc, binding.PasswordPending, user.Phone, user.Username);
        }
    }

    /// <summary>How many auth keys are signed in (or waiting for the password) as <paramref name="userId"/>.</summary>
    public int AuthorizationCount(long userId)
    {
        lock (_gate)
            return _authByUser.TryGetValue(userId, out var bindings) ? bindings.Count : 0;
    }

    /// <summary>Records the layer and initConnection's client info of an auth key.</summary>
    public void RecordClient(int dcId, long authKeyId, int layer, ClientInfo? client)
    {
        lock (_gate)
        {
            var previous = _clients.GetValueOrDefault((dcId, authKeyId));
            _clients[(dcId, authKeyId)] = (layer != 0 ? layer : previous.Layer, client ?? previous.Client);
        }
    }

    /// <summary>The layer and client info recorded for an auth key.</summary>
    public (int Layer, ClientInfo? Client) GetClient(int dcId, long authKeyId)
    {
        lock (_gate)
            return _clients.GetValueOrDefault((dcId, authKeyId));
    }

    // ---- auth.* ----

    /// <summary>auth.sendCode: a code (X five times for 99966XYYYY) for a test number on its home DC.</summary>
    public Tl.Abcs.Auth.SentCode SendCode(SessionKey session, string phone) => Locked<Tl.Abcs.Auth.SentCode>(() =>
    {
        var (normalized, home, user) = PhoneAccount(phone);
        if (session.DcId != home)
            throw WorldErrors.Migrate("PHONE", home);
        var hash = Convert.ToHexString(RandomBytes(9)).ToLowerInvariant();
        _codes[normalized] = new PendingCode(hash, CodeFor(home), _options.Time.GetUtcNow() + _options.PhoneCodeLifetime);
        return new T.Auth.SentCode
        {
            Type = user is not null ? new T.Auth.SentCodeTypeApp { Length = 5 } : new T.Auth.SentCodeTypeSms { Length = 5 },
            PhoneCodeHash = hash,
        };
    });

    /// <summary>auth.signIn.</summary>
    public Tl.Abcs.Auth.Authorization SignIn(SessionKey session, string phone, string phoneCodeHash, string? code) => Locked<Tl.Abcs.Auth.Authorization>(() =>
    {
        var (normalized, home, user) = PhoneAccount(phone);
        if (session.DcId != home)
            throw WorldErrors.Migrate("PHONE", home);
        var pending = CheckCode(normalized, phoneCodeHash);
        if (string.IsNullOrEmpty(code))
            throw WorldErrors.Bad("PHONE_CODE_EMPTY");
        if (code != pending.Code)
            throw WorldErrors.Bad("PHONE_CODE_INVALID");
        if (user is null)
        {
            pending.Verified = true;
            return new T.Auth.AuthorizationSignUpRequired();
        }
        _codes.Remove(normalized);
        if (user.Password is not null)
        {
            Bind(session, user.Id, passwordPending: true);
            throw WorldErrors.Unauthorized("SESSION_PASSWORD_NEEDED");
        }
        Bind(session, user.Id, passwordPending: false);
        return new T.Auth.Authorization { User = UserView(user, user) };
    });

    /// <summary>auth.signUp (after auth.signIn answered auth.authorizationSignUpRequired).</summary>
    public Tl.Abcs.Auth.Authorization SignUp(SessionKey session, string phone, string phoneCodeHash, string firstName, string lastName) =>
        Locked<Tl.Abcs.Auth.Authorization>(() =>
        {
            var (normalized, home, user) = PhoneAccount(phone);
            if (session.DcId != home)
                throw WorldErrors.Migrate("PHONE", home);
            if (user is not null)
                throw WorldErrors.Bad("PHONE_NUMBER_OCCUPIED");
            var pending = CheckCode(normalized, phoneCodeHash);
            if (!pending.Verified)
                throw WorldErrors.Bad("PHONE_CODE_INVALID");
            if (string.IsNullOrWhiteSpace(firstName) || firstName.Length > 64)
                throw WorldErrors.Bad("FIRSTNAME_INVALID");
            if (lastName is { Length: > 64 })
                throw WorldErrors.Bad("LASTNAME_INVALID");
            _codes.Remove(normalized);
            var created = AddUser(new UserAccount(_nextUserId++) { Phone = normalized, FirstName = firstName.Trim(), LastName = lastName?.Trim() ?? "", HomeDc = home }, null);
            Bind(session, created.Id, passwordPending: false);
            return new T.Auth.Authorization { User = UserView(created, created) };
        });

    /// <summary>account.getPassword: the current SRP parameters and a fresh srp_B / srp_id.</summary>
    public Tl.Abcs.Account.Password GetPassword(SessionKey session)
    {
        PasswordRecord? record;
        lock (_gate)
        {
            if (!_auth.TryGetValue((session.DcId, session.AuthKeyId), out var binding))
                throw WorldErrors.AuthKeyUnregistered;
            record = _users[binding.UserId].Password;
        }
        var newAlgo = new T.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow
        {
            Salt1 = RandomBytes(8),
            Salt2 = RandomBytes(16),
            G = 3,
            P = DhValidator.TelegramPrimeBytes.ToArray(),
        };
        var secure = new T.SecurePasswordKdfAlgoPBKDF2HMACSHA512iter100000 { Salt = RandomBytes(8) };
        if (record is null)
            return new T.Account.Password { NewAlgo = newAlgo, NewSecureAlgo = secure, SecureRandom = RandomBytes(32) };
        var challenge = PasswordSrp.CreateChallenge(record.Parameters, record.Verifier, _options.Random);
        var srpId = BitConverter.ToInt64(RandomBytes(8));
        lock (_gate)
        {
            record.Challenge = challenge;
            record.SrpId = srpId;
        }
        var p = record.Parameters;
        return new T.Account.Password
        {
            HasPassword = true,
            CurrentAlgo = new T.PasswordKdfAlgoSHA256SHA256PBKDF2HMACSHA512iter100000SHA256ModPow
            {
                Salt1 = p.Salt1.ToArray(),
                Salt2 = p.Salt2.ToArray(),
                G = p.G,
                P = p.P.ToArray(),
            },
            SrpB = challenge.B,
            SrpId = srpId,
            Hint = record.Hint,
            NewAlgo = newAlgo,
            NewSecureAlgo = secure,
            SecureRandom = RandomBytes(32),
        };
    }

    /// <summary>auth.checkPassword: verifies the SRP answer to the latest account.getPassword.</summary>
    public Tl.Abcs.Auth.Authorization CheckPassword(SessionKey session, InputCheckPasswordSRP password)
    {
        ArgumentNullException.ThrowIfNull(password);
        PasswordRecord record;
        SrpServerChallenge challenge;
        lock (_gate)
        {
            if (!_auth.TryGetValue((session.DcId, session.AuthKeyId), out var binding))
                throw WorldErrors.AuthKeyUnregistered;
            record = _users[binding.UserId].Password ?? throw WorldErrors.Bad("PASSWORD_EMPTY");
            if (password is not T.InputCheckPasswordSRP srp)
                throw WorldErrors.Bad("PASSWORD_HASH_INVALID");
            if (record.Challenge is null || srp.SrpId != record.SrpId)
                throw WorldErrors.Bad("SRP_ID_INVALID");
            challenge = record.Challenge;
            record.Challenge = null;
        }
        var answer = (T.InputCheckPasswordSRP)password;
        bool ok;
        try
        {
            ok = PasswordSrp.VerifyAnswer(record.Parameters, record.Verifier, challenge, answer.A, answer.M1);
        }
        catch (Exception e) when (e is DhValidationException or SrpException)
        {
            ok = false;
        }
        if (!ok)
            throw WorldErrors.Bad("PASSWORD_HASH_INVALID");
        return Locked<Tl.Abcs.Auth.Authorization>(() =>
        {
            if (!_auth.TryGetValue((session.DcId, session.AuthKeyId), out var binding))
                throw WorldErrors.AuthKeyUnregistered;
            binding.PasswordPending = false;
            var user = _users[binding.UserId];
            return new T.Auth.Authorization { User = UserView(user, user) };
        });
    }

    /// <summary>auth.importBotAuthorization.</summary>
    public Tl.Abcs.Auth.Authorization ImportBotAuthorization(SessionKey session, string token) => Locked<Tl.Abcs.Auth.Authorization>(() =>
    {
        var (id, secret) = ParseBotToken(token) ?? throw WorldErrors.Bad("ACCESS_TOKEN_INVALID");
        if (!_users.TryGetValue(id, out var bot))
        {
            if (!_options.AllowBotAutocreate)
                throw WorldErrors.Bad("ACCESS_TOKEN_INVALID");
            bot = AddUser(NewBot(id, secret, $"Bot {id}", _options.DefaultBotDc), _byUsername.ContainsKey($"bot{id}_bot") ? null : $"bot{id}_bot");
        }
        if (!bot.IsBot || bot.BotSecret != secret)
            throw WorldErrors.Bad("ACCESS_TOKEN_INVALID");
        if (session.DcId != bot.HomeDc)
            throw WorldErrors.Migrate("USER", bot.HomeDc);
        Bind(session, bot.Id, passwordPending: false);
        return new T.Auth.Authorization { User = UserView(bot, bot) };
    });

    /// <summary>auth.logOut: forgets the authorization of the auth key.</summary>
    public Tl.Abcs.Auth.LoggedOut LogOut(SessionKey session) => Locked<Tl.Abcs.Auth.LoggedOut>(() =>
    {
        if (!_auth.Remove((session.DcId, session.AuthKeyId), out var binding))
            throw WorldErrors.AuthKeyUnregistered;
        if (_authByUser.TryGetValue(binding.UserId, out var list))
            list.Remove(binding);
        return new T.Auth.LoggedOut();
    });

    /// <summary>auth.exportAuthorization: a one-time token to authorize a key on <paramref name="dcId"/>.</summary>
    public Tl.Abcs.Auth.ExportedAuthorization ExportAuthorization(Caller caller, int dcId) => Locked<Tl.Abcs.Auth.ExportedAuthorization>(() =>
    {
        if (!_options.DcIds.Contains(dcId) || dcId == caller.Session.DcId)
            throw WorldErrors.Bad("DC_ID_INVALID");
        var bytes = RandomBytes(64);
        _exports[Convert.ToHexString(bytes)] = new ExportedToken(caller.UserId, dcId, _options.Time.GetUtcNow() + _options.ExportedAuthorizationLifetime);
        return new T.Auth.ExportedAuthorization { Id = caller.UserId, Bytes = bytes };
    });

    /// <summary>auth.importAuthorization: authorizes the key with a token exported for this DC.</summary>
    public Tl.Abcs.Auth.Authorization ImportAuthorization(SessionKey session, long id, byte[] bytes) => Locked<Tl.Abcs.Auth.Authorization>(() =>
    {
        var hex = Convert.ToHexString(bytes ?? []);
        if (!_exports.TryGetValue(hex, out var token) || token.UserId != id || token.DcId != session.DcId
            || token.Expires < _options.Time.GetUtcNow() || !_users.TryGetValue(id, out var user))
            throw WorldErrors.Bad("AUTH_BYTES_INVALID");
        _exports.Remove(hex);
        Bind(session, id, passwordPending: false);
        return new T.Auth.Authorization { User = UserView(user, user) };
    });

    // ---- helpers (under the lock) ----

    private UserAccount AddUser(UserAccount user, string? username)
    {
        user.Date = Now;
        user.Log = new UpdateLog<AccountLogEntry>(_options.AccountLogCapacity);
        _users[user.Id] = user;
        if (user.Phone is not null)
            _byPhone[user.Phone] = user.Id;
        if (username is not null)
        {
            user.Username = username;
            _byUsername[username] = new PeerKey(PeerKind.User, user.Id);
        }
        return user;
    }

    private static UserAccount NewBot(long id, string secret, string firstName, int home) =>
        new(id) { IsBot = true, BotSecret = secret, FirstName = firstName, HomeDc = home };

    private void CheckUsernameFree(string? username)
    {
        if (username is null)
            return;
        if (!UsernamePattern().IsMatch(username))
            throw new ArgumentException($"'{username}' is not a valid username.", nameof(username));
        if (_byUsername.ContainsKey(username))
            throw new ArgumentException($"The username '{username}' is taken.", nameof(username));
    }

    internal static bool IsValidUsername(string username) => UsernamePattern().IsMatch(username);

    internal static (long Id, string Secret)? ParseBotToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
            return null;
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == token.Length - 1)
            return null;
        if (!long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id <= 0)
            return null;
        var secret = token[(colon + 1)..];
        foreach (var c in secret)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_' && c != '-')
                return null;
        }
        return (id, secret);
    }

    internal static string NormalizePhone(string? phone)
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

    private int? TestPhoneDc(string normalized)
    {
        var match = TestPhone().Match(normalized);
        return match.Success ? match.Groups[1].Value[0] - '0' : null;
    }

    private static string CodeFor(int dc) => new((char)('0' + dc % 10), 5);

    /// <summary>The normalized phone, its home DC and its account (null when not registered).</summary>
    private (string Phone, int Home, UserAccount? User) PhoneAccount(string phone)
    {
        var normalized = NormalizePhone(phone);
        if (normalized.Length == 0)
            throw WorldErrors.Bad("PHONE_NUMBER_INVALID");
        if (_byPhone.TryGetValue(normalized, out var id))
            return (normalized, _users[id].HomeDc, _users[id]);
        var dc = TestPhoneDc(normalized);
        if (dc is not { } home || !_options.DcIds.Contains(home))
            throw WorldErrors.Bad("PHONE_NUMBER_INVALID");
        return (normalized, home, null);
    }

    private PendingCode CheckCode(string phone, string phoneCodeHash)
    {
        if (string.IsNullOrEmpty(phoneCodeHash))
            throw WorldErrors.Bad("PHONE_CODE_HASH_EMPTY");
        if (!_codes.TryGetValue(phone, out var pending) || pending.Hash != phoneCodeHash)
            throw WorldErrors.Bad("PHONE_CODE_EXPIRED");
        if (pending.Expires < _options.Time.GetUtcNow())
        {
            _codes.Remove(phone);
            throw WorldErrors.Bad("PHONE_CODE_EXPIRED");
        }
        return pending;
    }

    private void Bind(SessionKey session, long userId, bool passwordPending)
    {
        var key = (session.DcId, session.AuthKeyId);
        if (_auth.Remove(key, out var previous) && _authByUser.TryGetValue(previous.UserId, out var old))
            old.Remove(previous);
        var binding = new AuthBinding(session.DcId, session.AuthKeyId, userId) { PasswordPending = passwordPending };
        _auth[key] = binding;
        if (!_authByUser.TryGetValue(userId, out var list))
            _authByUser[userId] = list = [];
        list.Add(binding);
    }

    private IEnumerable<AuthBinding> AuthorizationsOf(long userId) =>
        _authByUser.TryGetValue(userId, out var list) ? list : [];

    private sealed class AuthBinding(int dcId, long authKeyId, long userId)
    {
        public int DcId { get; } = dcId;
        public long AuthKeyId { get; } = authKeyId;
        public long UserId { get; } = userId;
        public bool PasswordPending { get; set; }
    }

    private sealed class PendingCode(string hash, string code, DateTimeOffset expires)
    {
        public string Hash { get; } = hash;
        public string Code { get; } = code;
        public DateTimeOffset Expires { get; } = expires;
        public bool Verified { get; set; }
    }

    private sealed record ExportedToken(long UserId, int DcId, DateTimeOffset Expires);
}
