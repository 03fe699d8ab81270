using Telethon.Events;

namespace Telethon.Handlers;

/// <summary>Tells the sender of a <see cref="DispatchEvent"/> that every handler due for the event has finished
/// (or failed): the chain's queue is one shorter.</summary>
/// <param name="Event">The event.</param>
/// <param name="HandlersRun">How many handlers ran for it (0 when no filter passed).</param>
public sealed record EventDispatched(Event Event, int HandlersRun);
