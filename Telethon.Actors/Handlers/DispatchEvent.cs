using Telethon.Events;

namespace Telethon.Handlers;

/// <summary>Gives an event to a <see cref="HandlerChainActor"/>. Events are handled one at a time, in the order they
/// arrive; when the sender is an actor it gets <see cref="EventDispatched"/> once the event is done with.</summary>
/// <param name="Event">The event.</param>
public sealed record DispatchEvent(Event Event);
