namespace Telethon.Session;

/// <summary>The account's home DC changed (first connection, or a *_MIGRATE_X answer).</summary>
/// <param name="DcId">The new home DC.</param>
internal sealed record HomeDcChanged(int DcId) : ISessionEvent;
