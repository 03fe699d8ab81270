using Akka.Actor;
using Akka.Event;
using Telethon.Diagnostics;
using Telethon.Embedding;
using Telethon.Events;

namespace Telethon.Handlers;

/// <summary>
/// Runs the handlers of one account on its events, one event at a time in arrival order (which keeps the order per account
/// and per channel, and is the back-pressure the updates actor counts on). For each event it takes the registry's current
/// list and runs, in order, the handlers of the event's type whose filter passes; the first that runs ends the event unless
/// the chain checks all handlers or the handler returns <see cref="HandlerResult.Continue"/>. A handler that throws or
/// outlives <c>handlerTimeout</c> is logged, counted and ends the event; the next event goes on. When the event is done
/// the chain answers <see cref="EventDispatched"/>, and only then may the account's update state move past it.
/// </summary>
/// <remarks>
/// Handlers run on the thread pool (<see cref="Task.Run(Func{Task})"/>), never on the chain's thread: a handler that blocks
/// cannot stop the chain from noticing its timeout. The chain has no children and keeps no handlers of its own: the
/// <see cref="HandlerRegistry"/> outlives it, so a rebuilt chain has every handler. A timed-out handler's task is not
/// stopped (handlers take no token, as in Telethon); its late result is ignored.
/// </remarks>
internal sealed class HandlerChainActor : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly HandlerRegistry _registry;
    private readonly bool _checkAllHandlers;
    private readonly TimeSpan? _handlerTimeout;
    private readonly Queue<(Event Event, long Seq, IActorRef ReplyTo)> _queue = new();
    private Dispatch? _current;
    private long _runs;

    public HandlerChainActor(HandlerRegistry registry, bool checkAllHandlers, TimeSpan? handlerTimeout)
    {
        _registry = registry;
        _checkAllHandlers = checkAllHandlers;
        _handlerTimeout = handlerTimeout;
        Receive<DispatchEvent>(dispatch =>
        {
            _queue.Enqueue((dispatch.Event, dispatch.Seq, Sender));
            if (_current is null)
                StartNext();
        });
        Receive<HandlerDone>(OnDone);
        Receive<HandlerTimedOut>(OnTimedOut);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a chain over <paramref name="registry"/>.</summary>
    /// <param name="registry">The account's handlers.</param>
    /// <param name="checkAllHandlers">Whether every matching handler runs, not only the first (Telethon's <c>check_all_handlers</c>).</param>
    /// <param name="handlerTimeout">How long one handler may run before the chain moves on; null for no limit.</param>
    public static Props Props(HandlerRegistry registry, bool checkAllHandlers = false, TimeSpan? handlerTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (handlerTimeout is { } t && t <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(handlerTimeout), "A handler timeout must be positive.");
        return Akka.Actor.Props.Create(() => new HandlerChainActor(registry, checkAllHandlers, handlerTimeout));
    }

    private void StartNext()
    {
        while (_current is null && _queue.TryDequeue(out var next))
        {
            _current = new Dispatch(next.Event, next.Seq, next.ReplyTo, _registry.Current);
            RunNextHandler();
        }
    }

    /// <summary>Runs the next handler of the current event whose type and filter match, or ends the event.</summary>
    private void RunNextHandler()
    {
        var current = _current!;
        while (current.Index < current.Handlers.Count)
        {
            var handler = current.Handlers[current.Index++];
            if (!handler.EventType.IsInstanceOfType(current.Event) || !Passes(handler, current.Event))
                continue;
            var run = ++_runs;
            current.Run = run;
            current.Running = handler;
            var e = current.Event;
            Task.Run(() => handler.Run(e)).PipeTo(Self,
                success: result => new HandlerDone(run, result, null),
                failure: error => new HandlerDone(run, null, error is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : error));
            if (_handlerTimeout is { } timeout)
                Timers.StartSingleTimer(TimeoutKey.Instance, new HandlerTimedOut(run), timeout);
            return;
        }
        Finish();
    }

    private bool Passes(HandlerRegistration handler, Event e)
    {
        if (handler.Filter is not { } filter)
            return true;
        try
        {
            return filter.Matches(e);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "The filter {0} of handler {1} failed on {2}; the handler does not run", filter, Describe(handler), e);
            return false;
        }
    }

    private void OnDone(HandlerDone done)
    {
        if (_current is not { } current || current.Run != done.Run)
            return; // a handler that timed out finished late
        Timers.Cancel(TimeoutKey.Instance);
        current.HandlersRun++;
        if (done.Error is { } error)
        {
            TelethonMetrics.HandlerFailures.Add(1);
            _log.Error(error, "Handler {0} failed on {1}", Describe(current.Running!), current.Event);
            Finish();
        }
        else if (done.Result == HandlerResult.Continue || _checkAllHandlers)
        {
            RunNextHandler();
        }
        else
        {
            Finish();
        }
    }

    private void OnTimedOut(HandlerTimedOut timedOut)
    {
        if (_current is not { } current || current.Run != timedOut.Run)
            return;
        current.HandlersRun++;
        TelethonMetrics.HandlerTimeouts.Add(1);
        _log.Warning("Handler {0} did not finish {1} within {2} s; the chain moves on", Describe(current.Running!), current.Event,
            _handlerTimeout!.Value.TotalSeconds);
        Finish();
    }

    private void Finish()
    {
        var current = _current!;
        _current = null;
        current.ReplyTo.Tell(new EventDispatched(current.Seq, current.HandlersRun));
        StartNext();
    }

    private static string Describe(HandlerRegistration handler) =>
        $"{handler.Key.Method.DeclaringType?.Name}.{handler.Key.Method.Name} (#{handler.Id})";

    private sealed class Dispatch(Event e, long seq, IActorRef replyTo, IReadOnlyList<HandlerRegistration> handlers)
    {
        public Event Event { get; } = e;

        public long Seq { get; } = seq;

        public IActorRef ReplyTo { get; } = replyTo;

        public IReadOnlyList<HandlerRegistration> Handlers { get; } = handlers;

        public int Index { get; set; }

        public long Run { get; set; }

        public HandlerRegistration? Running { get; set; }

        public int HandlersRun { get; set; }
    }

    private sealed record HandlerDone(long Run, HandlerResult? Result, Exception? Error);

    private sealed record HandlerTimedOut(long Run);

    private sealed class TimeoutKey
    {
        public static readonly TimeoutKey Instance = new();
    }
}
