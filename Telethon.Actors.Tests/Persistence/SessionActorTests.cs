using Akka.Actor;
using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

/// <summary>The session actor on the Akka.Persistence.TestKit journal and snapshot store (in memory, set through HOCON).</summary>
public sealed class SessionActorTests : Akka.TestKit.Xunit2.TestKit
{
    public SessionActorTests()
        : base(TestJournalConfig, nameof(SessionActorTests))
    {
    }

    private static string NewKey() => Guid.NewGuid().ToString("N");

    private async Task<IActorRef> RestartAsync(IActorRef session, string key, SessionActorSettings? settings = null)
    {
        Watch(session);
        Sys.Stop(session);
        ExpectTerminated(session, AskTimeout);
        Unwatch(session);
        var next = Sys.ActorOf(SessionActor.Props(key, settings));
        await GetStatsAsync(next);
        return next;
    }

    [Fact]
    public async Task Every_event_kind_is_persisted_and_recovered()
    {
        var key = NewKey();
        var session = Sys.ActorOf(SessionActor.Props(key));

        var expected = await WriteEveryEventKindAsync(session);
        Assert.Equal(expected, await GetDataAsync(session));

        var recovered = await RestartAsync(session, key);
        Assert.Equal(expected, await GetDataAsync(recovered));
        var stats = await GetStatsAsync(recovered);
        Assert.False(stats.RecoveredFromSnapshot);
        Assert.Equal(stats.LastSequenceNr, stats.EventsReplayed);
        Assert.True(stats.EventsReplayed >= 15, $"replayed {stats.EventsReplayed}");
    }

    [Fact]
    public async Task Sessions_with_different_keys_are_separate()
    {
        var a = Sys.ActorOf(SessionActor.Props("a-" + NewKey()));
        var b = Sys.ActorOf(SessionActor.Props("b-" + NewKey()));

        await a.Ask<SessionAck>(new SetHomeDc(1), AskTimeout);
        await b.Ask<SessionAck>(new SetHomeDc(3), AskTimeout);

        Assert.Equal(1, (await GetDataAsync(a)).HomeDcId);
        Assert.Equal(3, (await GetDataAsync(b)).HomeDcId);
    }

    [Fact]
    public async Task A_thousand_update_state_commands_are_coalesced_and_the_latest_survives_a_restart()
    {
        var key = NewKey();
        var settings = new SessionActorSettings { UpdateStateFlushCount = 100, UpdateStateFlushInterval = TimeSpan.FromSeconds(30) };
        var session = Sys.ActorOf(SessionActor.Props(key, settings));

        for (var i = 1; i <= 1000; i++)
        {
            session.Tell(new AdvanceUpdateState(i, i / 10, 1_700_000_000 + i, i / 3));
            session.Tell(new AdvanceChannelPts(i % 4, i));
        }
        // Everything sent is visible at once, before it is written.
        Assert.Equal(new UpdateState(1000, 100, 1_700_001_000, 333), (await GetDataAsync(session)).UpdateState);
        await session.Ask<SessionAck>(Flush.Instance, AskTimeout);

        var stats = await GetStatsAsync(session);
        Assert.Equal(2000, stats.UpdateStateCommands);
        // At most one write per 100 commands; fewer when commands gather while a write is in flight (one at a time).
        Assert.InRange(stats.Writes, 1, 20);
        Assert.True(stats.EventsPersisted <= 20 * 5, $"{stats.EventsPersisted} events for 2000 commands");

        var recovered = await RestartAsync(session, key, settings);
        var data = await GetDataAsync(recovered);
        Assert.Equal(new UpdateState(1000, 100, 1_700_001_000, 333), data.UpdateState);
        Assert.Equal(new Dictionary<long, int> { [0] = 1000, [1] = 997, [2] = 998, [3] = 999 }, data.ChannelPts.OrderBy(p => p.Key).ToDictionary());
    }

