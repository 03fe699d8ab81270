namespace Telethon.Embedding;

/// <summary>
/// Tells an account actor to ask for what it may have missed (updates.getDifference) now, rather than when the next
/// update shows a gap; what comes back reaches the handlers like any update. No answer.
/// </summary>
public sealed record CatchUp
{
    /// <summary>The message.</summary>
    public static CatchUp Instance { get; } = new();
}
