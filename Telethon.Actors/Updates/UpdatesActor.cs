using Akka.Actor;
using Akka.Event;
using Telethon.Events;
using Telethon.Handlers;
using Telethon.Sender;
using Telethon.Session;
using Telethon.Tl;
using Telethon.Tl.Functions.Updates;
using ChannelDifferenceBase = Telethon.Tl.Abcs.Updates.ChannelDifference;
using DifferenceBase = Telethon.Tl.Abcs.Updates.Difference;
using TlState = Telethon.Tl.Types.Updates.State;

namespace Telethon.Updates;

/// <summary>
/// Orders the updates of one account and hands them to its handler chain as events. It drives one
/// <see cref="MessageBox"/>: every <see cref="UpdatesArrived"/> goes through <see cref="MessageBox.Process"/>, a single
/// timer calls <see cref="MessageBox.CheckDeadlines"/> at <see cref="MessageBox.NextDeadline"/>, and the differences the
/// box asks for are sent through the sender actor (<see cref="Invoke"/>, with a timeout) and applied, or aborted with a
/// retry time (the FLOOD_WAIT seconds, or <see cref="UpdatesSettings.RetryDelay"/>). Entities are kept in an
/// <see cref="EntityCache"/> (for events, and for the input channel of channel differences) and reported as
/// <see cref="PeersSeen"/>; state changes are reported as <see cref="UpdateStateChanged"/>.
/// </summary>
/// <remarks>
/// All channels live in the one box of the account rather than in per-channel actors: a container mixes account and
/// channel updates under one seq, an account difference carries channel updates and updateChannelTooLong, and a
/// channel's pts has to be read and written in the same step as the account's; the box already keeps each channel's
/// pts, held updates, deadline and difference in flight, and channel differences of several channels run concurrently
/// here because no request blocks the actor.
/// </remarks>
public sealed class UpdatesActor : ReceiveActor, IWithTimers, IWithUnboundedStash
{
    private const string DeadlineTimer = "deadline";
    private const string StateRetryTimer = "get-state";
    private static readonly HashSet<string> ChannelGone =
        ["CHANNEL_PRIVATE", "CHANNEL_INVALID", "CHANNEL_PUBLIC_GROUP_NA", "USER_BANNED_IN_CHANNEL"];

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly IActorRef _handlers;
    private readonly IEventContext _context;
    private readonly UpdatesSettings _settings;
    private readonly EntityCache _entities = new();
    private IActorRef _sender;
    private MessageBox? _box;
    private MessageBoxState? _reportedState;
    private int _pendingEvents;
    private long _droppedEvents;
    private DateTimeOffset? _lastDropWarning;

    /// <summary>Creates the actor.</summary>
    /// <param name="sender">The sender actor of the home DC.</param>
    /// <param name="handlers">The handler chain that gets the events.</param>
    /// <param name="context">The account, given to every event.</param>
    /// <param name="settings">Start state, listeners and limits.</param>
    public UpdatesActor(IActorRef sender, IActorRef handlers, IEventContext context, UpdatesSettings settings)
    {
        _sender = sender;
        _handlers = handlers;
        _context = context;
        _settings = settings;
        foreach (var peer in settings.KnownPeers)
            _entities.Remember(peer);
        Starting();
    }

