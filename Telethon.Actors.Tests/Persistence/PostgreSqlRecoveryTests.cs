using Akka.Actor;
using Akka.Configuration;
using Npgsql;
using Telethon.Hosting;
using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

/// <summary>
/// The session actor on Akka.Persistence.Sql over a real PostgreSQL server, named by the connection string in
/// <c>TELETHON_TEST_POSTGRES</c> (.ci/run starts a local server and sets it). Keys are fresh per run, so the
/// database may be reused.
/// </summary>
public sealed class PostgreSqlRecoveryTests
{
    private const string Variable = "TELETHON_TEST_POSTGRES";
    private const string SkipReason = Variable + " is not set (a PostgreSQL connection string, e.g. " +
        "Host=127.0.0.1;Database=telethon_test;Username=telethon_test;Password=...): .ci/run sets it up";

    private static readonly SemaphoreSlim TablesGate = new(1, 1);
    private static bool _tablesReady;

    private static async Task<(Config Config, string ConnectionString)> ServerAsync()
    {
        var connectionString = Environment.GetEnvironmentVariable(Variable);
        Skip.If(string.IsNullOrWhiteSpace(connectionString), SkipReason);
        var config = TelethonPersistence.PostgreSql(connectionString!);
        // Create the tables from one system first: concurrent CREATE TABLE IF NOT EXISTS races on a fresh database.
        await TablesGate.WaitAsync();
        try
        {
            if (!_tablesReady)
            {
                var system = PersistenceScenarios.Start(config, "init");
                try
                {
                    var session = system.ActorOf(SessionActor.Props("init-" + Guid.NewGuid().ToString("N")));
                    await session.Ask<SessionAck>(new SetHomeDc(1), AskTimeout);
                    await session.Ask<SessionAck>(new SetHomeDc(2), AskTimeout);
                }
                finally
                {
                    await system.Terminate();
                }
                _tablesReady = true;
            }
        }
        finally
        {
            TablesGate.Release();
        }
        return (config, connectionString!);
    }

    private static long Scalar(string connectionString, string sql, string persistenceId)
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("pid", persistenceId);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string NewKey() => "pg-" + Guid.NewGuid().ToString("N");

    [SkippableFact]
    public async Task Every_event_kind_survives_a_new_actor_system_on_the_same_database()
    {
        var (config, connectionString) = await ServerAsync();
        var key = NewKey();

        await PersistenceScenarios.EveryEventKindSurvivesANewActorSystemAsync(config, key);

        var pid = SessionActor.PersistenceIdPrefix + key;
        Assert.True(Scalar(connectionString, "SELECT COUNT(*) FROM journal WHERE persistence_id = @pid", pid) >= 15);
        Assert.Equal(0, Scalar(connectionString, $"SELECT COUNT(*) FROM journal WHERE persistence_id = @pid AND identifier <> {SessionSerializer.SerializerId}", pid));
    }

    [SkippableFact]
    public async Task An_entity_that_moves_between_actor_systems_loses_no_event()
    {
        var (config, _) = await ServerAsync();
        await PersistenceScenarios.AnEntityMovingBetweenSystemsLosesNothingAsync(config, NewKey());
    }

    [SkippableFact]
    public async Task Snapshots_keep_recovery_short()
    {
        var (config, _) = await ServerAsync();
        await PersistenceScenarios.SnapshotsKeepRecoveryShortAsync(config, NewKey());
    }
}
