using Telethon.Session;
using Telethon.Tl.Types;
using Telethon.Tl.Types.Updates;
using static Telethon.Tests.Session.Mb;
using ChannelDifferenceBase = Telethon.Tl.Abcs.Updates.ChannelDifference;
using DifferenceBase = Telethon.Tl.Abcs.Updates.Difference;
using MessageBase = Telethon.Tl.Abcs.Message;
using Update = Telethon.Tl.Abcs.Update;
using UpdatesBase = Telethon.Tl.Abcs.UpdatesBase;

namespace Telethon.Tests.Session;

/// <summary>
/// A ground-truth stream of account, qts and channel updates, a server that serves differences from it,
/// and a lossy network that delivers it shuffled, duplicated, late or not at all, driven through a
/// <see cref="MessageBox"/> on a simulated clock.
/// </summary>
internal sealed class UpdateStreamSimulation
{
    public const long AccountKey = -1;
    public const long QtsKey = -2;
    public static readonly long[] Channels = [1001, 1002, 1003];

    private readonly Random _random;
    private readonly Dictionary<long, List<Event>> _events = [];
    private readonly List<(long Ticks, int Seq, int Date)> _timeline = [];
    private readonly PriorityQueue<Action, (long Ticks, long Order)> _queue = new();
    private readonly int _initialPts;
    private readonly int _initialQts;
    private readonly Dictionary<long, int> _initialChannelPts = [];
    private long _order;
    private long _now;
    private long _end;
    private MessageBox _box = null!;

    public UpdateStreamSimulation(int seed, int pushes)
    {
        _random = new Random(seed);
        _initialPts = _random.Next(1, 1000);
        _initialQts = _random.Next(1, 100);
        foreach (var channel in Channels)
            _initialChannelPts[channel] = _random.Next(1, 500);
        Generate(pushes);
    }

    /// <summary>One update of the ground truth.</summary>
    public sealed record Event(long Id, long Key, int Pts, int Count, Update Update, long Ticks, int Push);

    /// <summary>Every update with pts or qts, by sequence (AccountKey, QtsKey or the channel id), in order.</summary>
    public IReadOnlyDictionary<long, List<Event>> Events => _events;

    /// <summary>The ids of the updates without pts that went in seq containers.</summary>
    public HashSet<long> StatusIds { get; } = [];

    /// <summary>The updates handed out by the box, in order.</summary>
    public List<Update> Delivered { get; } = [];

    /// <summary>The ranges (local, server] lost to a TooLong difference, by sequence.</summary>
    public Dictionary<long, List<(int Local, int Server)>> Lost { get; } = [];

    public int DeliveriesWithheld { get; private set; }
    public int DeliveriesDuplicated { get; private set; }
    public int DifferenceRequests { get; private set; }
    public int ChannelDifferenceRequests { get; private set; }
    public int Slices { get; private set; }
    public int NonFinalChannelParts { get; private set; }
    public int Aborts { get; private set; }
    public int AccountTooLong { get; private set; }
    public int ChannelTooLong { get; private set; }
    public int UsersSurfaced { get; private set; }

    public MessageBox Box => _box;

    public MessageBoxState Initial => new(_initialPts, _initialQts, 1000, 5, _initialChannelPts);

    public int FinalPts(long key) => _events[key].Count == 0
        ? key switch { AccountKey => _initialPts, QtsKey => _initialQts, _ => _initialChannelPts[key] }
        : _events[key][^1].Pts;

    public int FinalSeq => _timeline.Count == 0 ? 5 : _timeline[^1].Seq;

    /// <summary>Runs the network, the server and the box until everything settles.</summary>
    public void Run(MessageBoxOptions options)
    {
        _box = new MessageBox(Initial, T0, options);
        _end = LastScheduled + TimeSpan.FromMinutes(40).Ticks;
        // Deadlines count until the end; the answers to requests made before it are always delivered.
        while (true)
        {
            long? eventAt = _queue.TryPeek(out _, out var at) ? at.Ticks : null;
            var deadline = _box.NextDeadline?.UtcTicks - T0.UtcTicks;
            if (deadline is { } d && d <= _end && (eventAt is null || d <= eventAt))
            {
                _now = Math.Max(_now, d);
                Handle(_box.CheckDeadlines(Now));
            }
            else if (eventAt is { } e)
            {
                _now = Math.Max(_now, e);
                _queue.Dequeue()();
            }
            else
            {
                break;
            }
        }
    }

