using Akka.Actor;
using Akka.Event;
using Telethon.Accounts;
using Telethon.Diagnostics;
using Telethon.Embedding;
using Telethon.Events;
using Telethon.Handlers;
using Telethon.Model;
using Telethon.Session;
using Telethon.Tl;
using Telethon.Tl.Functions.Updates;
using ChannelDifferenceBase = Telethon.Tl.Abcs.Updates.ChannelDifference;
using DifferenceBase = Telethon.Tl.Abcs.Updates.Difference;
using TlState = Telethon.Tl.Types.Updates.State;

namespace Telethon.Updates;

/// <summary>
/// Orders the updates of one signed-in account, hands them to its handler chain as events, and keeps the handled
/// watermark: the update state up to which every event has been handled. It owns one <see cref="MessageBox"/> (every
/// <see cref="UpdatesArrived"/> goes through it; one timer calls <see cref="MessageBox.CheckDeadlines"/>) and the
/// account's <see cref="EntityCache"/>. It talks to its account (the <c>ClientActor</c>): updates.getState, getDifference and
/// getChannelDifference go out as <see cref="AccountRequest"/> on the account's one request path, and the watermark goes
/// back as <see cref="WatermarkAdvanced"/>, which the account gives to the session to persist.
/// </summary>
/// <remarks>
/// <para>Watermark: after each call on the box, the box's state is a checkpoint that becomes handled once the chain has
/// answered <see cref="EventDispatched"/> for every event dispatched before it. The chain handles events one at a time in
/// order, so the watermark is the state after the last event whose handlers have finished, never ahead of it. A live
/// update is one checkpoint; a difference part is one checkpoint, so a crash inside a part repeats the part's handled
/// events.</para>
/// <para>Back-pressure: beyond <see cref="UpdatesSettings.UpdateQueueLimit"/> events waiting for the chain, pushed Updates
/// are set aside unread (<see cref="MessageBox.Skip"/>: nothing advances) and the difference requests the box asks for
/// wait; once half the queue is done they are sent, and the differences bring back what was set aside. Memory stays bounded
/// (the queue, plus the one difference part being handed out) and nothing is lost.</para>
/// <para>All channels live in this one box rather than in an actor each: a container mixes account and channel updates
/// under one seq, an account difference carries channel updates, and channel differences of several channels run at once
/// here because no request blocks the actor.</para>
/// </remarks>
internal sealed class UpdatesActor : ReceiveActor, IWithTimers
{
    private const string DeadlineTimer = "deadline";
    private const string StateRetryTimer = "get-state";
    private static readonly HashSet<string> ChannelGone =
        ["CHANNEL_PRIVATE", "CHANNEL_INVALID", "CHANNEL_PUBLIC_GROUP_NA", "USER_BANNED_IN_CHANNEL"];

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _account;
    private readonly IActorRef _chain;
    private readonly UpdatesSettings _settings;
    private readonly AccountContext _context;
    private readonly EntityCache _entities = new();
    private readonly Dictionary<Guid, PendingRequest> _requests = [];
    private readonly Queue<(long Seq, MessageBoxState State)> _checkpoints = new();
    private readonly List<MessageBoxAction> _deferred = [];
    private MessageBox? _box;
    private MessageBoxState? _handled;
    private MessageBoxState? _lastCheckpoint;
    private long _dispatched;
    private long _completed;
    private bool _paused;
    private bool _missedWhileStarting;
    private long _setAside;
    private DateTimeOffset? _lastQueueWarning;