    /// <summary>The props of the actor.</summary>
    /// <param name="sender">The sender actor of the home DC: it gets <see cref="Invoke"/> for updates.getState,
    /// getDifference and getChannelDifference.</param>
    /// <param name="handlers">The handler chain: it gets <see cref="DispatchEvent"/> and answers
    /// <see cref="EventDispatched"/>.</param>
    /// <param name="context">The account, given to every event.</param>
    /// <param name="settings">Start state, listeners and limits; the defaults when null.</param>
    public static Props Props(IActorRef sender, IActorRef handlers, IEventContext context, UpdatesSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(sender);
        ArgumentNullException.ThrowIfNull(handlers);
        ArgumentNullException.ThrowIfNull(context);
        var s = settings ?? new UpdatesSettings();
        return Akka.Actor.Props.Create(() => new UpdatesActor(sender, handlers, context, s));
    }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <inheritdoc />
    public IStash Stash { get; set; } = null!;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_settings.State is { } state && _settings.CatchUp)
        {
            Start(state);
            Handle(_box!.RequestDifference());
        }
        else
        {
            RequestState();
        }
    }

    private void Starting()
    {
        Receive<StateAnswered>(OnStateAnswered);
        Receive<StateFailed>(f =>
        {
            var retryAt = RetryAt(f.Cause);
            _log.Warning("updates.getState failed ({0}); asking again at {1:O}", f.Cause.Message, retryAt);
            Timers.StartSingleTimer(StateRetryTimer, RetryState.Instance, Max(retryAt - Now, TimeSpan.Zero));
        });
        Receive<RetryState>(_ => RequestState());
        ReceiveCommon();
        ReceiveAny(_ => Stash.Stash());
    }

    private void Running()
    {
        Receive<UpdatesArrived>(OnUpdatesArrived);
        Receive<DeadlineTick>(_ => Handle(_box!.CheckDeadlines(Now)));
        Receive<CatchUpUpdates>(_ => Handle(_box!.RequestDifference()));
        Receive<DifferenceAnswered>(OnDifferenceAnswered);
        Receive<DifferenceFailed>(OnDifferenceFailed);
        Receive<ChannelDifferenceAnswered>(OnChannelDifferenceAnswered);
        Receive<ChannelDifferenceFailed>(OnChannelDifferenceFailed);
        ReceiveCommon();
    }

    private void OnUpdatesArrived(UpdatesArrived arrived)
    {
        if (NamesUnknownPeer(arrived.Updates))
        {
            // A short message names its user by id alone: without the access hash it could not be answered.
            // As Telegram advises, it is fetched again through getDifference, which brings the users along.
            Handle(_box!.RequestDifference());
            return;
        }
        MessageBoxResult result;
        try
        {
            result = _box!.Process(arrived.Updates, Now);
        }
        catch (ArgumentException ex)
        {
            // An Updates constructor the box does not know: dropped, rather than restarting from the initial state.
            _log.Warning("Dropped updates the message box cannot order: {0}", ex.Message);
            return;
        }
        Handle(result);
    }

    private bool NamesUnknownPeer(Telethon.Tl.Abcs.UpdatesBase updates) => updates switch
    {
        Telethon.Tl.Types.UpdateShortMessage m => _entities.GetUser(m.UserId) is not { AccessHash: not null },
        Telethon.Tl.Types.UpdateShortChatMessage m => _entities.GetUser(m.FromId) is not { AccessHash: not null } || _entities.GetChat(m.ChatId) is null,
        _ => false,
    };

    private void ReceiveCommon()
    {
        Receive<EventDispatched>(_ => _pendingEvents = Math.Max(0, _pendingEvents - 1));
        Receive<UseSender>(u => _sender = u.Sender ?? throw new ArgumentException("No sender.", nameof(u)));
        Receive<RememberPeers>(r =>
        {
            var changed = _entities.Remember(r.Users, r.Chats);
            if (changed.Count > 0)
                _settings.PeersListener?.Tell(new PeersSeen(changed));
        });
    }

    private void RequestState() =>
        Request(new GetState(), value => new StateAnswered(value), ex => new StateFailed(ex));

    private void OnStateAnswered(StateAnswered answered)
    {
        if (answered.Value is not TlState state)
        {
            Self.Tell(new StateFailed(Unexpected(answered.Value, "updates.getState")));
            return;
        }
        Start(MessageBoxState.FromTl(state));
        _reportedState = null; // A fresh state is reported, so that it is persisted.
        ReportState();
        ScheduleDeadline();
    }

    private void Start(MessageBoxState state)
    {
        _box = new MessageBox(state, Now, _settings.BoxOptions);
        _reportedState = state;
        Become(Running);
        Stash.UnstashAll();
    }

    private void OnDifferenceAnswered(DifferenceAnswered answered)
    {
        if (!_box!.IsGettingDifference)
            return;
        if (answered.Value is DifferenceBase difference)
            Handle(_box.ApplyDifference(difference, Now));
        else
            OnDifferenceFailed(new DifferenceFailed(Unexpected(answered.Value, "updates.getDifference")));
    }

    private void OnDifferenceFailed(DifferenceFailed failed)
    {
        if (!_box!.IsGettingDifference)
            return;
        var retryAt = RetryAt(failed.Cause);
        _log.Warning("updates.getDifference failed ({0}); asking again at {1:O}", failed.Cause.Message, retryAt);
        Handle(_box.AbortDifference(Now, retryAt));
    }

    private void OnChannelDifferenceAnswered(ChannelDifferenceAnswered answered)
    {
        if (!_box!.IsGettingChannelDifference(answered.ChannelId))
            return;
        if (answered.Value is ChannelDifferenceBase difference)
            Handle(_box.ApplyChannelDifference(answered.ChannelId, difference, Now));
        else
            OnChannelDifferenceFailed(new ChannelDifferenceFailed(answered.ChannelId,
                Unexpected(answered.Value, "updates.getChannelDifference")));
    }

    private void OnChannelDifferenceFailed(ChannelDifferenceFailed failed)
    {
        if (!_box!.IsGettingChannelDifference(failed.ChannelId))
            return;
        if (failed.Cause is RpcError error && ChannelGone.Contains(error.Name))
        {
            _log.Warning("Channel {0} is gone ({1}); its updates are no longer tracked", failed.ChannelId, error.Name);
            _box.ForgetChannel(failed.ChannelId);
            ReportState();
            ScheduleDeadline();
            return;
        }
        var retryAt = RetryAt(failed.Cause);
        _log.Warning("updates.getChannelDifference of {0} failed ({1}); asking again at {2:O}",
            failed.ChannelId, failed.Cause.Message, retryAt);
        Handle(_box.AbortChannelDifference(failed.ChannelId, Now, retryAt));
    }

    /// <summary>Takes everything one call on the box produced, in order: entities, events, actions, state, deadline.</summary>
    private void Handle(MessageBoxResult result)
    {
        if (result.Users.Count > 0 || result.Chats.Count > 0)
        {
            var changed = _entities.Remember(result.Users, result.Chats);
            if (changed.Count > 0)
                _settings.PeersListener?.Tell(new PeersSeen(changed));
        }
        foreach (var update in result.Updates)
        {
            if (EventFactory.Create(update, _entities, _context) is { } e)
                Deliver(e);
        }
        foreach (var action in result.Actions)
            Perform(action);
        ReportState();
        ScheduleDeadline();
    }

    private void Deliver(Event e)
    {
        if (_settings.UpdateQueueLimit is { } limit && _pendingEvents >= limit)
        {
            _droppedEvents++;
            var now = Now;
            if (_lastDropWarning is not { } last || now - last >= _settings.UpdateQueueWarningInterval)
            {
                _lastDropWarning = now;
                _log.Warning("Events are being dropped because the limit of {0} waiting for handlers is reached ({1} dropped so far)",
                    limit, _droppedEvents);
            }
            return;
        }
        _pendingEvents++;
        _handlers.Tell(new DispatchEvent(e), Self);
    }

    private void Perform(MessageBoxAction action)
    {
        switch (action)
        {
            case GetDifferenceNeeded d:
                Request(d.Request, value => new DifferenceAnswered(value), ex => new DifferenceFailed(ex));
                break;
            case GetChannelDifferenceNeeded c:
                if (_entities.GetInputChannel(c.ChannelId) is { } channel)
                {
                    var id = c.ChannelId;
                    Request(c.CreateRequest(channel), value => new ChannelDifferenceAnswered(id, value),
                        ex => new ChannelDifferenceFailed(id, ex));
                }
                else
                {
                    _log.Warning("Channel {0} has no known access hash; its updates are no longer tracked until it shows up again",
                        c.ChannelId);
                    _box!.ForgetChannel(c.ChannelId);
                }
                break;
            case AccountResyncNeeded or ChannelResyncNeeded:
                _log.Warning("Updates were lost: {0}", action);
                _settings.StateListener?.Tell(new UpdatesLost(action));
                break;
            default:
                _log.Warning("Unknown message box action {0}", action);
                break;
        }
    }

    private void Request(TlFunction function, Func<object?, object> success, Func<Exception, object> failure)
    {
        var timeout = _settings.RequestTimeout;
        _sender.Ask<object>(new Invoke(function, timeout), timeout + TimeSpan.FromSeconds(5))
            .PipeTo(Self,
                success: reply => reply switch
                {
                    InvokeResult r => success(r.Value),
                    Status.Failure f => failure(f.Cause),
                    _ => failure(Unexpected(reply, function.TlName)),
                },
                failure: ex => failure(ex is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : ex));
    }

    private void ReportState()
    {
        var state = _box!.GetState();
        if (_reportedState is { } old && SameState(old, state))
            return;
        _reportedState = state;
        _settings.StateListener?.Tell(new UpdateStateChanged(state));
    }

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

    private sealed record StateAnswered(object? Value);

    private sealed record StateFailed(Exception Cause);

    private sealed record RetryState
    {
        public static RetryState Instance { get; } = new();
    }

    private sealed record DeadlineTick
    {
        public static DeadlineTick Instance { get; } = new();
    }

    private sealed record DifferenceAnswered(object? Value);

    private sealed record DifferenceFailed(Exception Cause);

    private sealed record ChannelDifferenceAnswered(long ChannelId, object? Value);

    private sealed record ChannelDifferenceFailed(long ChannelId, Exception Cause);
}