    [Fact]
    public async Task Update_state_is_written_when_the_flush_interval_ends()
    {
        var settings = new SessionActorSettings { UpdateStateFlushCount = 1000, UpdateStateFlushInterval = TimeSpan.FromMilliseconds(100) };
        var session = Sys.ActorOf(SessionActor.Props(NewKey(), settings));

        for (var i = 1; i <= 5; i++)
            session.Tell(new AdvanceUpdateState(i, 0, 0, 0));
        Assert.Equal(0, (await GetStatsAsync(session)).EventsPersisted);

        await AwaitAssertAsync(async () =>
        {
            var stats = await GetStatsAsync(session);
            Assert.Equal(1, stats.EventsPersisted);
            Assert.Equal(1, stats.LastSequenceNr);
        }, TimeSpan.FromSeconds(5), TimeSpan.FromMilliseconds(20));
    }

    [Fact]
    public async Task Flush_answers_after_every_earlier_write_and_unchanged_values_are_not_written_again()
    {
        var session = Sys.ActorOf(SessionActor.Props(NewKey()));
        session.Tell(new RecordPeers([new PeerInfo(1, PeerKind.User, 10), new PeerInfo(2, PeerKind.Channel, 20)]));
        session.Tell(new SaveAuthKey(2, Key(1), 5));
        session.Tell(new AdvanceUpdateState(1, 2, 3, 4));

        var ack = await session.Ask<SessionAck>(Flush.Instance, AskTimeout);
        Assert.Equal(4, ack.SequenceNr);

        await session.Ask<SessionAck>(new RecordPeers([new PeerInfo(1, PeerKind.User, 10), new PeerInfo(2, PeerKind.Channel, 21)]), AskTimeout);
        await session.Ask<SessionAck>(new SaveAuthKey(2, Key(1), 5), AskTimeout);
        session.Tell(new AdvanceUpdateState(1, 2, 3, 4));
        ack = await session.Ask<SessionAck>(Flush.Instance, AskTimeout);

        Assert.Equal(5, ack.SequenceNr); // only the changed access hash
        Assert.Equal(21, (await GetDataAsync(session)).GetPeer(PeerKind.Channel, 2)!.AccessHash);
    }

    [Fact]
    public async Task Sign_out_discards_unwritten_update_state()
    {
        var key = NewKey();
        var session = Sys.ActorOf(SessionActor.Props(key));
        await session.Ask<SessionAck>(new RecordSignIn(1, false, 2), AskTimeout);
        session.Tell(new AdvanceUpdateState(9, 9, 9, 9));
        await session.Ask<SessionAck>(RecordSignOut.Instance, AskTimeout);
        await session.Ask<SessionAck>(Flush.Instance, AskTimeout);

        var recovered = await RestartAsync(session, key);
        var data = await GetDataAsync(recovered);
        Assert.Null(data.User);
        Assert.Null(data.UpdateState);
        Assert.Equal(2, data.HomeDcId);
    }

    [Fact]
    public async Task Snapshots_keep_recovery_short_and_older_events_are_deleted()
    {
        var key = NewKey();
        var settings = new SessionActorSettings { SnapshotEveryEvents = 10 };
        var session = Sys.ActorOf(SessionActor.Props(key, settings));
        var expected = await WriteEveryEventKindAsync(session);
        for (var i = 0; i < 40; i++)
        {
            await session.Ask<SessionAck>(new RecordPeers([new PeerInfo(1000 + i, PeerKind.User, i)]), AskTimeout);
            expected = expected.Apply(new PeerSeen(1000 + i, PeerKind.User, i));
        }
        var written = await AwaitSnapshotAsync(session, 50);
        Assert.True(written.SnapshotsSaved >= 2, $"{written.SnapshotsSaved} snapshots");

        var recovered = await RestartAsync(session, key, settings);
        var stats = await GetStatsAsync(recovered);
        Assert.True(stats.RecoveredFromSnapshot);
        Assert.True(stats.EventsReplayed < 10, $"replayed {stats.EventsReplayed}");
        Assert.Equal(written.LastSequenceNr, stats.LastSequenceNr);
        Assert.Equal(expected, await GetDataAsync(recovered));

        // Writing on after the deletions continues the sequence, and recovers again.
        await recovered.Ask<SessionAck>(new SetHomeDc(5), AskTimeout);
        var again = await RestartAsync(recovered, key, settings);
        Assert.Equal(expected.Apply(new HomeDcChanged(5)), await GetDataAsync(again));
        Assert.Equal(written.LastSequenceNr + 1, (await GetStatsAsync(again)).LastSequenceNr);
    }

