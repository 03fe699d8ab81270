namespace Telethon.Updates;

/// <summary>Stops an <see cref="UpdatesActor"/>; it answers <see cref="UpdatesStopped"/> after everything it reported before,
/// so that the account has its last watermark when it stops.</summary>
internal sealed record StopUpdates
{
    public static StopUpdates Instance { get; } = new();
}
