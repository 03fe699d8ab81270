namespace Telethon.Connection;

/// <summary>
/// Tells a <see cref="DcConnectionActor"/> to drop its current connection (if any; the owner gets
/// <see cref="Disconnected"/>) and connect again now, resetting the backoff. Ignored while an attempt is running.
/// </summary>
/// <param name="Reason">Why (logged and put in the <see cref="Disconnected"/> reason).</param>
internal sealed record Reconnect(string Reason);
