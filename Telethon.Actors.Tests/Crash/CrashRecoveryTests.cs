using Telethon.Samples.Fleet;
using Telethon.Tests.Persistence;
using Xunit.Abstractions;

namespace Telethon.Tests.Crash;

/// <summary>
/// The fleet sample's crash scenario: 20 bots with 10 ms handlers in a child process (Fleet.dll, copied beside the
/// tests by the project reference, run with <c>dotnet exec</c>) get a steady message stream, the child is killed
/// with SIGKILL half-way and started again on the same session store with catch-up on, and every message the test
/// server delivered to a bot must have been handled by one of the two runs. They run alone: a loaded machine
/// slows the handlers, never the verdict, but the stream is the load of a whole core.
/// </summary>
[Collection(CrashCollection.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const string PostgresVariable = "TELETHON_TEST_POSTGRES";
    private const string PostgresSkipReason = PostgresVariable + " is not set (a PostgreSQL connection string, e.g. " +
        "Host=127.0.0.1;Database=telethon_test;Username=telethon_test;Password=...): .ci/run sets it up";

    /// <summary>
    /// The duplicates one account may see after a crash (the README's delivery contract): the watermark advances since the
    /// last write and those of the write in flight (twice the flush count), plus the handled part of one difference part
    /// (the test server's slice).
    /// </summary>
    private static readonly int DuplicateBound =
        2 * Telethon.Session.SessionActorSettings.Default.UpdateStateFlushCount + new Telethon.TestServer.World.WorldOptions().DifferenceSliceSize;

    private static readonly CrashTestOptions Scenario = new()
    {
        Bots = 20,
        HandlerMs = 10,
        Duration = TimeSpan.FromSeconds(8),
        KillAfter = TimeSpan.FromSeconds(4),
        Rate = 2000,
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_killed_process_on_sqlite_loses_no_update_after_its_restart()
    {
        using var folder = new TempFolder();
        await RunAsync(Scenario with { SessionsFile = folder.File("sessions.db") });
    }

    [SkippableFact]
    [Trait("Category", "Slow")]
    public async Task A_killed_process_on_postgresql_loses_no_update_after_its_restart()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        Skip.If(string.IsNullOrWhiteSpace(connectionString), PostgresSkipReason);
        await RunAsync(Scenario with { PostgresConnectionString = connectionString });
    }

    private async Task RunAsync(CrashTestOptions options)
    {
        var result = await CrashTest.RunAsync(options, Log);
        output.WriteLine(result.ToJson());
        Assert.Equal(1, result.Restarts);
        Assert.True(result.Truth > 0, "the stream reached no bot");
        Assert.True(result.Lost == 0,
            $"{result.Lost} of {result.Truth} delivered messages were never handled ({result.LostBeforeKill} delivered before the kill, " +
            $"{result.LostWhileDown} while the child was down, {result.LostAfterRestart} after its restart)");
        Assert.True(result.MaxDuplicatedPerBot <= DuplicateBound,
            $"a bot saw {result.MaxDuplicatedPerBot} duplicates; the contract allows {DuplicateBound}");
    }

    private void Log(string line)
    {
        try
        {
            output.WriteLine($"{DateTime.Now:HH:mm:ss.fff} {line}");
        }
        catch (InvalidOperationException)
        {
            // A line from a reader thread after the test ended.
        }
    }
}
