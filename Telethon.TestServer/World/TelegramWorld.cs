using System.Collections.Concurrent;
using System.Security.Cryptography;
using Telethon.TestServer.Config;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// The in-memory Telegram behind the test server: accounts, bots, contacts, 2FA, private chats, small
/// groups, supergroups and channels, per-account and per-channel message ids, and the pts / qts / seq
/// update streams with their logs for differences.
/// </summary>
/// <remarks>
/// Thread-safe: every method takes one lock around the state and returns quickly (2FA crypto runs
/// outside it). Update pushes are queued under the lock and handed to the <see cref="IUpdateSink"/>s
/// after it is released, one at a time and in the order the world produced them, so a sink may call
/// back into the world. Rule violations are thrown as <see cref="RpcError"/> with Telegram's names.
/// </remarks>
public sealed partial class TelegramWorld
{
    private const long FirstUserId = 1_000_001;
    private const long FirstChatId = 2_000_001;
    private const long FirstChannelId = 3_000_001;

    private readonly Lock _gate = new();
    private readonly Lock _drainGate = new();
    private readonly WorldOptions _options;
    private readonly byte[] _secret;
    private readonly Dictionary<long, UserAccount> _users = [];
    private readonly Dictionary<string, long> _byPhone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PeerKey> _byUsername = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, BasicGroup> _chats = [];
    private readonly Dictionary<long, ChannelRecord> _channels = [];
    private readonly Dictionary<long, List<(long Owner, int Id)>> _copies = [];
    private readonly Dictionary<long, List<Subscription>> _subscriptionsByKey = [];
    private readonly ConcurrentQueue<OutboxItem> _outbox = new();
    private readonly Dictionary<long, List<(UpdatesBase Updates, SessionKey? Exclude)>> _held = [];
    private long _nextUserId = FirstUserId;
    private long _nextChatId = FirstChatId;
    private long _nextChannelId = FirstChannelId;
    private long _nextKey = 1;
    private bool _draining;

    /// <summary>Creates an empty world.</summary>
    public TelegramWorld(WorldOptions? options = null)
    {
        _options = options ?? new WorldOptions();
        if (_options.DcIds.Count == 0)
            throw new ArgumentException("At least one DC is needed.", nameof(options));
        _secret = _options.WorldSecret is { Length: > 0 } s ? [.. s] : RandomBytes(32);
    }

    /// <summary>The options the world was created with.</summary>
    public WorldOptions Options => _options;

    /// <summary>The current time as Telegram dates (Unix seconds).</summary>
    public int Now => (int)_options.Time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// Registers the sink of one MTProto session. Pushes reach it while its auth key is authorized (on
    /// its DC) for an account whose home DC is that DC; a session on another DC (an imported authorization)
    /// gets no pushes, as with Telegram. Dispose the result when the session ends.
    /// </summary>
    public IDisposable Subscribe(SessionKey session, IUpdateSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var subscription = new Subscription(this, session, sink);
        lock (_gate)
        {
            if (!_subscriptionsByKey.TryGetValue(session.AuthKeyId, out var list))
                _subscriptionsByKey[session.AuthKeyId] = list = [];
            list.Add(subscription);
        }
        return subscription;
    }

    /// <summary>The access hash <paramref name="viewerId"/> must use for <paramref name="target"/> (users and channels).</summary>
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

