namespace Telethon.Embedding;

/// <summary>The answer to <see cref="StopAccount"/>: the account's state is written and its actor is stopping.</summary>
public sealed record AccountStopped
{
    /// <summary>The message.</summary>
    public static AccountStopped Instance { get; } = new();
}
