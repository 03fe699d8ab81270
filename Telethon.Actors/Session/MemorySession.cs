namespace Telethon.Session;

/// <summary>A storage without persistence (Telethon's <c>MemorySession</c>): the session lives as long as this object.</summary>
public sealed class MemorySession : ISessionStorage
{
    private SessionData? _session;

    /// <summary>Creates a storage, optionally holding a session already.</summary>
    /// <param name="session">What <see cref="LoadAsync"/> returns until the first save; null for nothing.</param>
    public MemorySession(SessionData? session = null) => _session = session;

    /// <inheritdoc />
    public Task<SessionData?> LoadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Volatile.Read(ref _session));
    }

    /// <inheritdoc />
    public Task SaveAsync(SessionData session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        cancellationToken.ThrowIfCancellationRequested();
        Volatile.Write(ref _session, session);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task CloseAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