    private byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        _options.Random.Fill(bytes);
        return bytes;
    }

    private long NewKey() => _nextKey++;

    // ---- lookups (under the lock) ----

    private UserAccount UserOrThrow(long id) =>
        _users.TryGetValue(id, out var user) ? user : throw WorldErrors.AuthKeyUnregistered;

    private static AccountIdentity Identity(UserAccount a) => new(a.Id, a.Phone, a.Username);

    private bool IsMember(ChannelRecord channel, long userId) => channel.Members.ContainsKey(userId);

    // ---- TL views ----

    private T.User UserView(UserAccount u, UserAccount viewer)
    {
        var self = u.Id == viewer.Id;
        var contact = viewer.Contacts.Contains(u.Id);
        return new T.User
        {
            Id = u.Id,
            Self = self,
            Contact = contact && !self,
            MutualContact = contact && !self && u.Contacts.Contains(viewer.Id),
            Bot = u.IsBot,
            BotInfoVersion = u.IsBot ? 1 : null,
            AccessHash = AccessHash(viewer.Id, new PeerKey(PeerKind.User, u.Id)),
            FirstName = u.FirstName,
            LastName = string.IsNullOrEmpty(u.LastName) ? null : u.LastName,
            Username = u.Username,
            Phone = u.Phone is not null && (self || u.Contacts.Contains(viewer.Id)) ? u.Phone : null,
            Status = u.IsBot ? null : new T.UserStatusRecently(),
        };
    }

    private Chat ChatView(BasicGroup g, long viewerId)
    {
        var member = g.Members.ContainsKey(viewerId);
        return new T.Chat
        {
            Id = g.Id,
            Title = g.Title,
            Creator = g.CreatorId == viewerId,
            Left = !member,
            Photo = new T.ChatPhotoEmpty(),
            ParticipantsCount = g.Members.Count,
            Date = g.Date,
            Version = g.Version,
        };
    }

    private Chat ChannelView(ChannelRecord c, long viewerId)
    {
        var member = c.Members.TryGetValue(viewerId, out var info);
        return new T.Channel
        {
            Id = c.Id,
            AccessHash = AccessHash(viewerId, new PeerKey(PeerKind.Channel, c.Id)),
            Title = c.Title,
            Username = c.Username,
            Broadcast = c.Broadcast,
            Megagroup = c.Megagroup,
            Creator = c.CreatorId == viewerId,
            Left = !member,
            Photo = new T.ChatPhotoEmpty(),
            Date = c.Date,
            ParticipantsCount = c.Members.Count,
            AdminRights = member && info!.Role != MemberRole.Member ? info.AdminRights ?? FullAdminRights(c.Broadcast) : null,
        };
    }

    private static T.ChatAdminRights FullAdminRights(bool broadcast) => new()
    {
        ChangeInfo = true,
        PostMessages = broadcast,
        EditMessages = broadcast,
        DeleteMessages = true,
        BanUsers = !broadcast,
        InviteUsers = true,
        PinMessages = !broadcast,
        AddAdmins = true,
        ManageCall = true,
        Other = true,
    };

    private static Message MessageView(BoxMessage m)
    {
        var peer = m.Dialog.ToPeer();
        Peer? from = m.Dialog.Kind == PeerKind.Chat || m.Out ? new T.PeerUser { UserId = m.FromId } : null;
        var reply = ReplyHeader(m.ReplyToId);
        if (m.Action is { } action)
            return new T.MessageService { Id = m.Id, Out = m.Out, FromId = from, PeerId = peer, Date = m.Date, Action = action };
        return new T.Message
        {
            Id = m.Id,
            Out = m.Out,
            FromId = from,
            PeerId = peer,
            Date = m.Date,
            MessageValue = m.Text,
            Entities = m.Entities,
            EditDate = m.EditDate,
            ReplyTo = reply,
        };
    }

    private static Message ChannelMessageView(ChannelRecord c, ChannelMessage m, long viewerId)
    {
        var peer = new T.PeerChannel { ChannelId = c.Id };
        var post = c.Broadcast;
        Peer? from = post ? null : new T.PeerUser { UserId = m.FromId };
        var isOut = m.FromId == viewerId;
        if (m.Action is { } action)
            return new T.MessageService { Id = m.Id, Out = isOut, Post = post, FromId = from, PeerId = peer, Date = m.Date, Action = action };
        return new T.Message
        {
            Id = m.Id,
            Out = isOut,
            Post = post,
            FromId = from,
            PeerId = peer,
            Date = m.Date,
            MessageValue = m.Text,
            Entities = m.Entities,
            EditDate = m.EditDate,
            Views = post ? 1 : null,
            Forwards = post ? 0 : null,
            ReplyTo = ReplyHeader(m.ReplyToId),
        };
    }

    /// <summary>The users and chats a set of peers refers to, as <paramref name="viewer"/> sees them.</summary>
    private (User[] Users, Chat[] Chats) Entities(UserAccount viewer, IEnumerable<PeerKey> refs)
    {
        var users = new List<User>();
        var chats = new List<Chat>();
        foreach (var peer in refs.Distinct())
        {
            switch (peer.Kind)
            {
                case PeerKind.User when _users.TryGetValue(peer.Id, out var u):
                    users.Add(UserView(u, viewer));
                    break;
                case PeerKind.Chat when _chats.TryGetValue(peer.Id, out var g):
                    chats.Add(ChatView(g, viewer.Id));
                    break;
                case PeerKind.Channel when _channels.TryGetValue(peer.Id, out var c):
                    chats.Add(ChannelView(c, viewer.Id));
                    break;
            }
        }
        return ([.. users], [.. chats]);
    }

    /// <summary>
    /// The updates container for one account. Its seq is non-zero (and the account's seq advances) only
    /// when it carries an account update without pts or qts (updateChannel, updateChatParticipants,
    /// updateReadChannelInbox, ...); those updates are also logged for differences. Build it once per
    /// account and operation: the caller's answer and the pushes to its other sessions share it.
    /// </summary>
    private T.UpdatesConstructor Container(UserAccount a, Update[] updates, IEnumerable<PeerKey> refs)
    {
        var refArray = refs.Distinct().ToArray();
        var (users, chats) = Entities(a, refArray);
        var seqBearing = false;
        foreach (var update in updates)
        {
            if (!IsSeqUpdate(update))
                continue;
            seqBearing = true;
            a.Log.Add(new AccountLogEntry(LogKind.Seq, a.Pts, 0, a.Qts, Now, update, null, refArray), LogPosition);
        }
        if (seqBearing)
            a.Seq++;
        return new T.UpdatesConstructor { Updates = updates, Users = users, Chats = chats, Date = Now, Seq = seqBearing ? a.Seq : 0 };
    }

    /// <summary>The reply header of a message answering <paramref name="replyToId"/>, or null.</summary>
    private static T.MessageReplyHeader? ReplyHeader(int? replyToId) =>
        replyToId is { } id ? new T.MessageReplyHeader { ReplyToMsgId = id } : null;

    private static bool IsSeqUpdate(Update update) =>
        update is T.UpdateChannel or T.UpdateChatParticipants or T.UpdateReadChannelInbox or T.UpdateReadChannelOutbox or T.UpdateUserName;

    private static (int, int) LogPosition(AccountLogEntry e) => (e.Pts, e.Qts);

    private static (int, int) ChannelLogPosition(ChannelLogEntry e) => (e.Pts, 0);

    // ---- update streams (under the lock) ----

    /// <summary>Logs a pts update; the caller has already advanced <c>a.Pts</c> by <paramref name="count"/>.</summary>
    private void LogPts(UserAccount a, int count, Update update, Message? newMessage, PeerKey[] refs) =>
        a.Log.Add(new AccountLogEntry(LogKind.Pts, a.Pts, count, a.Qts, Now, update, newMessage, refs), LogPosition);

    /// <summary>Logs a qts update; the caller has already advanced <c>a.Qts</c>.</summary>
    private void LogQts(UserAccount a, Update update, PeerKey[] refs) =>
        a.Log.Add(new AccountLogEntry(LogKind.Qts, a.Pts, 0, a.Qts, Now, update, null, refs), LogPosition);

    private void AddChannelEntry(ChannelRecord c, ChannelLogEntry entry) => c.Log.Add(entry, ChannelLogPosition);

    private void Truth(long account, string kind, int pts, int ptsCount, long? channel, int? messageId, int? qts = null)
    {
        if (_options.GroundTruth is not null)
            _outbox.Enqueue(new OutboxItem([], null, new GroundTruthRecord(account, kind, pts, ptsCount, channel, messageId, qts)));
    }

    /// <summary>Queues a push to every session of <paramref name="a"/> (but <paramref name="exclude"/>), through the update faults.</summary>
    private void Push(UserAccount a, UpdatesBase updates, SessionKey? exclude, long? channel, int fromPts, int toPts)
    {
        var fate = _options.UpdateFaults?.Decide(Identity(a), channel, fromPts, toPts) ?? PushFate.Deliver;
        switch (fate)
        {
            case PushFate.Withhold:
                return;
            case PushFate.Reorder:
                if (!_held.TryGetValue(a.Id, out var held))
                    _held[a.Id] = held = [];
                held.Add((updates, exclude));
                return;
        }
        Enqueue(a, updates, exclude);
        if (fate == PushFate.Duplicate)
            Enqueue(a, updates, exclude);
        if (_held.Remove(a.Id, out var late))
        {
            foreach (var (u, x) in late)
                Enqueue(a, u, x);
        }
    }

    private void Enqueue(UserAccount a, UpdatesBase updates, SessionKey? exclude)
    {
        var sinks = new List<IUpdateSink>();
        foreach (var binding in AuthorizationsOf(a.Id))
        {
            if (binding.DcId != a.HomeDc || binding.PasswordPending)
                continue;
            if (!_subscriptionsByKey.TryGetValue(binding.AuthKeyId, out var list))
                continue;
            foreach (var s in list)
            {
                if (s.Session.DcId == binding.DcId && s.Session != exclude)
                    sinks.Add(s.Sink);
            }
        }
        if (sinks.Count > 0)
            _outbox.Enqueue(new OutboxItem([.. sinks], updates, null));
    }

    /// <summary>Hands queued pushes and ground-truth records out, outside the lock, one drainer at a time.</summary>
    private void Drain()
    {
        while (true)
        {
            lock (_drainGate)
            {
                if (_draining || _outbox.IsEmpty)
                    return;
                _draining = true;
            }
            try
            {
                while (_outbox.TryDequeue(out var item))
                {
                    if (item.Truth is { } truth)
                        _options.GroundTruth?.Record(truth);
                    if (item.Updates is null)
                        continue;
                    foreach (var sink in item.Sinks)
                    {
                        try
                        {
                            sink.Push(item.Updates);
                        }
                        catch (Exception e)
                        {
                            _options.Log?.Invoke($"update sink {sink.GetType().Name} threw {e.GetType().Name}: {e.Message}");
                        }
                    }
                }
            }
            finally
            {
                lock (_drainGate)
                    _draining = false;
            }
        }
    }

    /// <summary>Runs <paramref name="action"/> under the lock, then delivers what it queued.</summary>
    private TResult Locked<TResult>(Func<TResult> action)
    {
        try
        {
            lock (_gate)
                return action();
        }
        finally
        {
            Drain();
        }
    }

    private void Locked(Action action)
    {
        try
        {
            lock (_gate)
                action();
        }
        finally
        {
            Drain();
        }
    }

    private sealed record OutboxItem(IUpdateSink[] Sinks, UpdatesBase? Updates, GroundTruthRecord? Truth);

    private sealed class Subscription(TelegramWorld world, SessionKey session, IUpdateSink sink) : IDisposable
    {
        public SessionKey Session { get; } = session;

        public IUpdateSink Sink { get; } = sink;

        public void Dispose()
        {
            lock (world._gate)
            {
                if (world._subscriptionsByKey.TryGetValue(Session.AuthKeyId, out var list))
                {
                    list.Remove(this);
                    if (list.Count == 0)
                        world._subscriptionsByKey.Remove(Session.AuthKeyId);
                }
            }
        }
    }
}
