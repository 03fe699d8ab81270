using System.Collections.Immutable;
using Akka.Actor;
using Akka.Configuration;
using Microsoft.Data.Sqlite;
using Telethon.Hosting;
using Telethon.Session;
using Telethon.Tests.Support;

namespace Telethon.Tests.Persistence;

/// <summary>Shared pieces of the session persistence tests: configurations, keys, and a scenario that writes every event kind.</summary>
internal static class PersistenceTestSupport
{
    public static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The Akka.Persistence.TestKit journal and snapshot store, wired through HOCON, with the session serializer.</summary>
    public static Config TestJournalConfig { get; } = ConfigurationFactory.ParseString(
        """
        akka.loglevel = WARNING
        akka.persistence {
          journal {
            plugin = "akka.persistence.journal.test"
            test {
              class = "Akka.Persistence.TestKit.TestJournal, Akka.Persistence.TestKit"
              plugin-dispatcher = "akka.actor.default-dispatcher"
            }
          }
          snapshot-store {
            plugin = "akka.persistence.snapshot-store.test"
            test {
              class = "Akka.Persistence.TestKit.TestSnapshotStore, Akka.Persistence.TestKit"
              plugin-dispatcher = "akka.actor.default-dispatcher"
            }
          }
        }
        """).WithFallback(TelethonPersistence.SerializationConfig);

    public static Config Quiet(Config config) =>
        ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(config);

    /// <summary>A deterministic 256-byte key.</summary>
    public static ImmutableArray<byte> Key(byte seed)
    {
        var bytes = new byte[256];
        for (var i = 0; i < bytes.Length; i++)
            bytes[i] = (byte)(seed * 31 + i * 7);
        return ImmutableArray.Create(bytes);
    }

    /// <summary>
    /// Sends commands that produce every event kind (AuthKeyCreated, AuthKeyDropped, HomeDcChanged, SignedIn, SignedOut,
    /// UpdateStateAdvanced, ChannelPtsAdvanced, PeerSeen), flushes, and returns the session the events must fold into.
    /// </summary>
    public static async Task<SessionData> WriteEveryEventKindAsync(IActorRef session)
    {
        var expected = SessionData.Empty;
        async Task Do(object command, params ISessionEvent[] events)
        {
            await session.Ask<SessionAck>(command, AskTimeout);
            foreach (var e in events)
                expected = expected.Apply(e);
        }

        await Do(new SetHomeDc(2), new HomeDcChanged(2));
        await Do(new SaveAuthKey(2, Key(1), 1111), new AuthKeyCreated(2, Key(1), 1111));
        await Do(new SaveAuthKey(2, Key(2), 2222, Temporary: true), new AuthKeyCreated(2, Key(2), 2222, true));
        await Do(new SaveAuthKey(4, Key(3), -3333), new AuthKeyCreated(4, Key(3), -3333));
        await Do(new SaveAuthKey(5, Key(4), 4444), new AuthKeyCreated(5, Key(4), 4444));
        await Do(new DropAuthKey(5), new AuthKeyDropped(5));
        await Do(new RecordSignIn(1001, false, 2, "alice"), new SignedIn(1001, false, 2, "alice"));
        session.Tell(new AdvanceUpdateState(50, 5, 1_700_000_000, 3));
        session.Tell(new AdvanceChannelPts(900, 17));
        await Do(Flush.Instance, new UpdateStateAdvanced(50, 5, 1_700_000_000, 3), new ChannelPtsAdvanced(900, 17));
        await Do(new RecordPeers([new PeerInfo(7, PeerKind.User, 77, "bob")]), new PeerSeen(7, PeerKind.User, 77, "bob"));
        await Do(RecordSignOut.Instance, SignedOut.Instance);
        await Do(new RecordSignIn(2002, true, 4, "helper_bot"), new SignedIn(2002, true, 4, "helper_bot"));
        await Do(new SetHomeDc(4));
        session.Tell(new AdvanceUpdateState(120, 9, 1_700_000_500, 11));
        session.Tell(new AdvanceChannelPts(900, 40));
        session.Tell(new AdvanceChannelPts(-5, 1));
        await Do(Flush.Instance,
            new UpdateStateAdvanced(120, 9, 1_700_000_500, 11), new ChannelPtsAdvanced(900, 40), new ChannelPtsAdvanced(-5, 1));
        await Do(new RecordPeers(
            [
                new PeerInfo(7, PeerKind.User, 78),
                new PeerInfo(7, PeerKind.Chat, 0),
                new PeerInfo(7, PeerKind.Channel, long.MinValue, "news"),
                new PeerInfo(long.MaxValue, PeerKind.User, -1, "ünïcödé"),
            ]),
            new PeerSeen(7, PeerKind.User, 78), new PeerSeen(7, PeerKind.Chat, 0),
            new PeerSeen(7, PeerKind.Channel, long.MinValue, "news"), new PeerSeen(long.MaxValue, PeerKind.User, -1, "ünïcödé"));
        return expected;
    }

    public static Task<SessionData> GetDataAsync(IActorRef session) => session.Ask<SessionData>(GetSessionData.Instance, AskTimeout);

    public static Task<SessionStats> GetStatsAsync(IActorRef session) => session.Ask<SessionStats>(GetSessionStats.Instance, AskTimeout);

    /// <summary>
    /// Waits until a snapshot at or after <paramref name="sequenceNr"/> is saved and the events before it are deleted
    /// (both land asynchronously).
    /// </summary>
    public static async Task<SessionStats> AwaitSnapshotAsync(IActorRef session, long sequenceNr)
    {
        SessionStats stats = null!;
        await Eventually.UntilAsync(async () =>
        {
            stats = await GetStatsAsync(session);
            return stats.LastSnapshotSequenceNr >= sequenceNr && stats.EventsDeletedTo >= sequenceNr;
        }, $"a snapshot at {sequenceNr} or later with the events before it deleted");
        return stats;
    }

    /// <summary>Stops an actor with FlushAndStop and waits until it is gone.</summary>
    public static async Task FlushAndStopAsync(IActorRef session)
    {
        var stopped = WaitStoppedAsync(session);
        await session.Ask<SessionAck>(FlushAndStop.Instance, AskTimeout);
        await stopped;
    }

    public static async Task WaitStoppedAsync(IActorRef actor)
    {
        using var timeout = new CancellationTokenSource(AskTimeout);
        await actor.WatchAsync(timeout.Token);
    }

    /// <summary>Runs a scalar query on a SQLite file and returns its text.</summary>
    public static string SqliteScalarText(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) ?? "";
    }

    /// <summary>Runs a scalar query on a SQLite file (its own, unpooled connection).</summary>
    public static long SqliteScalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
