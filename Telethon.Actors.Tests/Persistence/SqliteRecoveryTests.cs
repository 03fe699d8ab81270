using Akka.Actor;
using Telethon.Hosting;
using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

/// <summary>The session actor on Akka.Persistence.Sql over a real SQLite file, across ActorSystems.</summary>
public sealed class SqliteRecoveryTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Every_event_kind_survives_a_new_actor_system_on_the_same_file()
    {
        var path = _folder.File("sessions.db");
        var config = TelethonPersistence.Sqlite(path);

        await PersistenceScenarios.EveryEventKindSurvivesANewActorSystemAsync(config, "alice");

        // Every row went through the session serializer, and the file is in WAL mode.
        Assert.True(SqliteScalar(path, "SELECT COUNT(*) FROM journal WHERE persistence_id = 'telethon-session-alice'") >= 15);
        Assert.Equal(0, SqliteScalar(path, $"SELECT COUNT(*) FROM journal WHERE identifier <> {SessionSerializer.SerializerId}"));
        Assert.Equal("wal", TelethonPersistence.PrepareSqliteFile(path));
    }

    [Fact]
    public async Task An_entity_that_moves_between_actor_systems_loses_no_event()
    {
        var path = _folder.File("sessions.db");
        var config = TelethonPersistence.Sqlite(path);

        await PersistenceScenarios.AnEntityMovingBetweenSystemsLosesNothingAsync(config, "roaming");

        Assert.Equal(2, SqliteScalar(path, "SELECT COUNT(DISTINCT writer_uuid) FROM journal WHERE persistence_id = 'telethon-session-roaming'"));
    }

    [Fact]
    public async Task Snapshots_keep_recovery_short_and_delete_older_rows()
    {
        var path = _folder.File("sessions.db");
        var config = TelethonPersistence.Sqlite(path);

        await PersistenceScenarios.SnapshotsKeepRecoveryShortAsync(config, "busy");

        Assert.True(SqliteScalar(path, "SELECT COUNT(*) FROM journal WHERE persistence_id = 'telethon-session-busy' AND deleted = 0") < 12);
        Assert.Equal(1, SqliteScalar(path, "SELECT COUNT(*) FROM snapshot WHERE persistence_id = 'telethon-session-busy'"));
        Assert.Equal(SessionSerializer.SerializerId, SqliteScalar(path, "SELECT MIN(serializer_id) FROM snapshot"));
    }

    [Fact]
    public async Task A_thousand_update_state_commands_make_a_handful_of_rows_and_the_latest_survives()
    {
        var path = _folder.File("sessions.db");
        var config = TelethonPersistence.Sqlite(path);
        var settings = new SessionActorSettings { UpdateStateFlushCount = 100, UpdateStateFlushInterval = TimeSpan.FromSeconds(30) };

        var a = PersistenceScenarios.Start(config, "a");
        try
        {
            var session = a.ActorOf(SessionActor.Props("chatty", settings));
            for (var i = 1; i <= 1000; i++)
                session.Tell(new AdvanceUpdateState(i, 7, 1_700_000_000 + i, i / 2));
            await session.Ask<SessionAck>(Flush.Instance, AskTimeout);
            // At most one row per 100 commands (fewer when commands gather while a write is in flight).
            Assert.InRange((await GetStatsAsync(session)).EventsPersisted, 1, 10);
            await FlushAndStopAsync(session);
        }
        finally
        {
            await a.Terminate();
        }
        Assert.InRange(SqliteScalar(path, "SELECT COUNT(*) FROM journal WHERE persistence_id = 'telethon-session-chatty'"), 1, 10);

        var b = PersistenceScenarios.Start(config, "b");
        try
        {
            var session = b.ActorOf(SessionActor.Props("chatty", settings));
            Assert.Equal(new UpdateState(1000, 7, 1_700_001_000, 500), (await GetDataAsync(session)).UpdateState);
        }
        finally
        {
            await b.Terminate();
        }
    }
}