    [Fact]
    public async Task Unwritten_update_state_is_saved_when_the_actor_stops()
    {
        var key = NewKey();
        var settings = new SessionActorSettings { UpdateStateFlushInterval = TimeSpan.FromMinutes(5), UpdateStateFlushCount = 1000 };
        var session = Sys.ActorOf(SessionActor.Props(key, settings));
        await session.Ask<SessionAck>(new SetHomeDc(2), AskTimeout);
        session.Tell(new AdvanceUpdateState(42, 4, 1_700_000_042, 2));
        session.Tell(new AdvanceChannelPts(77, 7));
        Assert.Equal(1, (await GetStatsAsync(session)).LastSequenceNr);

        var recovered = await RestartAsync(session, key, settings);

        var data = await GetDataAsync(recovered);
        Assert.Equal(new UpdateState(42, 4, 1_700_000_042, 2), data.UpdateState);
        Assert.Equal(7, data.ChannelPts[77]);
        Assert.Equal(2, data.HomeDcId);
        Assert.True((await GetStatsAsync(recovered)).RecoveredFromSnapshot);
    }

    [Fact]
    public async Task FlushAndStop_writes_answers_and_stops()
    {
        var key = NewKey();
        var session = Sys.ActorOf(SessionActor.Props(key));
        Watch(session);
        session.Tell(new AdvanceUpdateState(3, 2, 1, 0));

        var ack = await session.Ask<SessionAck>(FlushAndStop.Instance, AskTimeout);

        Assert.Equal(1, ack.SequenceNr);
        ExpectTerminated(session, AskTimeout);
        var recovered = Sys.ActorOf(SessionActor.Props(key));
        Assert.Equal(new UpdateState(3, 2, 1, 0), (await GetDataAsync(recovered)).UpdateState);
        Assert.False((await GetStatsAsync(recovered)).RecoveredFromSnapshot);
    }

    [Fact]
    public async Task Commands_told_without_a_sender_are_still_written()
    {
        var key = NewKey();
        var session = Sys.ActorOf(SessionActor.Props(key));
        session.Tell(new SetHomeDc(3), ActorRefs.NoSender);
        session.Tell(new DropAuthKey(3), ActorRefs.NoSender);
        await session.Ask<SessionAck>(Flush.Instance, AskTimeout);

        Assert.Equal(3, (await GetDataAsync(session)).HomeDcId);
        Assert.Equal(1, (await GetStatsAsync(session)).LastSequenceNr);
    }

    [Fact]
    public void Settings_are_validated_and_read_from_hocon()
    {
        var settings = SessionActorSettings.FromConfig(Akka.Configuration.ConfigurationFactory.ParseString(
            """
            flush-interval = 250ms
            flush-every-updates = 7
            snapshot-every-events = 0
            journal-plugin = "akka.persistence.journal.test"
            """));

        Assert.Equal(TimeSpan.FromMilliseconds(250), settings.UpdateStateFlushInterval);
        Assert.Equal(7, settings.UpdateStateFlushCount);
        Assert.Equal(0, settings.SnapshotEveryEvents);
        Assert.Equal("akka.persistence.journal.test", settings.JournalPluginId);
        Assert.Null(settings.SnapshotPluginId);
        Assert.Equal(SessionActorSettings.Default, SessionActorSettings.FromConfig(null));
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionActor.Props("k", new SessionActorSettings { UpdateStateFlushCount = 0 }));
        Assert.Throws<ArgumentException>(() => SessionActor.Props(""));
    }
}
