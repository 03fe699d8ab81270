using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// The in-memory Telegram behind the test server: accounts, bots, contacts, 2FA, private chats, small
/// groups, supergroups and channels, per-account and per-channel message ids, and the pts / qts / seq
/// update streams with their logs for differences.
/// </summary>
/// <remarks>
/// A facade over the world's services (accounts, messages, chats, peers, updates), each owning its state
/// under its own lock; the locks are only ever taken in that order (World/README.md tells the whole
/// story). The RPC table calls the services directly; this class keeps the seeding and lookup API and
/// the few calls made without a dispatcher. Thread-safe: update pushes are handed to the
/// <see cref="IUpdateSink"/>s outside every lock, one at a time and in the order the world produced them,
/// so a sink may call back into the world. Rule violations are thrown as <see cref="RpcError"/> with
/// Telegram's names.
/// </remarks>
public sealed class TelegramWorld
{
    /// <summary>The most updates a user (not a bot) gets per updates.getChannelDifference.</summary>
    public const int ChannelDifferenceLimitUser = 100;

    /// <summary>The most updates a bot gets per updates.getChannelDifference.</summary>
    public const int ChannelDifferenceLimitBot = 100_000;

    /// <summary>The longest message text accepted.</summary>
    public const int MessageLengthMax = MessagesService.MessageLengthMax;

    /// <summary>The longest channel description accepted.</summary>
    public const int AboutLengthMax = ChatsService.AboutLengthMax;

    /// <summary>Creates an empty world.</summary>
    public TelegramWorld(WorldOptions? options = null)
    {
        Options = options ?? new WorldOptions();
        if (Options.DcIds.Count == 0)
            throw new ArgumentException("At least one DC is needed.", nameof(options));
        if (Options.FileDc is { } fileDc && !Options.DcIds.Contains(fileDc))
            throw new ArgumentException($"The file DC {fileDc} is not among the DCs.", nameof(options));
        byte[] secret = Options.WorldSecret is { Length: > 0 } s ? [.. s] : RandomSecret(Options);
        Updates = new UpdatesService(this);
        Files = new FilesService(this, secret);
        Peers = new PeersService(this, secret);
        Chats = new ChatsService(this);
        Messages = new MessagesService(this);
        Accounts = new AccountsService(this);
        Bots = new BotsService(this);
    }

    /// <summary>The options the world was created with.</summary>
    public WorldOptions Options { get; }

    /// <summary>The current time as Telegram dates (Unix seconds).</summary>
    public int Now => (int)Options.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>Sign-in, codes, 2FA, authorizations, bots, home DCs.</summary>
    internal AccountsService Accounts { get; }

    /// <summary>Callback and inline queries waiting on bots, and the inline results they answered.</summary>
    internal BotsService Bots { get; }

    /// <summary>Private chats' and small groups' message boxes.</summary>
    internal MessagesService Messages { get; }

    /// <summary>Small groups, supergroups and channels.</summary>
    internal ChatsService Chats { get; }

    /// <summary>Users, usernames, contacts, access hashes, input resolution, views.</summary>
    internal PeersService Peers { get; }

    /// <summary>Uploaded parts, stored files, photos, documents, profile photos, downloads.</summary>
    internal FilesService Files { get; }

    /// <summary>pts / qts / seq, update logs, differences, subscriptions and pushes.</summary>
    internal UpdatesService Updates { get; }

    /// <summary>Delivers queued pushes; every service lock calls it when a thread lets go of its last world lock.</summary>
    internal void Deliver() => Updates.Deliver();

    /// <summary>
    /// Registers the sink of one MTProto session. Pushes reach it while its auth key is authorized (on
    /// its DC) for an account whose home DC is that DC; a session on another DC (an imported authorization)
    /// gets no pushes, as with Telegram. Dispose the result when the session ends.
    /// </summary>
    public IDisposable Subscribe(SessionKey session, IUpdateSink sink) => Updates.Subscribe(session, sink);

    /// <summary>The access hash <paramref name="viewerId"/> must use for <paramref name="target"/> (users and channels).</summary>
    public long AccessHash(long viewerId, PeerKey target) => Peers.AccessHash(viewerId, target);

    // ---- administration (seeds and tests) ----

    /// <summary>Registers a user. Its home DC is X of a 99966XYYYY number, or <paramref name="dc"/>.</summary>
    /// <exception cref="ArgumentException">The phone or username is invalid or taken.</exception>
    public long CreateUser(string phone, string firstName, string lastName = "", string? username = null, int? dc = null) =>
        Accounts.CreateUser(phone, firstName, lastName, username, dc);

    /// <summary>Registers a bot with its token <c>&lt;bot id&gt;:&lt;secret&gt;</c>.</summary>
    /// <exception cref="ArgumentException">The token, id or username is invalid or taken.</exception>
    public long CreateBot(string token, string firstName, string? username = null, int? dc = null) =>
        Accounts.CreateBot(token, firstName, username, dc);

    /// <summary>
    /// Turns a bot's inline mode on with its placeholder (bot_inline_placeholder), or off with null (then
    /// messages.getInlineBotResults answers BOT_INLINE_DISABLED, as for bots created without one).
    /// </summary>
    /// <exception cref="ArgumentException">The user is not a bot, or the placeholder is empty.</exception>
    public void SetBotInlinePlaceholder(long botId, string? placeholder) => Peers.SetInlinePlaceholder(botId, placeholder);

    /// <summary>Sets the 2FA password of a user (stores the SRP verifier only; about 100 ms of PBKDF2).</summary>
    public void SetPassword(long userId, string password, string? hint = null) => Accounts.SetPassword(userId, password, hint);

