namespace Telethon.Session;

/// <summary>
/// Where a single <c>Client</c> used outside a runtime keeps its <see cref="SessionData"/> (Telethon's
/// <c>session.Storage</c>). The client loads before connecting and saves after significant changes (sign-in,
/// sign-out) and before disconnecting, so the update state survives. Implementations: <see cref="MemorySession"/>
/// and <see cref="SqliteSession"/>.
/// </summary>
public interface ISessionStorage : IAsyncDisposable
{
    /// <summary>The saved session, or null when nothing was saved yet. Reopens a closed storage.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    Task<SessionData?> LoadAsync(CancellationToken cancellationToken = default);

    /// <summary>Saves the session, replacing what was saved before.</summary>
    /// <param name="session">The session to keep.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task SaveAsync(SessionData session, CancellationToken cancellationToken = default);

    /// <summary>Releases what the storage holds open; called after disconnecting, even when saving failed. <see cref="LoadAsync"/> may follow.</summary>
    Task CloseAsync();
}
