using Telethon.Events;
using Telethon.Filters;
using Telethon.Handlers;

namespace Telethon.Embedding;

/// <summary>
/// The event handlers of one account, in the order they were added. The account's handler chain reads the current list
/// at the start of every event, so handlers added, removed or refiltered at any time (before connecting included) apply
/// from the next event, and nothing is lost when the account's actors are rebuilt: the list lives here, outside them.
/// Thread-safe; <see cref="Client"/> keeps one per account, and an application that embeds account actors directly gives
/// one to <see cref="AccountProps.Create"/>. Handlers are delegates and stay on the node that registered them: they are
/// never put in a message.
/// </summary>
public sealed class HandlerRegistry
{
    private readonly Lock _gate = new();
    private HandlerRegistration[] _handlers = [];
    private long _nextId;

    /// <summary>The handlers now, in order (an immutable snapshot).</summary>
    internal IReadOnlyList<HandlerRegistration> Current => Volatile.Read(ref _handlers);

    /// <summary>How many handlers are registered.</summary>
    public int Count => Volatile.Read(ref _handlers).Length;

    /// <summary>Adds a handler of <typeparamref name="TEvent"/> (and derived events) that runs after those added before;
    /// the event counts as handled when it returns.</summary>
    /// <param name="handler">The handler; it is also the key for <see cref="Remove"/> and the filter methods.</param>
    /// <param name="filter">Checked before the handler runs; null to always run.</param>
    public void Add<TEvent>(Func<TEvent, Task> handler, Filter? filter = null) where TEvent : Event
    {
        ArgumentNullException.ThrowIfNull(handler);
        Append(handler, typeof(TEvent), async e =>
        {
            await handler((TEvent)e).ConfigureAwait(false);
            return HandlerResult.Handled;
        }, filter);
    }

    /// <summary>Adds a handler that decides whether the handlers after it run too (<see cref="HandlerResult.Continue"/>).</summary>
    /// <param name="handler">The handler; it is also the key for <see cref="Remove"/> and the filter methods.</param>
    /// <param name="filter">Checked before the handler runs; null to always run.</param>
    public void Add<TEvent>(Func<TEvent, Task<HandlerResult>> handler, Filter? filter = null) where TEvent : Event
    {
        ArgumentNullException.ThrowIfNull(handler);
        Append(handler, typeof(TEvent), e => handler((TEvent)e), filter);
    }

    /// <summary>Removes every registration of <paramref name="handler"/>; true when there was one. A run in progress finishes.</summary>
    public bool Remove(Delegate handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            var kept = Array.FindAll(_handlers, h => !h.Key.Equals(handler));
            if (kept.Length == _handlers.Length)
                return false;
            Volatile.Write(ref _handlers, kept);
            return true;
        }
    }

    /// <summary>The filter of <paramref name="handler"/> (its first registration); false when it is not registered.</summary>
    public bool TryGetFilter(Delegate handler, out Filter? filter)
    {
        ArgumentNullException.ThrowIfNull(handler);
        foreach (var registration in Current)
        {
            if (registration.Key.Equals(handler))
            {
                filter = registration.Filter;
                return true;
            }
        }
        filter = null;
        return false;
    }

    /// <summary>Replaces the filter of every registration of <paramref name="handler"/>; false when it is not registered.</summary>
    public bool SetFilter(Delegate handler, Filter? filter)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            var found = false;
            var next = new HandlerRegistration[_handlers.Length];
            for (var i = 0; i < next.Length; i++)
            {
                var registration = _handlers[i];
                if (registration.Key.Equals(handler))
                {
                    registration = registration with { Filter = filter };
                    found = true;
                }
                next[i] = registration;
            }
            if (found)
                Volatile.Write(ref _handlers, next);
            return found;
        }
    }

    private void Append(Delegate key, Type eventType, Func<Event, Task<HandlerResult>> run, Filter? filter)
    {
        lock (_gate)
        {
            var registration = new HandlerRegistration(++_nextId, key, eventType, run, filter);
            Volatile.Write(ref _handlers, [.. _handlers, registration]);
        }
    }
}
