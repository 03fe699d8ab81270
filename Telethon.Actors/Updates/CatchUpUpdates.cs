namespace Telethon.Updates;

/// <summary>Tells an <see cref="UpdatesActor"/> to call updates.getDifference now (after a reconnection, to get what
/// was pushed while the connection was down), unless one is in flight.</summary>
internal sealed record CatchUpUpdates
{
    /// <summary>The message.</summary>
    public static CatchUpUpdates Instance { get; } = new();
}
