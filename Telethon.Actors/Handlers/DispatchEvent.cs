using Telethon.Events;

namespace Telethon.Handlers;

/// <summary>Gives an event to a <see cref="HandlerChainActor"/>. Events are handled one at a time, in the order they
/// arrive; the sender gets <see cref="EventDispatched"/> with the same <paramref name="Seq"/> once the chain is done with it.</summary>
/// <param name="Event">The event.</param>
/// <param name="Seq">The sender's number for the event (increasing), echoed in <see cref="EventDispatched"/>.</param>
internal sealed record DispatchEvent(Event Event, long Seq);
