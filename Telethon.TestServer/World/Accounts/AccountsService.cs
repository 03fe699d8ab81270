using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Telethon.Crypto;
using Telethon.TestServer.Config;

namespace Telethon.TestServer.World;

/// <summary>
/// Accounts and sign-in: registration of users and bots (the other services open their part of a new
/// account from here), home DCs, login codes, 2FA passwords, which auth key is signed in as whom, and
/// what initConnection told about each key. First in the lock order: it may call every other service
/// while holding its lock, and none calls it back while holding theirs.
/// </summary>
internal sealed partial class AccountsService
{
    private readonly TelegramWorld _world;
    private readonly ServiceLock _gate;
    private readonly Dictionary<long, AccountRecord> _accounts = [];
    private readonly Dictionary<(int Dc, long Key), AuthBinding> _auth = [];
    private readonly Dictionary<long, List<AuthBinding>> _authByUser = [];
    private readonly Dictionary<(int Dc, long Key), (int Layer, ClientInfo? Client)> _clients = [];
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ExportedToken> _exports = new(StringComparer.Ordinal);

    public AccountsService(TelegramWorld world)
    {
        _world = world;
        _gate = new ServiceLock(LockRank.Accounts, world.Deliver);
    }

    private WorldOptions Options => _world.Options;

    [GeneratedRegex("^99966([0-9])[0-9]{4}$")]
    private static partial Regex TestPhone();

    // ---- administration (seeds and tests) ----

    /// <summary>Registers a user. Its home DC is X of a 99966XYYYY number, or <paramref name="dc"/>.</summary>
    /// <exception cref="ArgumentException">The phone or username is invalid or taken.</exception>
    public long CreateUser(string phone, string firstName, string lastName = "", string? username = null, int? dc = null)
    {
        ArgumentNullException.ThrowIfNull(firstName);
        using (_gate.Enter())
        {
            var normalized = PeersService.NormalizePhone(phone);
            var home = dc ?? TestPhoneDc(normalized) ?? throw new ArgumentException($"'{phone}' is not a 99966XYYYY number; give its DC.", nameof(phone));
            if (!Options.DcIds.Contains(home))
                throw new ArgumentException($"DC {home} does not exist.", nameof(dc));
            return Register(null, normalized, firstName, lastName ?? "", username, home, botSecret: null);
        }
    }

    /// <summary>Registers a bot with its token <c>&lt;bot id&gt;:&lt;secret&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The token, id or username is invalid or taken.</exception>
    public long CreateBot(string token, string firstName, string? username = null, int? dc = null)
    {
        ArgumentNullException.ThrowIfNull(firstName);
        var (id, secret) = ParseBotToken(token) ?? throw new ArgumentException($"'{token}' is not a bot token <id>:<secret>.", nameof(token));
        using (_gate.Enter())
        {
            if (_accounts.ContainsKey(id))
                throw new ArgumentException($"The id {id} is already used.", nameof(token));
            var home = dc ?? Options.DefaultBotDc;
            if (!Options.DcIds.Contains(home))
                throw new ArgumentException($"DC {home} does not exist.", nameof(dc));
            return Register(id, null, firstName, "", username, home, secret);
        }
    }

    /// <summary>Sets the 2FA password of a user (stores the SRP verifier only; about 100 ms of PBKDF2, outside the lock).</summary>
    public void SetPassword(long userId, string password, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(password);
        var salt1 = RandomBytes(40);
        var salt2 = RandomBytes(16);
        var parameters = new SrpParameters(salt1, salt2, 3, DhValidator.TelegramPrimeBytes);
        var verifier = PasswordSrp.ComputeVerifier(Encoding.UTF8.GetBytes(password), parameters);
        using (_gate.Enter())
        {
            var account = _accounts.TryGetValue(userId, out var a) ? a : throw new ArgumentException($"No user {userId}.", nameof(userId));
            account.Password = new PasswordRecord(parameters, verifier, hint);
        }
    }

    /// <summary>The account an auth key on a DC is authorized for (or waits for the password of), or null.</summary>
    public AuthorizationInfo? Identify(int dcId, long authKeyId)
    {
        using (_gate.Enter())
        {
            if (!_auth.TryGetValue((dcId, authKeyId), out var binding) || !_accounts.TryGetValue(binding.UserId, out var account))
                return null;
            if (_world.Peers.FindFacts(account.Id) is not { } user)
                return null;
            return new AuthorizationInfo(account.Id, account.IsBot, account.HomeDc, binding.PasswordPending, user.Phone, user.Username);
        }
    }

    /// <summary>How many auth keys are signed in (or waiting for the password) as <paramref name="userId"/>.</summary>
    public int AuthorizationCount(long userId)
    {
        using (_gate.Enter())
            return _authByUser.TryGetValue(userId, out var bindings) ? bindings.Count : 0;
    }

