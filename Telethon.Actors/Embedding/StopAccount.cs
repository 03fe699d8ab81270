namespace Telethon.Embedding;

/// <summary>
/// Stops an account actor cleanly: update handling stops, the handled update state and everything else pending is
/// written, then the actor answers <see cref="AccountStopped"/> and stops. Events that were queued for handlers and not
/// handled yet are delivered again when the account starts with catch-up on.
/// </summary>
public sealed record StopAccount
{
    /// <summary>The message.</summary>
    public static StopAccount Instance { get; } = new();
}
