namespace Telethon.Session;

/// <summary>
/// Writes the update state held in memory and answers <see cref="SessionAck"/> once it and every event of the
/// commands received before are in the journal. Send it on disconnect, and before anything that must survive a crash.
/// </summary>
internal sealed record Flush
{
    /// <summary>The only instance.</summary>
    public static Flush Instance { get; } = new();
}
