namespace Telethon.Updates;

/// <summary>Tells the account that its <see cref="UpdatesActor"/> has a state and takes updates: from now on none is missed.</summary>
internal sealed record UpdatesStarted
{
    public static UpdatesStarted Instance { get; } = new();
}
