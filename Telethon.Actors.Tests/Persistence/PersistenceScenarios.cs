using Akka.Actor;
using Akka.Configuration;
using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

/// <summary>Recovery scenarios across whole ActorSystems, run against each real store (SQLite file, PostgreSQL).</summary>
internal static class PersistenceScenarios
{
    public static ActorSystem Start(Config config, string name) =>
        ActorSystem.Create($"{name}-{Guid.NewGuid():N}", Quiet(config));

    /// <summary>System A writes every event kind and stops; system B, on the same store, recovers the same session.</summary>
    public static async Task<SessionData> EveryEventKindSurvivesANewActorSystemAsync(Config config, string key)
    {
        SessionData expected;
        var a = Start(config, "a");
        try
        {
            var session = a.ActorOf(SessionActor.Props(key));
            expected = await WriteEveryEventKindAsync(session);
            await FlushAndStopAsync(session);
        }
        finally
        {
            await a.Terminate();
        }

        var b = Start(config, "b");
        try
        {
            var session = b.ActorOf(SessionActor.Props(key));
            var recovered = await GetDataAsync(session);
            Assert.Equal(expected, recovered);
            var stats = await GetStatsAsync(session);
            Assert.False(stats.RecoveredFromSnapshot);
            Assert.True(stats.EventsReplayed >= 15, $"replayed {stats.EventsReplayed}");
            return recovered;
        }
        finally
        {
            await b.Terminate();
        }
    }

    /// <summary>
    /// The entity writes from system A, then from system B, then from A again while both stay up (a failover and
    /// back): a fresh system recovers every event. With the journal's default replay filter the last round is lost.
    /// </summary>
    public static async Task AnEntityMovingBetweenSystemsLosesNothingAsync(Config config, string key)
    {
        var expected = SessionData.Empty;
        var a = Start(config, "a");
        var b = Start(config, "b");
        try
        {
            var id = 0;
            foreach (var system in new[] { a, b, a })
            {
                var session = system.ActorOf(SessionActor.Props(key));
                Assert.Equal(expected, await GetDataAsync(session));
                for (var i = 0; i < 5; i++)
                {
                    id++;
                    await session.Ask<SessionAck>(new RecordPeers([new PeerInfo(id, PeerKind.User, id * 10)]), AskTimeout);
                    expected = expected.Apply(new PeerSeen(id, PeerKind.User, id * 10));
                }
                session.Tell(new AdvanceUpdateState(id, 0, 0, 0));
                expected = expected.Apply(new UpdateStateAdvanced(id, 0, 0, 0));
                await FlushAndStopAsync(session);
            }
        }
        finally
        {
            await Task.WhenAll(a.Terminate(), b.Terminate());
        }

        var c = Start(config, "c");
        try
        {
            var session = c.ActorOf(SessionActor.Props(key));
            var data = await GetDataAsync(session);
            Assert.Equal(15, data.Peers.Count);
            Assert.Equal(expected, data);
            Assert.Equal(18, (await GetStatsAsync(session)).LastSequenceNr);
        }
        finally
        {
            await c.Terminate();
        }
    }

    /// <summary>Snapshots every 10 events; a new system recovers from the snapshot with a short replay and writes on.</summary>
    public static async Task SnapshotsKeepRecoveryShortAsync(Config config, string key)
    {
        var settings = new SessionActorSettings { SnapshotEveryEvents = 10 };
        var expected = SessionData.Empty;
        long last;
        var a = Start(config, "a");
        try
        {
            var session = a.ActorOf(SessionActor.Props(key, settings));
            for (var i = 1; i <= 35; i++)
            {
                await session.Ask<SessionAck>(new RecordPeers([new PeerInfo(i, PeerKind.Channel, -i, $"c{i}")]), AskTimeout);
                expected = expected.Apply(new PeerSeen(i, PeerKind.Channel, -i, $"c{i}"));
            }
            // One snapshot at a time, each at least 10 events after the last: when saves are slow the snapshots land
            // later (10, 26, …), so what is certain is a snapshot less than 10 events behind the end.
            var written = await AwaitSnapshotAsync(session, 35 - settings.SnapshotEveryEvents + 1);
            last = written.LastSequenceNr;
            Assert.Equal(35, last);
            await FlushAndStopAsync(session);
        }
        finally
        {
            await a.Terminate();
        }

        var b = Start(config, "b");
        try
        {
            var session = b.ActorOf(SessionActor.Props(key, settings));
            Assert.Equal(expected, await GetDataAsync(session));
            var stats = await GetStatsAsync(session);
            Assert.True(stats.RecoveredFromSnapshot);
            Assert.True(stats.EventsReplayed < 10, $"replayed {stats.EventsReplayed}");
            Assert.Equal(last, stats.LastSequenceNr);
            await session.Ask<SessionAck>(new SetHomeDc(3), AskTimeout);
            expected = expected.Apply(new HomeDcChanged(3));
            await FlushAndStopAsync(session);
        }
        finally
        {
            await b.Terminate();
        }

        var c = Start(config, "c");
        try
        {
            var session = c.ActorOf(SessionActor.Props(key, settings));
            Assert.Equal(expected, await GetDataAsync(session));
            Assert.Equal(last + 1, (await GetStatsAsync(session)).LastSequenceNr);
        }
        finally
        {
            await c.Terminate();
        }
    }
}
