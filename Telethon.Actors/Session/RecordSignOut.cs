namespace Telethon.Session;

/// <summary>
/// Records that the account signed out. <see cref="SessionActor"/> discards the update state it holds in memory,
/// persists <see cref="SignedOut"/> and answers <see cref="SessionAck"/> once it is written.
/// </summary>
internal sealed record RecordSignOut
{
    /// <summary>The only instance.</summary>
    public static RecordSignOut Instance { get; } = new();
}