    /// <summary>Makes <paramref name="contactId"/> a contact of <paramref name="userId"/> (one way; call twice for mutual contacts).</summary>
    public void AddContact(long userId, long contactId) => Peers.AddContact(userId, contactId);

    /// <summary>Creates a small group (seeds and tests); returns its id.</summary>
    public long CreateChat(long creatorId, string title, IEnumerable<long> memberIds) => Messages.CreateChat(creatorId, title, memberIds);

    /// <summary>Creates a supergroup (<paramref name="broadcast"/> false) or broadcast channel with members; returns its id.</summary>
    public long CreateChannel(long creatorId, string title, bool broadcast, string? username = null, IEnumerable<long>? memberIds = null, string about = "") =>
        Chats.CreateChannel(creatorId, title, broadcast, username, memberIds, about);

    /// <summary>Makes a member an administrator of a channel (with full rights unless given).</summary>
    public void PromoteToAdmin(long channelId, long userId, T.ChatAdminRights? rights = null) => Chats.PromoteToAdmin(channelId, userId, rights);

    /// <summary>Turns content protection (no forwarding) of a small group or channel on or off.</summary>
    public void SetNoForwards(PeerKey chat, bool enabled) => Chats.SetNoforwards(chat, enabled);

    /// <summary>Makes every file reference handed out so far stale: using one answers FILE_REFERENCE_EXPIRED until the client fetches the message (or photo) again.</summary>
    public void ExpireFileReferences() => Files.ExpireFileReferences();

    // ---- lookups ----

    /// <summary>The user registered with <paramref name="phone"/>, if any.</summary>
    public long? FindUserByPhone(string phone) => Peers.FindUserByPhone(phone);

    /// <summary>The peer that has <paramref name="username"/>, if any.</summary>
    public PeerKey? FindUsername(string username) => Peers.FindUsername(username);

    /// <summary>Whether the user, chat or channel exists.</summary>
    public bool Exists(PeerKey peer) => peer.Kind switch
    {
        PeerKind.User => Peers.UserExists(peer.Id),
        PeerKind.Chat => Chats.ChatExists(peer.Id),
        _ => Chats.ChannelExists(peer.Id),
    };

    /// <summary>The account an auth key on a DC is authorized for (or waits for the password of), or null.</summary>
    public AuthorizationInfo? Identify(int dcId, long authKeyId) => Accounts.Identify(dcId, authKeyId);

    /// <summary>How many auth keys are signed in (or waiting for the password) as <paramref name="userId"/>.</summary>
    public int AuthorizationCount(long userId) => Accounts.AuthorizationCount(userId);

    /// <summary>Records the layer and initConnection's client info of an auth key.</summary>
    public void RecordClient(int dcId, long authKeyId, int layer, ClientInfo? client) => Accounts.RecordClient(dcId, authKeyId, layer, client);

    /// <summary>The layer and client info recorded for an auth key.</summary>
    public (int Layer, ClientInfo? Client) GetClient(int dcId, long authKeyId) => Accounts.GetClient(dcId, authKeyId);

    // ---- calls without a dispatcher (tests, samples) ----

    /// <summary>auth.sendCode: a code (X five times for 99966XYYYY) for a test number on its home DC.</summary>
    public Tl.Abcs.Auth.SentCode SendCode(SessionKey session, string phone) => Accounts.SendCode(session, phone);

    /// <summary>auth.signIn.</summary>
    public Tl.Abcs.Auth.Authorization SignIn(SessionKey session, string phone, string phoneCodeHash, string? code) =>
        Accounts.SignIn(session, phone, phoneCodeHash, code);

    /// <summary>account.getPassword: the current SRP parameters and a fresh srp_B / srp_id.</summary>
    public Tl.Abcs.Account.Password GetPassword(SessionKey session) => Accounts.GetPassword(session);

    /// <summary>auth.checkPassword: verifies the SRP answer to the latest account.getPassword.</summary>
    public Tl.Abcs.Auth.Authorization CheckPassword(SessionKey session, InputCheckPasswordSRP password) => Accounts.CheckPassword(session, password);

    /// <summary>auth.importBotAuthorization.</summary>
    public Tl.Abcs.Auth.Authorization ImportBotAuthorization(SessionKey session, string token) => Accounts.ImportBotAuthorization(session, token);

    /// <summary>
    /// messages.sendMessage. Private chats answer updateShortSentMessage and push updateShortMessage
    /// (each side its own id and pts); small groups answer updates and push updateShortChatMessage;
    /// channels answer and push updates with updateNewChannelMessage (one id, the channel's pts).
    /// </summary>
    public UpdatesBase SendMessage(Caller caller, InputPeer peer, string message, long randomId, MessageEntity[]? entities = null, InputReplyTo? replyTo = null) =>
        Messages.SendMessage(caller, peer, message, randomId, entities, replyTo);

    /// <summary>The account's update state (pts, qts, seq) as updates.getState answers it.</summary>
    public Tl.Abcs.Updates.State GetState(Caller caller) => Updates.GetState(caller);

    // ---- names ----

    /// <summary>Telegram's hash of a list of ids (core.telegram.org/api/offsets#hash-generation).</summary>
    public static long ContactsHash(IEnumerable<long> sortedIds) => PeersService.ContactsHash(sortedIds);

    internal static string NormalizePhone(string? phone) => PeersService.NormalizePhone(phone);

    private static byte[] RandomSecret(WorldOptions options)
    {
        var bytes = new byte[32];
        options.Random.Fill(bytes);
        return bytes;
    }
}
