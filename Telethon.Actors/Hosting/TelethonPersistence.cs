using System.Globalization;
using System.Text;
using Akka.Configuration;
using Akka.Persistence.Sql;
using Microsoft.Data.Sqlite;
using Npgsql;
using Telethon.Session;

namespace Telethon.Hosting;

/// <summary>
/// Akka configurations for the session store. Each one binds <see cref="SessionSerializer"/> to the session events and
/// snapshots (<see cref="SerializationConfig"/>) and sets <c>akka.persistence.journal.plugin</c> and
/// <c>akka.persistence.snapshot-store.plugin</c>. Put the result in front of the rest of the system's configuration
/// (<c>config.WithFallback(...)</c> either way round). The SQL stores use Akka.Persistence.Sql with
/// <c>auto-initialize</c> (tables created on first use) and <c>replay-filter.mode = off</c> (the journal keeps one
/// writer id per ActorSystem, so the default filter drops the last events of an entity that moved A → B → A).
/// </summary>
public static class TelethonPersistence
{
    /// <summary>The id of the SQL journal plugin.</summary>
    public const string SqlJournalPluginId = "akka.persistence.journal.sql";

    /// <summary>The id of the SQL snapshot-store plugin.</summary>
    public const string SqlSnapshotPluginId = "akka.persistence.snapshot-store.sql";

    /// <summary>The provider name of Microsoft.Data.Sqlite in Akka.Persistence.Sql.</summary>
    public const string SqliteProvider = "SQLite.MS";

    /// <summary>The provider name of Npgsql (PostgreSQL 15 dialect) in Akka.Persistence.Sql.</summary>
    public const string PostgreSqlProvider = "PostgreSQL.15";

    /// <summary>The connection pool size put into PostgreSQL connection strings that set none.</summary>
    public const int DefaultPostgreSqlPoolSize = 20;

    /// <summary>How long a SQLite command waits for a lock held by another connection, in seconds.</summary>
    public const int SqliteBusyTimeoutSeconds = 30;

    /// <summary>The serializer binding of the session events and snapshots (part of every configuration here).</summary>
    public static Config SerializationConfig { get; } = ConfigurationFactory.ParseString(
        $$"""
        akka.actor {
          serializers {
            telethon-session = "{{TypeName(typeof(SessionSerializer))}}"
          }
          serialization-bindings {
            "{{TypeName(typeof(ISessionEvent))}}" = telethon-session
            "{{TypeName(typeof(SessionData))}}" = telethon-session
          }
          serialization-identifiers {
            "{{TypeName(typeof(SessionSerializer))}}" = {{SessionSerializer.SerializerId}}
          }
        }
        """);

    /// <summary>
    /// Everything in memory (a MemorySession for actors, and tests): Akka's in-memory journal and snapshot store.
    /// Nothing survives the ActorSystem.
    /// </summary>
    public static Config InMemory() =>
        ConfigurationFactory.ParseString(
            """
            akka.persistence {
              journal.plugin = "akka.persistence.journal.inmem"
              snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
            }
            """).WithFallback(SerializationConfig);

    /// <summary>
    /// The embedded default: journal and snapshot store in one SQLite file (provider <c>SQLite.MS</c>). With
    /// <paramref name="prepareFile"/> (the default) this creates the file and its folder and switches it to WAL
    /// (<see cref="PrepareSqliteFile"/>): call it before the ActorSystem starts. The connection string carries a busy
    /// timeout so the journal and the snapshot store wait for each other's locks instead of failing.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <param name="prepareFile">Whether to run <see cref="PrepareSqliteFile"/> now.</param>
    public static Config Sqlite(string path, bool prepareFile = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        if (prepareFile)
            PrepareSqliteFile(fullPath);
        return Sql(SqliteConnectionString(fullPath), SqliteProvider);
    }

    /// <summary>The connection string <see cref="Sqlite"/> uses for a file: read-write-create, pooled, with the busy timeout.</summary>
    /// <param name="path">The database file.</param>
    public static string SqliteConnectionString(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(path),
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = SqliteBusyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>
    /// Creates the SQLite file (and its folder) if needed and sets <c>PRAGMA journal_mode=WAL</c>, which the file keeps:
    /// readers then never block the writer, and writes are 2–3× faster. Idempotent; run it before the ActorSystem starts.
    /// </summary>
    /// <param name="path">The database file.</param>
    /// <returns>The journal mode the file reports afterwards (<c>wal</c>).</returns>
    public static string PrepareSqliteFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var fullPath = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(fullPath);
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = SqliteBusyTimeoutSeconds,
        }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>
    /// Journal and snapshot store on PostgreSQL (provider <c>PostgreSQL.15</c>), for clusters. A connection string
    /// without <c>Maximum Pool Size</c> gets <paramref name="maxPoolSize"/>: Npgsql's default of 100 per process
    /// exhausts a default server (100 connections) with two nodes.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="maxPoolSize">The pool size to set when the connection string sets none.</param>
    public static Config PostgreSql(string connectionString, int maxPoolSize = DefaultPostgreSqlPoolSize)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoolSize, 1);
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var hasPoolSize = given.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant())
            .Any(k => k is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE");
        if (!hasPoolSize)
            builder.MaxPoolSize = maxPoolSize;
        return Sql(builder.ConnectionString, PostgreSqlProvider);
    }

    /// <summary>Journal and snapshot store through Akka.Persistence.Sql with any provider it knows.</summary>
    /// <param name="connectionString">The connection string.</param>
    /// <param name="providerName">The linq2db provider name, for example <c>SQLite.MS</c> or <c>PostgreSQL.15</c>.</param>
    public static Config Sql(string connectionString, string providerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        ArgumentException.ThrowIfNullOrEmpty(providerName);
        var cs = Quote(connectionString);
        var provider = Quote(providerName);
        return ConfigurationFactory.ParseString(
            $$"""
            akka.persistence {
              journal {
                plugin = "{{SqlJournalPluginId}}"
                sql {
                  connection-string = {{cs}}
                  provider-name = {{provider}}
                  auto-initialize = on
                  replay-filter.mode = off
                }
              }
              snapshot-store {
                plugin = "{{SqlSnapshotPluginId}}"
                sql {
                  connection-string = {{cs}}
                  provider-name = {{provider}}
                  auto-initialize = on
                }
              }
            }
            """).WithFallback(SerializationConfig).WithFallback(SqlPersistence.DefaultConfiguration);
    }

    /// <summary>A HOCON string literal: quoted, with quotes, backslashes and control characters escaped.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c))
                        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }

    private static string TypeName(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";
}
