using System.Collections.Concurrent;
using Telethon.TestServer.Config;
using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>
/// Updates and differences: every account's <see cref="AccountStream"/> (pts, qts, seq, log, push
/// routes), the sessions subscribed for pushes, and the outbox that hands pushes and ground-truth
/// records out in the order they were queued. Last in the lock order: it calls no other service while
/// it holds its lock (the differences gather what they need from the others before or after).
/// </summary>
/// <remarks>
/// A service that produces updates holds its own lock, takes this one with <see cref="Hold"/> and
/// numbers, logs, records and queues each update of an account under it (<see cref="AccountStream"/>);
/// the views an update carries are built before, since the peers and chats services come earlier in
/// the order. The outbox is delivered when the thread lets go of its last world lock.
/// </remarks>
internal sealed partial class UpdatesService
{
    private readonly TelegramWorld _world;
    private readonly ServiceLock _gate;
    private readonly Dictionary<long, AccountStream> _streams = [];
    private readonly Dictionary<long, List<Subscription>> _subscriptionsByKey = [];
    private readonly ConcurrentQueue<OutboxItem> _outbox = new();
    private readonly Lock _drainGate = new();
    private bool _draining;

    public UpdatesService(TelegramWorld world)
    {
        _world = world;
        _gate = new ServiceLock(LockRank.Updates, world.Deliver);
    }

    /// <summary>The current time as Telegram dates.</summary>
    public int Now => _world.Now;

    /// <summary>The faults applied to pushes, or null.</summary>
    public UpdateFaults? Faults => _world.Options.UpdateFaults;

    /// <summary>Takes the updates lock until the result is disposed (to number, log and push updates).</summary>
    public ServiceLock.Scope Hold() => _gate.Enter();

    /// <summary>Throws unless the calling thread holds the updates lock.</summary>
    public void EnsureHeld() => _gate.EnsureHeld();

    /// <summary>The stream of an account; needs the updates lock.</summary>
    public AccountStream Stream(long accountId)
    {
        _gate.EnsureHeld();
        return _streams.TryGetValue(accountId, out var stream) ? stream : throw WorldErrors.AuthKeyUnregistered;
    }

    /// <summary>The account's pts now.</summary>
    public int CurrentPts(long accountId)
    {
        using (_gate.Enter())
            return Stream(accountId).Pts;
    }

    /// <summary>Opens the stream of a new account.</summary>
    public void AddAccount(long accountId, int homeDc, AccountIdentity identity)
    {
        using (_gate.Enter())
            _streams[accountId] = new AccountStream(this, accountId, homeDc, identity, _world.Options.AccountLogCapacity);
    }

    /// <summary>Replaces the auth keys an account's pushes go to.</summary>
    public void SetRoutes(long accountId, PushRoute[] routes)
    {
        using (_gate.Enter())
        {
            if (_streams.TryGetValue(accountId, out var stream))
                stream.Routes = routes;
        }
    }

    /// <summary>Registers the sink of one MTProto session (see <see cref="TelegramWorld.Subscribe"/>).</summary>
    public IDisposable Subscribe(SessionKey session, IUpdateSink sink)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var subscription = new Subscription(this, session, sink);
        using (_gate.Enter())
        {
            if (!_subscriptionsByKey.TryGetValue(session.AuthKeyId, out var list))
                _subscriptionsByKey[session.AuthKeyId] = list = [];
            list.Add(subscription);
        }
        return subscription;
    }

    /// <summary>Queues a ground-truth record (when the world keeps them); needs the updates lock.</summary>
    internal void QueueTruth(GroundTruthRecord record)
    {
        if (_world.Options.GroundTruth is not null)
            _outbox.Enqueue(new OutboxItem([], null, record));
    }

    /// <summary>Queues a push to the sessions of <paramref name="stream"/>'s authorized keys on its home DC; needs the updates lock.</summary>
    internal void QueuePush(AccountStream stream, UpdatesBase updates, SessionKey? exclude)
    {
        var sinks = new List<IUpdateSink>();
        foreach (var route in stream.Routes)
        {
            if (route.DcId != stream.HomeDc || route.PasswordPending)
                continue;
            if (!_subscriptionsByKey.TryGetValue(route.AuthKeyId, out var list))
                continue;
            foreach (var s in list)
            {
                if (s.Session.DcId == route.DcId && s.Session != exclude)
                    sinks.Add(s.Sink);
            }
        }
        if (sinks.Count > 0)
            _outbox.Enqueue(new OutboxItem([.. sinks], updates, null));
    }

    /// <summary>
    /// Hands queued pushes and ground-truth records out, one drainer at a time; called when a thread lets
    /// go of its last world lock, so sinks run outside every lock and may call back into the world.
    /// </summary>
    public void Deliver()
    {
        while (!_outbox.IsEmpty)
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
                        _world.Options.GroundTruth?.Record(truth);
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
                            _world.Options.Log?.Invoke($"update sink {sink.GetType().Name} threw {e.GetType().Name}: {e.Message}");
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

    private sealed record OutboxItem(IUpdateSink[] Sinks, UpdatesBase? Updates, GroundTruthRecord? Truth);

    private sealed class Subscription(UpdatesService owner, SessionKey session, IUpdateSink sink) : IDisposable
    {
        public SessionKey Session { get; } = session;

        public IUpdateSink Sink { get; } = sink;

        public void Dispose()
        {
            using (owner._gate.Enter())
            {
                if (owner._subscriptionsByKey.TryGetValue(Session.AuthKeyId, out var list))
                {
                    list.Remove(this);
                    if (list.Count == 0)
                        owner._subscriptionsByKey.Remove(Session.AuthKeyId);
                }
            }
        }
    }
}
