using Akka.Actor;
using Akka.Event;
using Telethon.Events;
using Telethon.Filters;

namespace Telethon.Handlers;

/// <summary>
/// The event handlers of one account, in registration order, each run by a supervised <see cref="HandlerActor"/>
/// child (<c>handler-&lt;n&gt;</c>). For each event the handlers of its type whose filter passes run one after the
/// other; the first that runs ends the event unless <c>checkAllHandlers</c> is set or it returns
/// <see cref="HandlerResult.Continue"/>. A handler that fails ends the event (as in Telethon), is restarted, and the
/// next events go on. Events are handled one at a time in arrival order: the next waits for the previous one's
/// handlers, which keeps per-account order and back-pressure (see <see cref="EventDispatched"/>).
/// </summary>
public sealed class HandlerChainActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly bool _checkAllHandlers;
    private readonly List<Entry> _entries = [];
    private readonly Queue<(Event Event, IActorRef ReplyTo)> _queue = new();
    private long _nextChild;
    private long _seq;
    private Dispatch? _current;

    /// <summary>Creates the chain.</summary>
    /// <param name="checkAllHandlers">Whether every matching handler runs, not only the first.</param>
    public HandlerChainActor(bool checkAllHandlers)
    {
        _checkAllHandlers = checkAllHandlers;
        Receive<DispatchEvent>(OnDispatch);
        Receive<HandlerActor.Completed>(OnCompleted);
        Receive<AddHandler>(OnAdd);
        Receive<RemoveHandler>(OnRemove);
        Receive<GetHandlerFilter>(g =>
        {
            var entry = _entries.Find(e => Equals(e.Key, g.Key));
            Sender.Tell(new HandlerFilterReply(g.Key, entry is not null, entry?.Filter));
        });
        Receive<SetHandlerFilter>(s =>
        {
            var found = false;
            foreach (var entry in _entries.Where(e => Equals(e.Key, s.Key)))
            {
                entry.Filter = s.Filter;
                found = true;
            }
            Reply(new HandlerChanged(s.Key, found));
        });
    }

    /// <summary>The props of the chain.</summary>
    /// <param name="checkAllHandlers">Whether every matching handler runs, not only the first (Telethon's
    /// <c>check_all_handlers</c>).</param>
    public static Props Props(bool checkAllHandlers = false) =>
        Akka.Actor.Props.Create(() => new HandlerChainActor(checkAllHandlers));

    /// <summary>Handler actors are restarted whatever they threw: a failing handler never stops the account.
    /// The failure is logged by the handler actor, with its event.</summary>
    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(-1, -1, _ => Directive.Restart, loggingEnabled: false);

    private void Reply(object message)
    {
        if (!Sender.IsNobody())
            Sender.Tell(message);
    }

    private void OnAdd(AddHandler add)
    {
        // A bad registration is refused, never thrown: a failing chain would lose every handler.
        if (add.Key is null || add.Handler is null || add.EventType is null || !typeof(Event).IsAssignableFrom(add.EventType))
        {
            _log.Warning("Refused a handler registration: {0}", add);
            Reply(new Status.Failure(new ArgumentException($"Not a valid handler registration: {add}.", nameof(add))));
            return;
        }
        var child = Context.ActorOf(HandlerActor.Props(add.Key, add.Handler), $"handler-{++_nextChild}");
        _entries.Add(new Entry(add.Key, add.EventType, child) { Filter = add.Filter });
        Reply(new HandlerChanged(add.Key, true));
    }

    private void OnRemove(RemoveHandler remove)
    {
        var removed = _entries.FindAll(e => Equals(e.Key, remove.Key));
        foreach (var entry in removed)
        {
            _entries.Remove(entry);
            entry.Removed = true;
            Context.Stop(entry.Child);
        }
        Reply(new HandlerChanged(remove.Key, removed.Count > 0));
        // A removed handler that is running now counts as having handled the event.
        if (_current is { Running: { Removed: true } })
            Advance(HandlerResult.Handled);
    }

    private void OnDispatch(DispatchEvent dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch.Event);
        _queue.Enqueue((dispatch.Event, Sender));
        if (_current is null)
            StartNext();
    }

    private void StartNext()
    {
        while (_current is null && _queue.TryDequeue(out var next))
        {
            _current = new Dispatch(next.Event, next.ReplyTo, [.. _entries]);
            RunNextHandler();
        }
    }

    /// <summary>Runs the next handler of the current event whose type and filter match, or ends the event.</summary>
    private void RunNextHandler()
    {
        var current = _current!;
        while (current.Index < current.Handlers.Length)
        {
            var entry = current.Handlers[current.Index++];
            if (entry.Removed || !entry.EventType.IsInstanceOfType(current.Event) || !Passes(entry, current.Event))
                continue;
            current.Running = entry;
            current.Seq = ++_seq;
            entry.Child.Tell(new HandlerActor.Run(current.Event, current.Seq));
            return;
        }
        Finish();
    }

    private bool Passes(Entry entry, Event e)
    {
        if (entry.Filter is not { } filter)
            return true;
        try
        {
            return filter.Matches(e);
        }
        catch (Exception ex)
        {
            _log.Error(ex, "Filter {0} of handler {1} failed on {2}", filter, entry.Key, e);
            return false;
        }
    }

    private void OnCompleted(HandlerActor.Completed completed)
    {
        if (_current is not { Running: not null } current || current.Seq != completed.Seq)
            return; // The handler was removed meanwhile.
        if (completed.Result is { } result)
            Advance(result);
        else
            Advance(null);
    }

    /// <summary>The running handler finished with <paramref name="result"/> (null: it failed).</summary>
    private void Advance(HandlerResult? result)
    {
        var current = _current!;
        current.Running = null;
        current.HandlersRun++;
        if (result == HandlerResult.Continue || (result == HandlerResult.Handled && _checkAllHandlers))
            RunNextHandler();
        else
            Finish();
    }

    private void Finish()
    {
        var current = _current!;
        _current = null;
        if (!current.ReplyTo.IsNobody())
            current.ReplyTo.Tell(new EventDispatched(current.Event, current.HandlersRun));
        StartNext();
    }

    private sealed class Entry(object key, Type eventType, IActorRef child)
    {
        public object Key { get; } = key;

        public Type EventType { get; } = eventType;

        public IActorRef Child { get; } = child;

        public Filter? Filter { get; set; }

        public bool Removed { get; set; }
    }

    private sealed class Dispatch(Event e, IActorRef replyTo, Entry[] handlers)
    {
        public Event Event { get; } = e;

        public IActorRef ReplyTo { get; } = replyTo;

        public Entry[] Handlers { get; } = handlers;

        public int Index { get; set; }

        public Entry? Running { get; set; }

        public long Seq { get; set; }

        public int HandlersRun { get; set; }
    }
}
