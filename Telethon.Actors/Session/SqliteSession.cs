using Microsoft.Data.Sqlite;

namespace Telethon.Session;

/// <summary>
/// A storage in a SQLite file (Telethon's <c>SqliteSession</c>): one row of a small table,
/// <c>telethon_session(id, version, data, saved_at)</c>, holding the session in the same versioned binary form
/// as the journal's snapshots. A path without extension gets <c>.session</c> appended. Saving replaces the row in
/// one transaction, so a crash leaves the previous session or the new one. Do not leak the file: it holds the auth keys.
/// </summary>
public sealed class SqliteSession : ISessionStorage
{
    /// <summary>The extension added to a path that has none.</summary>
    public const string Extension = ".session";

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _connection;

    /// <summary>Creates a storage on a file (created on first use, with its folder).</summary>
    /// <param name="path">The file; <c>.session</c> is appended when it has no extension.</param>
    public SqliteSession(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        FilePath = Path.GetFullPath(Path.HasExtension(path) ? path : path + Extension);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString();
    }

    /// <summary>The full path of the file.</summary>
    public string FilePath { get; }

    /// <inheritdoc />
    public async Task<SessionData?> LoadAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT version, data FROM telethon_session WHERE id = 0";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                return null;
            var version = reader.GetInt32(0);
            if (version != SessionBinaryFormat.Version)
                throw new InvalidDataException($"{FilePath} holds a version {version} session; this build reads version {SessionBinaryFormat.Version}.");
            var data = (byte[])reader.GetValue(1);
            return (SessionData)SessionBinaryFormat.Read(data, SessionBinaryFormat.SessionDataManifest);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task SaveAsync(SessionData session, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var data = SessionBinaryFormat.Write(session);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText =
                "INSERT INTO telethon_session (id, version, data, saved_at) VALUES (0, $version, $data, $savedAt) " +
                "ON CONFLICT (id) DO UPDATE SET version = excluded.version, data = excluded.data, saved_at = excluded.saved_at";
            command.Parameters.AddWithValue("$version", (int)SessionBinaryFormat.Version);
            command.Parameters.AddWithValue("$data", data);
            command.Parameters.AddWithValue("$savedAt", DateTimeOffset.UtcNow.ToUnixTimeSeconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task CloseAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_connection is { } connection)
            {
                _connection = null;
                await connection.DisposeAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CloseAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_connection is { } open)
            return open;
        var folder = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = connection.CreateCommand();
            command.CommandText =
                "CREATE TABLE IF NOT EXISTS telethon_session (" +
                "id INTEGER PRIMARY KEY CHECK (id = 0), version INTEGER NOT NULL, data BLOB NOT NULL, saved_at INTEGER NOT NULL)";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _connection = connection;
        return connection;
    }
}
