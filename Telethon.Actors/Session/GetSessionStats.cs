namespace Telethon.Session;

/// <summary>Asks <see cref="SessionActor"/> for its <see cref="SessionStats"/>.</summary>
internal sealed record GetSessionStats
{
    /// <summary>The only instance.</summary>
    public static GetSessionStats Instance { get; } = new();
}