    public UpdatesActor(IActorRef account, IActorRef chain, UpdatesSettings settings)
    {
        _account = account;
        _chain = chain;
        _settings = settings;
        _context = new AccountContext(account, Context.System, settings.SessionKey, settings.SelfId, settings.SelfUsername, settings.EventRequestTimeout);
        foreach (var peer in settings.KnownPeers)
            _entities.Remember(peer);
        Starting();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the actor.</summary>
    /// <param name="account">Where requests go (<see cref="AccountRequest"/>) and what the actor reports to.</param>
    /// <param name="chain">The handler chain: it gets <see cref="DispatchEvent"/> and answers <see cref="EventDispatched"/>.</param>
    /// <param name="settings">Start state and limits.</param>
    public static Props Props(IActorRef account, IActorRef chain, UpdatesSettings settings)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.UpdateQueueLimit is < 1)
            throw new ArgumentOutOfRangeException(nameof(settings), "The update queue limit must be at least 1.");
        return Akka.Actor.Props.Create(() => new UpdatesActor(account, chain, settings));
    }

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    private long Waiting => _dispatched - _completed;

    protected override void PreStart()
    {
        if (_settings.State is { } state && _settings.CatchUp)
        {
            Start(state, fresh: false);
            Handle(_box!.RequestDifference());
        }
        else
        {
            RequestState();
        }
    }

    private void Starting()
    {
        Receive<UpdatesArrived>(_ => _missedWhileStarting = true);
        Receive<CatchUpUpdates>(_ => _missedWhileStarting = true);
        Receive<RetryState>(_ => RequestState());
        ReceiveCommon();
    }

    private void Running()
    {
        Receive<UpdatesArrived>(OnUpdatesArrived);
        Receive<DeadlineTick>(_ => Handle(_box!.CheckDeadlines(Now)));
        Receive<CatchUpUpdates>(_ => Handle(_box!.RequestDifference()));
        ReceiveCommon();
    }

    private void ReceiveCommon()
    {
        Receive<AccountResult>(OnResult);
        Receive<AccountFailure>(OnFailure);
        Receive<EventDispatched>(OnDispatched);
        // A result's peers: the account records them in the session itself before answering, so they are only remembered here.
        Receive<RememberPeers>(r => _entities.Remember(r.Users, r.Chats));
        Receive<ReportWatermark>(_ =>
        {
            if (_handled is { } handled)
                Sender.Tell(new WatermarkAdvanced(ToUpdateState(handled), handled.ChannelPts));
        });
        Receive<StopUpdates>(_ =>
        {
            Sender.Tell(UpdatesStopped.Instance);
            Context.Stop(Self);
        });
    }

    private void OnUpdatesArrived(UpdatesArrived arrived)
    {
        var updates = arrived.Updates;
        if (_paused)
        {
            // The handler queue is full: read nothing now, fetch it again once there is room.
            _setAside++;
            TelethonMetrics.UpdatesDeferred.Add(1);
            Handle(_box!.Skip(updates, Now));
            return;
        }
        if (NamesUnknownPeer(updates))
        {
            // A short message names its user by id alone: without the access hash it could not be answered. As Telegram
            // advises, it is fetched again through getDifference, which brings the users along.
            Handle(_box!.Skip(updates, Now));
            return;
        }
        MessageBoxResult result;
        try
        {
            result = _box!.Process(updates, Now);
        }
        catch (ArgumentException ex)
        {
            // An Updates constructor the box does not know: dropped, rather than failing the account's update handling.
            _log.Warning("Dropped updates the message box cannot order: {0}", ex.Message);
            return;
        }
        Handle(result);
    }

    private bool NamesUnknownPeer(Tl.Abcs.UpdatesBase updates) => updates switch
    {
        Tl.Types.UpdateShortMessage m => _entities.GetUser(m.UserId) is not { AccessHash: not null },
        Tl.Types.UpdateShortChatMessage m => _entities.GetUser(m.FromId) is not { AccessHash: not null } || _entities.GetChat(m.ChatId) is null,
        _ => false,
    };

    private void RequestState() => Request(PendingRequest.State, new GetState());

    private void Start(MessageBoxState state, bool fresh)
    {
        _box = new MessageBox(state, Now, _settings.BoxOptions);
        _handled = state;
        _lastCheckpoint = state;
        Become(Running);
        _account.Tell(UpdatesStarted.Instance);
        if (fresh)
            _account.Tell(new WatermarkAdvanced(ToUpdateState(state), state.ChannelPts));
        if (_missedWhileStarting)
        {
            // Updates came while the state was unknown: what they carried is fetched now.
            _missedWhileStarting = false;
            Handle(_box.RequestDifference());
        }
        else
        {
            ScheduleDeadline();
        }
    }

    private void Request(PendingRequest kind, TlFunction function)
    {
        var id = Guid.NewGuid();
        _requests.Add(id, kind);
        _account.Tell(new AccountRequest(id, function, _settings.RequestTimeout));
    }

    private void OnResult(AccountResult result)
    {
        if (!_requests.Remove(result.Id, out var kind))
            return;
        switch (kind.Kind)
        {
            case RequestKind.State when result.Value is TlState state:
                Start(MessageBoxState.FromTl(state), fresh: true);
                break;
            case RequestKind.Difference when _box!.IsGettingDifference:
                if (result.Value is DifferenceBase difference)
                    Handle(_box.ApplyDifference(difference, Now));
                else
                    DifferenceFailed(Unexpected(result.Value, "updates.getDifference"));
                break;
            case RequestKind.ChannelDifference when _box!.IsGettingChannelDifference(kind.ChannelId):
                if (result.Value is ChannelDifferenceBase channelDifference)
                    Handle(_box.ApplyChannelDifference(kind.ChannelId, channelDifference, Now));
                else
                    ChannelDifferenceFailed(kind.ChannelId, Unexpected(result.Value, "updates.getChannelDifference"));
                break;
            case RequestKind.State:
                StateFailed(Unexpected(result.Value, "updates.getState"));
                break;
        }
    }

    private void OnFailure(AccountFailure failure)
    {
        if (!_requests.Remove(failure.Id, out var kind))
            return;
        switch (kind.Kind)
        {
            case RequestKind.State:
                StateFailed(failure.Cause);
                break;
            case RequestKind.Difference when _box!.IsGettingDifference:
                DifferenceFailed(failure.Cause);
                break;
            case RequestKind.ChannelDifference when _box!.IsGettingChannelDifference(kind.ChannelId):
                ChannelDifferenceFailed(kind.ChannelId, failure.Cause);
                break;
        }
    }

    private void StateFailed(Exception cause)
    {
        if (cause is RpcError { Code: 401 })
        {
            // The authorization is gone; the account sees the same answer and signs out, which stops this actor.
            _log.Warning("updates.getState was refused ({0}); waiting for the account to sign out", cause.Message);
            return;
        }
        var retryAt = RetryAt(cause);
        _log.Warning("updates.getState failed ({0}); asking again at {1:O}", cause.Message, retryAt);
        Timers.StartSingleTimer(StateRetryTimer, RetryState.Instance, Max(retryAt - Now, TimeSpan.Zero));
    }

    private void DifferenceFailed(Exception cause)
    {
        var retryAt = RetryAt(cause);
        _log.Warning("updates.getDifference failed ({0}); asking again at {1:O}", cause.Message, retryAt);
        Handle(_box!.AbortDifference(Now, retryAt));
    }

    private void ChannelDifferenceFailed(long channelId, Exception cause)
    {
        if (cause is RpcError error && ChannelGone.Contains(error.Name))
        {
            _log.Warning("Channel {0} is gone ({1}); its updates are no longer tracked", channelId, error.Name);
            _box!.ForgetChannel(channelId);
            Checkpoint();
            ScheduleDeadline();
            return;
        }
        var retryAt = RetryAt(cause);
        _log.Warning("updates.getChannelDifference of {0} failed ({1}); asking again at {2:O}", channelId, cause.Message, retryAt);
        Handle(_box!.AbortChannelDifference(channelId, Now, retryAt));
    }

    /// <summary>Takes everything one call on the box produced, in order: entities, events, actions, checkpoint, deadline.</summary>
    private void Handle(MessageBoxResult result)
    {
        if (result.Users.Count > 0 || result.Chats.Count > 0)
            Remember(result.Users, result.Chats);
        foreach (var update in result.Updates)
        {
            if (EventFactory.Create(update, _entities, _context) is { } e)
                Dispatch(e);
        }
        foreach (var action in result.Actions)
            Perform(action);
        Checkpoint();
        ScheduleDeadline();
    }

    private void Remember(IReadOnlyList<Tl.Abcs.User> users, IReadOnlyList<Tl.Abcs.Chat> chats)
    {
        var changed = _entities.Remember(users, chats);
        if (changed.Count > 0)
            _account.Tell(new PeersSeen(changed));
    }

    private void Dispatch(Event e)
    {
        _chain.Tell(new DispatchEvent(e, ++_dispatched));
        if (_settings.UpdateQueueLimit is { } limit && !_paused && Waiting >= limit)
        {
            _paused = true;
            var now = Now;
            if (_lastQueueWarning is not { } last || now - last >= _settings.UpdateQueueWarningInterval)
            {
                _lastQueueWarning = now;
                _log.Warning("{0} events wait for the handlers (the limit): new updates are fetched again once half are done " +
                    "({1} set aside so far)", Waiting, _setAside);
            }
        }
    }

    private void Perform(MessageBoxAction action)
    {
        switch (action)
        {
            case GetDifferenceNeeded or GetChannelDifferenceNeeded when _paused:
                _deferred.Add(action);
                break;
            case GetDifferenceNeeded d:
                Request(PendingRequest.Difference, d.Request);
                break;
            case GetChannelDifferenceNeeded c:
                if (_entities.GetInputChannel(c.ChannelId) is { } channel)
                {
                    Request(PendingRequest.Channel(c.ChannelId), c.CreateRequest(channel));
                }
                else
                {
                    _log.Warning("Channel {0} has no known access hash; its updates are no longer tracked until it shows up again",
                        c.ChannelId);
                    _box!.ForgetChannel(c.ChannelId);
                }
                break;
            case AccountResyncNeeded a:
                Lost(null, a.LocalPts, a.ServerPts);
                break;
            case ChannelResyncNeeded c:
                Lost(_entities.GetChannel(c.ChannelId) ?? new Channel { Id = c.ChannelId }, c.LocalPts, c.ServerPts);
                break;
            default:
                _log.Warning("Unknown message box action {0}", action);
                break;
        }
    }

    private void Lost(Peer? channel, int localPts, int serverPts)
    {
        TelethonMetrics.UpdatesLost.Add(1);
        _log.Warning("Telegram says updates are gone: {0} pts {1} to {2} will not be delivered",
            channel is null ? "the account's" : $"channel {channel.Id}'s", localPts, serverPts);
        Dispatch(new UpdatesLost(_context, channel, localPts, serverPts));
    }

    private void OnDispatched(EventDispatched dispatched)
    {
        if (dispatched.Seq > _completed)
            _completed = dispatched.Seq;
        AdvanceWatermark();
        if (_paused && Waiting <= _settings.UpdateQueueLimit!.Value / 2)
        {
            _paused = false;
            var deferred = _deferred.ToArray();
            _deferred.Clear();
            foreach (var action in deferred)
                Perform(action);
        }
    }

    /// <summary>Records the box's state as the next checkpoint, handled once every event dispatched so far is.</summary>
    private void Checkpoint()
    {
        var state = _box!.GetState();
        if (_lastCheckpoint is { } last && SameState(last, state))
            return;
        _lastCheckpoint = state;
        _checkpoints.Enqueue((_dispatched, state));
        AdvanceWatermark();
    }

    private void AdvanceWatermark()
    {
        MessageBoxState? newest = null;
        while (_checkpoints.TryPeek(out var checkpoint) && checkpoint.Seq <= _completed)
        {
            _checkpoints.Dequeue();
            newest = checkpoint.State;
        }
        if (newest is null)
            return;
        var changed = new Dictionary<long, int>();
        foreach (var (channel, pts) in newest.ChannelPts)
        {
            if (_handled is null || !_handled.ChannelPts.TryGetValue(channel, out var before) || before != pts)
                changed[channel] = pts;
        }
        _handled = newest;
        _account.Tell(new WatermarkAdvanced(ToUpdateState(newest), changed));
    }

    private static UpdateState ToUpdateState(MessageBoxState state) => new(state.Pts, state.Qts, state.Date, state.Seq);

    private static bool SameState(MessageBoxState a, MessageBoxState b)
    {
        if (a.Pts != b.Pts || a.Qts != b.Qts || a.Date != b.Date || a.Seq != b.Seq || a.ChannelPts.Count != b.ChannelPts.Count)
            return false;
        foreach (var (id, pts) in a.ChannelPts)
        {
            if (!b.ChannelPts.TryGetValue(id, out var other) || other != pts)
                return false;
        }
        return true;
    }

    private void ScheduleDeadline()
    {
        if (_box!.NextDeadline is { } deadline)
            Timers.StartSingleTimer(DeadlineTimer, DeadlineTick.Instance, Max(deadline - Now, TimeSpan.Zero));
        else
            Timers.Cancel(DeadlineTimer);
    }

    /// <summary>When to ask again after <paramref name="cause"/>: after the FLOOD_WAIT, or after the retry delay.</summary>
    private DateTimeOffset RetryAt(Exception cause) =>
        cause is RpcError { Name: "FLOOD_WAIT" or "FLOOD_PREMIUM_WAIT", Value: { } seconds }
            ? Now + TimeSpan.FromSeconds(seconds)
            : Now + _settings.RetryDelay;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static InvalidOperationException Unexpected(object? value, string request) =>
        new($"Unexpected answer to {request}: {value?.GetType().Name ?? "null"}.");

    private enum RequestKind
    {
        State,
        Difference,
        ChannelDifference,
    }

    private readonly record struct PendingRequest(RequestKind Kind, long ChannelId)
    {
        public static PendingRequest State => new(RequestKind.State, 0);

        public static PendingRequest Difference => new(RequestKind.Difference, 0);

        public static PendingRequest Channel(long channelId) => new(RequestKind.ChannelDifference, channelId);
    }

    private sealed record RetryState
    {
        public static RetryState Instance { get; } = new();
    }

    private sealed record DeadlineTick
    {
        public static DeadlineTick Instance { get; } = new();
    }
}
