using Telethon.Session;

namespace Telethon.Embedding;

/// <summary>The answer to <see cref="GetAccountStatus"/>.</summary>
/// <param name="HomeDc">The DC the account talks to.</param>
/// <param name="User">The signed-in account, or null when signed out.</param>
public sealed record AccountStatus(int HomeDc, SessionUser? User);