    private long LastScheduled { get; set; }

    private DateTimeOffset Now => T0.AddTicks(_now);

    private void Schedule(long ticks, Action action)
    {
        LastScheduled = Math.Max(LastScheduled, ticks);
        _queue.Enqueue(action, (ticks, _order++));
    }

    private void Handle(MessageBoxResult result)
    {
        Delivered.AddRange(result.Updates);
        UsersSurfaced += result.Users.Count;
        foreach (var action in result.Actions)
        {
            switch (action)
            {
                case GetDifferenceNeeded get:
                    DifferenceRequests++;
                    Schedule(_now + Ms(_random.Next(20, 400)), () =>
                    {
                        if (_now < _end - TimeSpan.FromMinutes(2).Ticks && _random.NextDouble() < 0.06)
                        {
                            Aborts++;
                            Handle(_box.AbortDifference(Now, Now.AddSeconds(1)));
                        }
                        else
                        {
                            Handle(_box.ApplyDifference(ServeDifference(get.Request.Pts, get.Request.Qts), Now));
                        }
                    });
                    break;
                case GetChannelDifferenceNeeded channel:
                    ChannelDifferenceRequests++;
                    Schedule(_now + Ms(_random.Next(20, 400)), () =>
                    {
                        if (_now < _end - TimeSpan.FromMinutes(2).Ticks && _random.NextDouble() < 0.06)
                        {
                            Aborts++;
                            Handle(_box.AbortChannelDifference(channel.ChannelId, Now, Now.AddSeconds(1)));
                        }
                        else
                        {
                            Handle(_box.ApplyChannelDifference(channel.ChannelId, ServeChannelDifference(channel.ChannelId, channel.Pts, channel.Limit), Now));
                        }
                    });
                    break;
                case AccountResyncNeeded lost:
                    AccountTooLong++;
                    AddLost(AccountKey, lost.LocalPts, lost.ServerPts);
                    break;
                case ChannelResyncNeeded lost:
                    ChannelTooLong++;
                    AddLost(lost.ChannelId, lost.LocalPts, lost.ServerPts);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected action {action}.");
            }
        }
    }

    private void AddLost(long key, int local, int server)
    {
        if (!Lost.TryGetValue(key, out var ranges))
            Lost[key] = ranges = [];
        ranges.Add((local, server));
    }

    private static long Ms(double ms) => TimeSpan.FromMilliseconds(ms).Ticks;

    // ---- The ground truth and the network ----

