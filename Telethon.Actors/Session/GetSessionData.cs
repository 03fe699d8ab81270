namespace Telethon.Session;

/// <summary>
/// Asks <see cref="SessionActor"/> for its <see cref="SessionData"/>: everything persisted or being persisted,
/// plus the update state and channel pts it holds in memory and has not written yet.
/// </summary>
internal sealed record GetSessionData
{
    /// <summary>The only instance.</summary>
    public static GetSessionData Instance { get; } = new();
}
