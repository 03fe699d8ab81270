namespace Telethon.Embedding;

/// <summary>Asks an account actor how it stands; answered with <see cref="AccountStatus"/> once its session is loaded.</summary>
public sealed record GetAccountStatus
{
    /// <summary>The message.</summary>
    public static GetAccountStatus Instance { get; } = new();
}