    private void Generate(int pushes)
    {
        _events[AccountKey] = [];
        _events[QtsKey] = [];
        foreach (var channel in Channels)
            _events[channel] = [];
        var pts = _initialPts;
        var qts = _initialQts;
        var seq = 5;
        var channelPts = new Dictionary<long, int>(_initialChannelPts);
        var nextId = 1;
        long t = 0;
        // One stretch where the connection is down: everything in it is lost and updatesTooLong follows.
        var blackoutStart = _random.Next(pushes / 4, pushes / 2);
        var blackoutEnd = blackoutStart + _random.Next(20, 60);

        for (var push = 0; push < pushes; push++)
        {
            t += Ms(_random.Next(0, 120));
            var date = 1000 + push + 1;
            var updates = new List<Update>();
            UpdatesBase form;
            if (_random.NextDouble() < 0.5)
            {
                var count = _random.Next(1, 4);
                for (var i = 0; i < count; i++)
                {
                    if (_random.NextDouble() < 0.65)
                    {
                        Update update;
                        int n;
                        if (_random.NextDouble() < 0.65)
                        {
                            n = 1;
                            update = NewMessage(nextId, pts + 1);
                        }
                        else
                        {
                            n = _random.Next(1, 4);
                            update = Delete(nextId, pts + n, n);
                        }
                        pts += n;
                        _events[AccountKey].Add(new Event(nextId, AccountKey, pts, n, update, t, push));
                        nextId += n;
                        updates.Add(update);
                    }
                    else
                    {
                        qts++;
                        var update = BotStopped(nextId, qts);
                        _events[QtsKey].Add(new Event(nextId, QtsKey, qts, 1, update, t, push));
                        nextId++;
                        updates.Add(update);
                    }
                }
                var roll = _random.NextDouble();
                if (updates.Count == 1 && updates[0] is UpdateNewMessage single && roll < 0.3)
                {
                    var id = ((MessageEmpty)single.Message).Id;
                    form = roll < 0.15
                        ? new UpdateShortMessage { Id = id, UserId = 5, Message = "m", Pts = single.Pts, PtsCount = 1, Date = date }
                        : new UpdateShortChatMessage { Id = id, FromId = 5, ChatId = 6, Message = "m", Pts = single.Pts, PtsCount = 1, Date = date };
                }
                else if (updates.Count == 1 && roll < 0.5)
                {
                    form = Short(updates[0], date);
                }
                else if (roll < 0.75)
                {
                    if (_random.NextDouble() < 0.5)
                    {
                        updates.Add(Status(nextId));
                        StatusIds.Add(nextId++);
                    }
                    seq++;
                    form = new UpdatesConstructor { Updates = [.. updates], Users = [], Chats = [], Date = date, Seq = seq };
                    _timeline.Add((t, seq, date));
                }
                else if (roll < 0.9)
                {
                    var start = seq + 1;
                    seq += 2;
                    form = new UpdatesCombined { Updates = [.. updates], Users = [], Chats = [], Date = date, SeqStart = start, Seq = seq };
                    _timeline.Add((t, seq, date));
                }
                else
                {
                    form = new UpdatesConstructor { Updates = [.. updates], Users = [], Chats = [], Date = date, Seq = 0 };
                }
            }
            else
            {
                var count = _random.Next(1, 4);
                var channel = Channels[_random.Next(Channels.Length)];
                for (var i = 0; i < count; i++)
                {
                    if (i > 0 && _random.NextDouble() < 0.2)
                        channel = Channels[_random.Next(Channels.Length)];
                    Update update;
                    int n;
                    if (_random.NextDouble() < 0.7)
                    {
                        n = 1;
                        update = ChannelMessage(channel, nextId, channelPts[channel] + 1);
                    }
                    else
                    {
                        n = _random.Next(1, 3);
                        update = ChannelDelete(channel, nextId, channelPts[channel] + n, n);
                    }
                    channelPts[channel] += n;
                    _events[channel].Add(new Event(nextId, channel, channelPts[channel], n, update, t, push));
                    nextId += n;
                    updates.Add(update);
                }
                form = updates.Count == 1 && _random.NextDouble() < 0.5
                    ? Short(updates[0], date)
                    : new UpdatesConstructor { Updates = [.. updates], Users = [], Chats = [], Date = date, Seq = 0 };
            }

            if (push >= blackoutStart && push < blackoutEnd)
            {
                DeliveriesWithheld++;
                if (push == blackoutEnd - 1)
                    Deliver(t + Ms(_random.Next(0, 100)), new UpdatesTooLong());
                continue;
            }
            var plan = _random.NextDouble();
            if (plan < 0.12)
            {
                DeliveriesWithheld++;
            }
            else
            {
                var late = _random.NextDouble() < 0.07;
                Deliver(t + Ms(late ? _random.Next(600, 4000) : _random.Next(0, 250)), form);
                if (plan > 0.85)
                {
                    DeliveriesDuplicated++;
                    Deliver(t + Ms(_random.Next(0, 5000)), form);
                }
            }
            if (_random.NextDouble() < 0.02)
                Deliver(t + Ms(_random.Next(0, 300)), new UpdatesTooLong());
            if (_random.NextDouble() < 0.02)
                Deliver(t + Ms(_random.Next(0, 300)), Short(new UpdateChannelTooLong { ChannelId = Channels[_random.Next(Channels.Length)] }));
        }
    }

    private void Deliver(long ticks, UpdatesBase updates) => Schedule(ticks, () => Handle(_box.Process(updates, Now)));

    // ---- The server ----

    private int AccountPtsAt(long key, long ticks, int initial)
    {
        var value = initial;
        foreach (var e in _events[key])
        {
            if (e.Ticks > ticks)
                break;
            value = e.Pts;
        }
        return value;
    }

    private (int Seq, int Date) SeqAt(long ticks)
    {
        var (seq, date) = (5, 1000);
        foreach (var (at, s, d) in _timeline)
        {
            if (at > ticks)
                break;
            (seq, date) = (s, d);
        }
        return (seq, date);
    }

