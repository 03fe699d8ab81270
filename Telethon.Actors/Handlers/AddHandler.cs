using Telethon.Events;
using Telethon.Filters;

namespace Telethon.Handlers;

/// <summary>Tells a <see cref="HandlerChainActor"/> to append a handler (it runs after those added before).
/// Answered with <see cref="HandlerChanged"/> (Found true) when sent by an actor or an Ask, or with <c>Status.Failure</c>
/// when <paramref name="EventType"/> is not an <see cref="Event"/> type.</summary>
/// <param name="Key">What identifies the handler for <see cref="RemoveHandler"/>, <see cref="GetHandlerFilter"/> and
/// <see cref="SetHandlerFilter"/>: usually the user's delegate (delegates are equal when method and target are).</param>
/// <param name="EventType">The event type handled: the handler runs for events of this type or derived ones.</param>
/// <param name="Handler">The handler; its task's result tells whether later handlers run too.</param>
/// <param name="Filter">Checked before the handler runs; null to always run.</param>
public sealed record AddHandler(object Key, Type EventType, Func<Event, Task<HandlerResult>> Handler, Filter? Filter = null)
{
    /// <summary>A handler of <typeparamref name="TEvent"/> that returns no result (the event counts as handled),
    /// keyed by the delegate itself.</summary>
    /// <param name="handler">The handler.</param>
    /// <param name="filter">Checked before the handler runs; null to always run.</param>
    public static AddHandler For<TEvent>(Func<TEvent, Task> handler, Filter? filter = null) where TEvent : Event
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new AddHandler(handler, typeof(TEvent), async e =>
        {
            await handler((TEvent)e).ConfigureAwait(false);
            return HandlerResult.Handled;
        }, filter);
    }

    /// <summary>A handler of <typeparamref name="TEvent"/> that tells whether later handlers run too, keyed by the
    /// delegate itself.</summary>
    /// <param name="handler">The handler.</param>
    /// <param name="filter">Checked before the handler runs; null to always run.</param>
    public static AddHandler WithResult<TEvent>(Func<TEvent, Task<HandlerResult>> handler, Filter? filter = null) where TEvent : Event
    {
        ArgumentNullException.ThrowIfNull(handler);
        return new AddHandler(handler, typeof(TEvent), e => handler((TEvent)e), filter);
    }
}
