namespace Telethon.Updates;

/// <summary>The last message of an <see cref="UpdatesActor"/>, the answer to <see cref="StopUpdates"/>.</summary>
internal sealed record UpdatesStopped
{
    public static UpdatesStopped Instance { get; } = new();
}