    /// <summary>Records the layer and initConnection's client info of an auth key.</summary>
    public void RecordClient(int dcId, long authKeyId, int layer, ClientInfo? client)
    {
        using (_gate.Enter())
        {
            var previous = _clients.GetValueOrDefault((dcId, authKeyId));
            _clients[(dcId, authKeyId)] = (layer != 0 ? layer : previous.Layer, client ?? previous.Client);
        }
    }

    /// <summary>The layer and client info recorded for an auth key.</summary>
    public (int Layer, ClientInfo? Client) GetClient(int dcId, long authKeyId)
    {
        using (_gate.Enter())
            return _clients.GetValueOrDefault((dcId, authKeyId));
    }

    // ---- helpers (under the lock) ----

    /// <summary>
    /// Registers an account with every service that keeps a part of it: the profile (peers), the message
    /// box (messages) and the update stream (updates). A phone user when <paramref name="botId"/> is null.
    /// </summary>
    private long Register(long? botId, string? phone, string firstName, string lastName, string? username, int home, string? botSecret)
    {
        var isBot = botId is not null;
        var id = _world.Peers.AddUser(botId, isBot, phone, firstName, lastName, username);
        _accounts[id] = new AccountRecord(id, isBot, home) { BotSecret = botSecret };
        _world.Messages.AddBox(id, isBot);
        _world.Updates.AddAccount(id, home, new AccountIdentity(id, phone, username));
        return id;
    }

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        Options.Random.Fill(bytes);
        return bytes;
    }

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

    private static int? TestPhoneDc(string normalized)
    {
        var match = TestPhone().Match(normalized);
        return match.Success ? match.Groups[1].Value[0] - '0' : null;
    }

    private static string CodeFor(int dc) => new((char)('0' + dc % 10), 5);

    /// <summary>The normalized phone, its home DC and its account (null when not registered).</summary>
    private (string Phone, int Home, AccountRecord? Account) PhoneAccount(string phone)
    {
        var normalized = PeersService.NormalizePhone(phone);
        if (normalized.Length == 0)
            throw WorldErrors.Bad("PHONE_NUMBER_INVALID");
        if (_world.Peers.FindUserByPhone(normalized) is { } id)
            return (normalized, _accounts[id].HomeDc, _accounts[id]);
        var dc = TestPhoneDc(normalized);
        if (dc is not { } home || !Options.DcIds.Contains(home))
            throw WorldErrors.Bad("PHONE_NUMBER_INVALID");
        return (normalized, home, null);
    }

    private PendingCode CheckCode(string phone, string phoneCodeHash)
    {
        if (string.IsNullOrEmpty(phoneCodeHash))
            throw WorldErrors.Bad("PHONE_CODE_HASH_EMPTY");
        if (!_codes.TryGetValue(phone, out var pending) || pending.Hash != phoneCodeHash)
            throw WorldErrors.Bad("PHONE_CODE_EXPIRED");
        if (pending.Expires < Options.Time.GetUtcNow())
        {
            _codes.Remove(phone);
            throw WorldErrors.Bad("PHONE_CODE_EXPIRED");
        }
        return pending;
    }

    /// <summary>Signs the auth key of <paramref name="session"/> in as <paramref name="userId"/> (replacing what it was signed in as).</summary>
    private void Bind(SessionKey session, long userId, bool passwordPending)
    {
        var key = (session.DcId, session.AuthKeyId);
        if (_auth.Remove(key, out var previous) && _authByUser.TryGetValue(previous.UserId, out var old))
        {
            old.Remove(previous);
            if (previous.UserId != userId)
                RouteUpdates(previous.UserId);
        }
        var binding = new AuthBinding(session.DcId, session.AuthKeyId, userId) { PasswordPending = passwordPending };
        _auth[key] = binding;
        if (!_authByUser.TryGetValue(userId, out var list))
            _authByUser[userId] = list = [];
        list.Add(binding);
        RouteUpdates(userId);
    }

    /// <summary>Tells the updates service where the pushes of <paramref name="userId"/> go now.</summary>
    private void RouteUpdates(long userId)
    {
        var bindings = _authByUser.TryGetValue(userId, out var list) ? list : [];
        _world.Updates.SetRoutes(userId, [.. bindings.Select(b => new PushRoute(b.DcId, b.AuthKeyId, b.PasswordPending))]);
    }

    private static void CheckApi(int apiId, string apiHash)
    {
        if (apiId <= 0 || string.IsNullOrEmpty(apiHash))
            throw new RpcError(400, "API_ID_INVALID");
    }
}
