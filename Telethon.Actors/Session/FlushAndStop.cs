namespace Telethon.Session;

/// <summary>
/// Like <see cref="Flush"/>, then the actor stops itself after answering <see cref="SessionAck"/>: the clean way to
/// stop a session (also usable as a sharding hand-off stop message).
/// </summary>
internal sealed record FlushAndStop
{
    /// <summary>The only instance.</summary>
    public static FlushAndStop Instance { get; } = new();
}