    private DifferenceBase ServeDifference(int fromPts, int fromQts)
    {
        var pending = _events[AccountKey].Where(e => e.Pts > fromPts && e.Ticks <= _now)
            .Concat(_events[QtsKey].Where(e => e.Pts > fromQts && e.Ticks <= _now))
            .OrderBy(e => e.Push).ThenBy(e => e.Id).ToList();
        var (seqNow, dateNow) = SeqAt(_now);
        if (pending.Count == 0)
            return new DifferenceEmpty { Date = dateNow, Seq = seqNow };
        var accountPending = pending.Count(e => e.Key == AccountKey);
        if (accountPending > 20 && _random.NextDouble() < 0.4)
            return new DifferenceTooLong { Pts = AccountPtsAt(AccountKey, _now, _initialPts) };

        var limit = _random.Next(3, 11);
        var take = Math.Min(limit, pending.Count);
        while (take < pending.Count && pending[take].Push == pending[take - 1].Push)
            take++;
        var part = pending.Take(take).ToList();
        var final = take == pending.Count;

        var (messages, others) = Split(part.Where(e => e.Key == AccountKey));
        others.AddRange(part.Where(e => e.Key == QtsKey).Select(e => e.Update));
        if (final && _random.NextDouble() < 0.15)
            others.Add(new UpdateChannelTooLong { ChannelId = Channels[_random.Next(Channels.Length)] });
        var lastTicks = part[^1].Ticks;
        var (seq, date) = final ? (seqNow, dateNow) : SeqAt(lastTicks);
        var state = new State
        {
            Pts = part.LastOrDefault(e => e.Key == AccountKey)?.Pts ?? fromPts,
            Qts = part.LastOrDefault(e => e.Key == QtsKey)?.Pts ?? fromQts,
            Date = date,
            Seq = seq,
        };
        Telethon.Tl.Abcs.User[] users = [new UserEmpty { Id = 1 }];
        if (final)
            return new Difference { NewMessages = messages, NewEncryptedMessages = [], OtherUpdates = [.. others], Chats = [], Users = users, State = state };
        Slices++;
        return new DifferenceSlice { NewMessages = messages, NewEncryptedMessages = [], OtherUpdates = [.. others], Chats = [], Users = users, IntermediateState = state };
    }

    private ChannelDifferenceBase ServeChannelDifference(long channel, int fromPts, int limit)
    {
        var pending = _events[channel].Where(e => e.Pts > fromPts && e.Ticks <= _now).ToList();
        var serverPts = AccountPtsAt(channel, _now, _initialChannelPts[channel]);
        if (pending.Count == 0)
            return new ChannelDifferenceEmpty { Final = true, Pts = serverPts };
        if (pending.Count > 15 && _random.NextDouble() < 0.4)
        {
            return new ChannelDifferenceTooLong
            {
                Final = true,
                Dialog = new Dialog { Peer = new PeerChannel { ChannelId = channel }, NotifySettings = new PeerNotifySettings(), Pts = serverPts },
                Messages = [],
                Chats = [],
                Users = [],
            };
        }
        var part = pending.Take(limit).ToList();
        var final = part.Count == pending.Count;
        if (!final)
            NonFinalChannelParts++;
        var (messages, others) = Split(part);
        return new ChannelDifference
        {
            Final = final,
            Pts = part[^1].Pts,
            NewMessages = messages,
            OtherUpdates = [.. others],
            Chats = [],
            Users = [],
        };
    }

    /// <summary>New messages at the start of a part go in new_messages (half the time), the rest stays as updates:
    /// the box hands out new_messages first, so this keeps the server's order.</summary>
    private (MessageBase[] Messages, List<Update> Others) Split(IEnumerable<Event> events)
    {
        var messages = new List<MessageBase>();
        var others = new List<Update>();
        var prefix = _random.NextDouble() < 0.5;
        foreach (var e in events)
        {
            var message = e.Update switch
            {
                UpdateNewMessage m => m.Message,
                UpdateNewChannelMessage m => m.Message,
                _ => null,
            };
            if (prefix && message is not null)
            {
                messages.Add(message);
                continue;
            }
            prefix = false;
            others.Add(e.Update);
        }
        return ([.. messages], others);
    }
}
