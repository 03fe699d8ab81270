using Akka.Actor;
using Akka.Event;
using Telethon.Events;

namespace Telethon.Handlers;

/// <summary>
/// Runs one handler of a <see cref="HandlerChainActor"/>, one event at a time, without blocking: the handler's task is
/// piped back as a message. A handler that throws (or whose task faults) is logged with its event, reported to the
/// chain, and this actor fails so that its supervisor, the chain, restarts it.
/// </summary>
public sealed class HandlerActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly object _key;
    private readonly Func<Event, Task<HandlerResult>> _handler;

    /// <summary>Creates the actor.</summary>
    /// <param name="key">The handler's key (for logs).</param>
    /// <param name="handler">The handler.</param>
    public HandlerActor(object key, Func<Event, Task<HandlerResult>> handler)
    {
        _key = key;
        _handler = handler;
        Receive<Run>(OnRun);
        Receive<Finished>(f => Context.Parent.Tell(new Completed(f.Seq, f.Result)));
        Receive<Faulted>(OnFaulted);
    }

    /// <summary>The props of the actor.</summary>
    /// <param name="key">The handler's key (for logs).</param>
    /// <param name="handler">The handler.</param>
    public static Props Props(object key, Func<Event, Task<HandlerResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(handler);
        return Akka.Actor.Props.Create(() => new HandlerActor(key, handler));
    }

    /// <inheritdoc />
    protected override void PostRestart(Exception reason)
    {
        base.PostRestart(reason);
        _log.Debug("Handler {0} restarted after a failure", _key);
    }

    private void OnRun(Run run)
    {
        Task<HandlerResult> task;
        try
        {
            task = _handler(run.Event) ?? Task.FromException<HandlerResult>(
                new InvalidOperationException("The handler returned a null task."));
        }
        catch (Exception ex)
        {
            task = Task.FromException<HandlerResult>(ex);
        }
        task.PipeTo(Self, success: result => new Finished(run.Seq, result),
            failure: ex => new Faulted(run.Seq, run.Event, ex is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerException! : ex));
    }

    private void OnFaulted(Faulted faulted)
    {
        _log.Error(faulted.Cause, "Handler {0} failed on {1}", _key, faulted.Event);
        Context.Parent.Tell(new Completed(faulted.Seq, null));
        throw new HandlerFailedException(faulted.Event, faulted.Cause);
    }

    /// <summary>Runs the handler on an event (from the chain).</summary>
    internal sealed record Run(Event Event, long Seq);

    /// <summary>Tells the chain the handler finished: <paramref name="Result"/> is null when it failed.</summary>
    internal sealed record Completed(long Seq, HandlerResult? Result);

    private sealed record Finished(long Seq, HandlerResult Result);

    private sealed record Faulted(long Seq, Event Event, Exception Cause);

    /// <summary>Makes the supervisor restart the actor after a handler failed (already logged).</summary>
    internal sealed class HandlerFailedException(Event e, Exception inner)
        : Exception($"The handler failed on {e}.", inner);
}
