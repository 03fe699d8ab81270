namespace Telethon.Handlers;

/// <summary>Tells the sender of a <see cref="DispatchEvent"/> that every handler due for the event has finished, failed or
/// timed out: the event is handled, and the update state may move past it.</summary>
/// <param name="Seq">The event's number from <see cref="DispatchEvent"/>.</param>
/// <param name="HandlersRun">How many handlers ran for it (0 when no filter passed).</param>
internal sealed record EventDispatched(long Seq, int HandlersRun);
