using Akka.Configuration;
using Telethon.Hosting;
using Telethon.Session;

namespace Telethon.Tests.Persistence;

public sealed class TelethonPersistenceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static void AssertSerializerBound(Config config)
    {
        Assert.Equal("telethon-session", config.GetString("akka.actor.serialization-bindings.\"Telethon.Session.ISessionEvent, Telethon.Actors\""));
        Assert.Equal("telethon-session", config.GetString("akka.actor.serialization-bindings.\"Telethon.Session.SessionData, Telethon.Actors\""));
        Assert.Equal("Telethon.Session.SessionSerializer, Telethon.Actors", config.GetString("akka.actor.serializers.telethon-session"));
    }

    [Fact]
    public void Sqlite_uses_the_sql_plugin_with_the_replay_filter_off_and_prepares_a_wal_file()
    {
        var path = _folder.File("data/sessions.db");

        var config = TelethonPersistence.Sqlite(path);

        Assert.Equal(TelethonPersistence.SqlJournalPluginId, config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal(TelethonPersistence.SqlSnapshotPluginId, config.GetString("akka.persistence.snapshot-store.plugin"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("SQLite.MS", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal("off", config.GetString("akka.persistence.journal.sql.replay-filter.mode"));
        Assert.True(config.GetBoolean("akka.persistence.journal.sql.auto-initialize"));
        Assert.Equal("Akka.Persistence.Sql.Journal.SqlWriteJournal, Akka.Persistence.Sql", config.GetString("akka.persistence.journal.sql.class"));
        var connectionString = config.GetString("akka.persistence.journal.sql.connection-string");
        Assert.Equal(connectionString, config.GetString("akka.persistence.snapshot-store.sql.connection-string"));
        Assert.Contains(Path.GetFullPath(path), connectionString, StringComparison.Ordinal);
        Assert.Contains("Default Timeout=30", connectionString, StringComparison.Ordinal);
        AssertSerializerBound(config);

        Assert.True(File.Exists(path));
        Assert.Equal("wal", PersistenceTestSupport.SqliteScalarText(path, "PRAGMA journal_mode"));
        Assert.Equal("wal", TelethonPersistence.PrepareSqliteFile(path));
    }

    [Fact]
    public void Sqlite_can_leave_the_file_alone()
    {
        var path = _folder.File("untouched.db");
        _ = TelethonPersistence.Sqlite(path, prepareFile: false);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void PostgreSql_sets_a_pool_size_unless_the_connection_string_has_one()
    {
        var config = TelethonPersistence.PostgreSql("Host=db;Database=telethon;Username=u;Password=p\"q");
        var connectionString = config.GetString("akka.persistence.journal.sql.connection-string");
        Assert.Contains("Maximum Pool Size=20", connectionString, StringComparison.Ordinal);
        var parsed = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        Assert.Equal(("db", "telethon", "u", "p\"q", 20), (parsed.Host, parsed.Database, parsed.Username, parsed.Password, parsed.MaxPoolSize));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.journal.sql.provider-name"));
        Assert.Equal("PostgreSQL.15", config.GetString("akka.persistence.snapshot-store.sql.provider-name"));
        Assert.Equal("off", config.GetString("akka.persistence.journal.sql.replay-filter.mode"));
        AssertSerializerBound(config);

        var explicitPool = TelethonPersistence.PostgreSql("Host=db;Maximum Pool Size=7");
        Assert.Contains("Maximum Pool Size=7", explicitPool.GetString("akka.persistence.journal.sql.connection-string"), StringComparison.Ordinal);
        Assert.Contains("Maximum Pool Size=5", TelethonPersistence.PostgreSql("Host=db", 5).GetString("akka.persistence.journal.sql.connection-string"), StringComparison.Ordinal);
    }

    [Fact]
    public void InMemory_uses_akka_memory_plugins_and_binds_the_serializer()
    {
        var config = TelethonPersistence.InMemory();
        Assert.Equal("akka.persistence.journal.inmem", config.GetString("akka.persistence.journal.plugin"));
        Assert.Equal("akka.persistence.snapshot-store.inmem", config.GetString("akka.persistence.snapshot-store.plugin"));
        AssertSerializerBound(config);
        Assert.Equal(SessionSerializer.SerializerId, config.GetInt("akka.actor.serialization-identifiers.\"Telethon.Session.SessionSerializer, Telethon.Actors\""));
    }

    [Theory]
    [InlineData("plain", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("line\nbreak\t${x}", "\"line\\nbreak\\t${x}\"")]
    public void Hocon_strings_are_quoted_and_read_back_unchanged(string value, string quoted)
    {
        Assert.Equal(quoted, TelethonPersistence.Quote(value));
        Assert.Equal(value, ConfigurationFactory.ParseString("k = " + TelethonPersistence.Quote(value)).GetString("k"));
    }
}
