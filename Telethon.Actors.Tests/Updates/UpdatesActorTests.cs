using System.Diagnostics.Metrics;
using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Telethon.Embedding;
using Telethon.Events;
using Telethon.Handlers;
using Telethon.Model;
using Telethon.Session;
using Telethon.Tests.Events;
using Telethon.Updates;
using MessageBase = Telethon.Tl.Abcs.Message;
using TlFunctions = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Updates;

/// <summary>
/// The updates actor against probes for its account (requests, watermark, peers) and its handler chain, on a virtual
/// clock. The watermark it reports is what the session persists: it must never run ahead of what the chain acknowledged.
/// </summary>
public sealed class UpdatesActorTests : TestKit
{
    private readonly TestProbe _requests;
    private readonly TestProbe _state;
    private readonly TestProbe _peers;
    private readonly TestProbe _started;
    private readonly TestProbe _chain;
    private readonly IActorRef _account;
    private readonly List<long> _unacknowledged = [];

    public UpdatesActorTests()
        : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        _requests = CreateTestProbe("requests");
        _state = CreateTestProbe("state");
        _peers = CreateTestProbe("peers");
        _started = CreateTestProbe("started");
        _chain = CreateTestProbe("chain");
        // The account, split by message kind; forwarding keeps the updates actor as the sender, so replies reach it.
        var (requests, state, peers, started) = (_requests.Ref, _state.Ref, _peers.Ref, _started.Ref);
        _account = Sys.ActorOf(Props.Create(() => new AccountSplitter(requests, state, peers, started)));
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private IActorRef Create(UpdatesSettings? settings = null) =>
        Sys.ActorOf(UpdatesActor.Props(_account, _chain.Ref, settings ?? new UpdatesSettings { SelfId = Tg.Self }));

    /// <summary>A new account: updates.getState is asked first, and its state reported as the first watermark.</summary>
    private IActorRef Running(int pts = 100, int? queueLimit = null)
    {
        var actor = Create(new UpdatesSettings { SelfId = Tg.Self, UpdateQueueLimit = queueLimit });
        ExpectRequest<TlFunctions.Updates.GetState>();
        Reply(Tg.State(pts));
        _started.ExpectMsg<UpdatesStarted>();
        Assert.Equal(pts, _state.ExpectMsg<WatermarkAdvanced>().State.Pts);
        return actor;
    }

    /// <summary>Waits until the actor processed every message sent to it so far, and until what it told its account so far
    /// has reached the probes (the account splitter answers after forwarding what came before).</summary>
    private void Sync(IActorRef actor)
    {
        var probe = CreateTestProbe();
        actor.Tell(new Identify(null), probe.Ref);
        probe.ExpectMsg<ActorIdentity>();
        _account.Tell(new Identify(null), probe.Ref);
        probe.ExpectMsg<ActorIdentity>();
    }

    private T ExpectRequest<T>() where T : class
    {
        var request = _requests.ExpectMsg<AccountRequest>();
        Assert.Equal(TimeSpan.FromSeconds(30), request.Timeout);
        _lastRequest = request;
        _requester = _requests.LastSender;
        return Assert.IsType<T>(request.Function);
    }

    private AccountRequest? _lastRequest;
    private IActorRef _requester = ActorRefs.Nobody;

    private Guid LastRequestId => _lastRequest!.Id;

    private void Reply(object value) => _requester.Tell(new AccountResult(LastRequestId, value));

    private void Fail(Exception cause) => _requester.Tell(new AccountFailure(LastRequestId, cause));

    /// <summary>Expects <paramref name="count"/> message events at the chain and returns their ids; they stay unacknowledged.</summary>
    private int[] ExpectEvents(int count)
    {
        var ids = new int[count];
        for (var i = 0; i < count; i++)
        {
            var dispatch = _chain.ExpectMsg<DispatchEvent>();
            _unacknowledged.Add(dispatch.Seq);
            ids[i] = Assert.IsType<NewMessage>(dispatch.Event).Id;
        }
        return ids;
    }

    /// <summary>The chain finishes the oldest <paramref name="count"/> events it was given (all when null).</summary>
    private void Acknowledge(IActorRef actor, int? count = null)
    {
        var n = count ?? _unacknowledged.Count;
        foreach (var seq in _unacknowledged.Take(n).ToList())
        {
            actor.Tell(new EventDispatched(seq, 1), _chain.Ref);
            _unacknowledged.Remove(seq);
        }
    }

    private int WatermarkPts() => _state.ExpectMsg<WatermarkAdvanced>().State.Pts;

    private static TlTypes.Message Msg(int id) => Tg.Message(id, $"m{id}", Tg.UserPeer(7), Tg.UserPeer(7));

    private static TlTypes.Updates.Difference Difference(int pts, params MessageBase[] messages) => new()
    {
        NewMessages = messages,
        NewEncryptedMessages = [],
        OtherUpdates = [],
        Users = [Tg.User(7, "Ann")],
        Chats = [],
        State = Tg.State(pts),
    };

    [Fact]
    public void The_watermark_advances_only_as_far_as_the_chain_has_handled()
    {
        var actor = Running(pts: 100);
        actor.Tell(new UpdatesArrived(Tg.Container([Tg.NewMessage(1, 101), Tg.NewMessage(2, 102), Tg.NewMessage(3, 103)])));
        Assert.Equal([1, 2, 3], ExpectEvents(3));
        Sync(actor);
        _state.ExpectNoMsg(TimeSpan.Zero);

        // One container is one checkpoint: it is handled when its last event is.
        Acknowledge(actor, 2);
        Sync(actor);
        _state.ExpectNoMsg(TimeSpan.Zero);
        Acknowledge(actor);
        Assert.Equal(103, WatermarkPts());

        // Live updates one by one: each is its own checkpoint.
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(4, 104))));
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(5, 105))));
        Assert.Equal([4, 5], ExpectEvents(2));
        Acknowledge(actor, 1);
        Assert.Equal(104, WatermarkPts());
        Acknowledge(actor);
        Assert.Equal(105, WatermarkPts());
    }

    [Fact]
    public void Updates_without_an_event_move_the_watermark_once_the_events_before_them_are_handled()
    {
        var actor = Running(pts: 100);
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(1, 101))));
        ExpectEvents(1);
        // A read receipt with pts but no event type of its own... here: a pts update the factory makes no event of.
        actor.Tell(new UpdatesArrived(Tg.Short(new TlTypes.UpdateWebPage { Webpage = new TlTypes.WebPageEmpty { Id = 1 }, Pts = 102, PtsCount = 1 })));
        Sync(actor);
        _state.ExpectNoMsg(TimeSpan.Zero);
        Acknowledge(actor);
        Assert.Equal(102, WatermarkPts());
    }

    [Fact]
    public void A_gap_is_filled_by_getDifference_and_events_arrive_once_in_order()
    {
        var actor = Running(pts: 100);

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(2, 102))));
        Sync(actor);
        _chain.ExpectNoMsg(TimeSpan.Zero);
        _requests.ExpectNoMsg(TimeSpan.Zero);

        Clock.Advance(TimeSpan.FromMilliseconds(600));
        var request = ExpectRequest<TlFunctions.Updates.GetDifference>();
        Assert.Equal((100, 1, 1000), (request.Pts, request.Qts, request.Date));
        Reply(Difference(102, Msg(1), Msg(2)));

        Assert.Equal([1, 2], ExpectEvents(2));
        Assert.Equal("Ann", Assert.IsType<Model.User>(Assert.Single(_peers.ExpectMsg<PeersSeen>().Peers)).Name);
        Acknowledge(actor);
        Assert.Equal(102, WatermarkPts());

        // The update held during the gap, and pushes repeated later, are duplicates now.
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(2, 102))));
        actor.Tell(new UpdatesArrived(Tg.Container([Tg.NewMessage(1, 101), Tg.NewMessage(3, 103)])));
        Assert.Equal([3], ExpectEvents(1));
        Acknowledge(actor);
        Assert.Equal(103, WatermarkPts());
        Sync(actor);
        _chain.ExpectNoMsg(TimeSpan.Zero);
        _requests.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Pushes_before_the_state_is_known_are_fetched_through_a_difference()
    {
        var actor = Create();
        ExpectRequest<TlFunctions.Updates.GetState>();
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(1, 101))));
        Sync(actor);
        _chain.ExpectNoMsg(TimeSpan.Zero);

        Reply(Tg.State(100));
        _started.ExpectMsg<UpdatesStarted>();
        Assert.Equal(100, WatermarkPts());
        Assert.Equal(100, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        Reply(Difference(101, Msg(1)));
        Assert.Equal([1], ExpectEvents(1));
        Acknowledge(actor);
        Assert.Equal(101, WatermarkPts());
    }

    [Fact]
    public void Catch_up_resumes_the_persisted_state_through_difference_slices()
    {
        var actor = Create(new UpdatesSettings { SelfId = Tg.Self, State = new MessageBoxState(50, 3, 900, 7), CatchUp = true });
        _started.ExpectMsg<UpdatesStarted>();

        var first = ExpectRequest<TlFunctions.Updates.GetDifference>();
        Assert.Equal((50, 3, 900), (first.Pts, first.Qts, first.Date));
        Reply(new TlTypes.Updates.DifferenceSlice
        {
            NewMessages = [Msg(1)],
            NewEncryptedMessages = [],
            OtherUpdates = [],
            Users = [],
            Chats = [],
            IntermediateState = Tg.State(51, qts: 3, date: 950),
        });
        Assert.Equal([1], ExpectEvents(1));
        Assert.Equal(51, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);

        Reply(Difference(52, Msg(2)));
        Assert.Equal([2], ExpectEvents(1));
        Acknowledge(actor, 1);
        Assert.Equal(51, WatermarkPts());
        Acknowledge(actor);
        Assert.Equal(52, WatermarkPts());
    }

    [Fact]
    public void Without_catch_up_a_persisted_state_is_replaced_by_getState()
    {
        Create(new UpdatesSettings { SelfId = Tg.Self, State = new MessageBoxState(50, 3, 900, 7), CatchUp = false });
        ExpectRequest<TlFunctions.Updates.GetState>();
        var actor = _requester;
        Reply(Tg.State(80));
        Assert.Equal(80, WatermarkPts());
        Sync(actor);
        _requests.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_channel_gap_asks_getChannelDifference_with_the_access_hash_from_the_entities()
    {
        var actor = Running();
        actor.Tell(new UpdatesArrived(Tg.Container([Tg.ChannelMessage(555, 1, pts: 10)], chats: [Tg.Channel(555, "Devs", accessHash: 999)])));
        var first = Assert.IsType<NewMessage>(_chain.ExpectMsg<DispatchEvent>().Event);
        Assert.Equal(("Devs", 1), (first.Chat.Name, first.Id));
        var seen = Assert.IsType<Group>(Assert.Single(_peers.ExpectMsg<PeersSeen>().Peers));
        Assert.Equal((555L, 999L, true), (seen.Id, seen.AccessHash!.Value, seen.IsMegagroup));
        actor.Tell(new EventDispatched(1, 1), _chain.Ref);
        Assert.Equal(10, _state.ExpectMsg<WatermarkAdvanced>().Channels[555]);

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(555, 3, pts: 12))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromMilliseconds(600));
        var request = ExpectRequest<TlFunctions.Updates.GetChannelDifference>();
        var channel = Assert.IsType<TlTypes.InputChannel>(request.Channel);
        Assert.Equal((555L, 999L, 10), (channel.ChannelId, channel.AccessHash, request.Pts));

        Reply(new TlTypes.Updates.ChannelDifference
        {
            Final = true,
            Pts = 12,
            NewMessages = [Tg.Message(2, "c2", Tg.ChannelPeer(555), Tg.UserPeer(7)), Tg.Message(3, "c3", Tg.ChannelPeer(555), Tg.UserPeer(7))],
            OtherUpdates = [],
            Users = [],
            Chats = [],
        });
        Assert.Equal([2, 3], ExpectEvents(2));
        Acknowledge(actor);
        var watermark = _state.ExpectMsg<WatermarkAdvanced>();
        Assert.Equal(12, watermark.Channels[555]);
        Assert.Equal(100, watermark.State.Pts);
    }

    [Fact]
    public void Persisted_peers_give_the_access_hash_and_unknown_channels_are_dropped()
    {
        var actor = Create(new UpdatesSettings
        {
            SelfId = Tg.Self,
            State = new MessageBoxState(100, 1, 1000, 1, new Dictionary<long, int> { [555] = 10, [777] = 5 }),
            CatchUp = true,
            KnownPeers = [new Model.Channel { Id = 555, AccessHash = 4242, Name = "News" }],
        });
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        Reply(new TlTypes.Updates.DifferenceEmpty { Date = 1000, Seq = 1 });

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(555, 2, pts: 12))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(4242, Assert.IsType<TlTypes.InputChannel>(ExpectRequest<TlFunctions.Updates.GetChannelDifference>().Channel).AccessHash);

        EventFilter.Warning(contains: "no known access hash").ExpectOne(() =>
        {
            actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(777, 2, pts: 7))));
            Sync(actor);
            Clock.Advance(TimeSpan.FromMilliseconds(600));
            Sync(actor);
        });
        _requests.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void FLOOD_WAIT_on_a_difference_delays_the_retry()
    {
        var actor = Create(new UpdatesSettings { SelfId = Tg.Self, State = new MessageBoxState(50, 1, 900, 1), CatchUp = true });
        ExpectRequest<TlFunctions.Updates.GetDifference>();

        EventFilter.Warning(contains: "FLOOD_WAIT").ExpectOne(() => Fail(new RpcError(420, "FLOOD_WAIT_30")));
        Sync(actor);

        // Gaps meanwhile do not bring the difference forward.
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(3, 53))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromSeconds(29));
        Sync(actor);
        _requests.ExpectNoMsg(TimeSpan.Zero);

        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(50, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        Reply(Difference(53, Msg(1), Msg(2), Msg(3)));
        Assert.Equal([1, 2, 3], ExpectEvents(3));
        Sync(actor);
        _chain.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Other_failures_retry_after_the_retry_delay_and_gone_channels_are_forgotten()
    {
        var actor = Create(new UpdatesSettings
        {
            SelfId = Tg.Self,
            State = new MessageBoxState(50, 1, 900, 1, new Dictionary<long, int> { [555] = 10 }),
            CatchUp = true,
            KnownPeers = [new Model.Channel { Id = 555, AccessHash = 1 }],
        });
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        Fail(new TimeoutException("no answer"));
        Sync(actor);
        _requests.ExpectNoMsg(TimeSpan.Zero);
        Clock.Advance(TimeSpan.FromSeconds(5));
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        Reply(new TlTypes.Updates.DifferenceEmpty { Date = 900, Seq = 1 });

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(555, 2, pts: 12))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromMilliseconds(600));
        ExpectRequest<TlFunctions.Updates.GetChannelDifference>();
        EventFilter.Warning(contains: "CHANNEL_PRIVATE").ExpectOne(() => Fail(new RpcError(400, "CHANNEL_PRIVATE")));
        Sync(actor);
        actor.Tell(ReportWatermark.Instance, TestActor);
        Assert.False(ExpectMsg<WatermarkAdvanced>().Channels.ContainsKey(555));
    }

    [Fact]
    public void A_full_queue_sets_pushes_aside_advances_nothing_and_fetches_them_once_there_is_room()
    {
        var actor = Running(pts: 100, queueLimit: 2);

        // Two events fill the queue; what comes next is not read.
        EventFilter.Warning(contains: "wait for the handlers").ExpectOne(() =>
        {
            actor.Tell(new UpdatesArrived(Tg.Container([Tg.NewMessage(1, 101), Tg.NewMessage(2, 102)])));
            Assert.Equal([1, 2], ExpectEvents(2));
        });
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(3, 103))));
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(4, 104))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromSeconds(1));
        Sync(actor);
        _chain.ExpectNoMsg(TimeSpan.Zero);
        _requests.ExpectNoMsg(TimeSpan.Zero);
        _state.ExpectNoMsg(TimeSpan.Zero);

        // Half the queue handled: the difference is asked from where the box stands, and brings the two back, once each.
        Acknowledge(actor, 1);
        Assert.Equal(102, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        Acknowledge(actor);
        Assert.Equal(102, WatermarkPts());
        Reply(Difference(104, Msg(3), Msg(4)));
        Assert.Equal([3, 4], ExpectEvents(2));
        Acknowledge(actor);
        Assert.Equal(104, WatermarkPts());
        Sync(actor);
        _chain.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void A_difference_part_larger_than_the_queue_is_handed_out_whole_and_the_next_part_waits_for_room()
    {
        var actor = Create(new UpdatesSettings { SelfId = Tg.Self, State = new MessageBoxState(50, 1, 900, 1), CatchUp = true, UpdateQueueLimit = 2 });
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        Reply(new TlTypes.Updates.DifferenceSlice
        {
            NewMessages = [Msg(1), Msg(2), Msg(3), Msg(4)],
            NewEncryptedMessages = [],
            OtherUpdates = [],
            Users = [],
            Chats = [],
            IntermediateState = Tg.State(54),
        });
        Assert.Equal([1, 2, 3, 4], ExpectEvents(4));
        Sync(actor);
        _requests.ExpectNoMsg(TimeSpan.Zero);
        Acknowledge(actor, 3);
        Assert.Equal(54, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
    }

    [Fact]
    public void A_short_message_from_an_unknown_user_is_fetched_again_even_while_a_difference_is_in_flight()
    {
        // The bot does not know user 42 (no access hash): it asks for the difference, which brings the user along. A second
        // such message arriving while that difference is in flight may be newer than the answer: it is asked for again.
        var actor = Running(pts: 100);
        actor.Tell(new UpdatesArrived(ShortMessage(1, 101)));
        Assert.Equal(100, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        var firstDifference = LastRequestId;
        actor.Tell(new UpdatesArrived(ShortMessage(2, 102)));
        Sync(actor);
        _requests.ExpectNoMsg(TimeSpan.Zero);

        actor.Tell(new AccountResult(firstDifference, new TlTypes.Updates.Difference
        {
            NewMessages = [Tg.Message(1, "m1", Tg.UserPeer(42), Tg.UserPeer(42))],
            NewEncryptedMessages = [],
            OtherUpdates = [],
            Users = [Tg.User(42, "Stranger", accessHash: 4242)],
            Chats = [],
            State = Tg.State(101),
        }));
        Assert.Equal([1], ExpectEvents(1));
        Assert.Equal(101, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        Reply(new TlTypes.Updates.Difference
        {
            NewMessages = [Tg.Message(2, "m2", Tg.UserPeer(42), Tg.UserPeer(42))],
            NewEncryptedMessages = [],
            OtherUpdates = [],
            Users = [],
            Chats = [],
            State = Tg.State(102),
        });
        Assert.Equal([2], ExpectEvents(1));
    }

    private static TlTypes.UpdateShortMessage ShortMessage(int id, int pts) =>
        new() { Id = id, UserId = 42, Message = $"m{id}", Pts = pts, PtsCount = 1, Date = 1_700_000_000 };

    [Fact]
    public void DifferenceTooLong_becomes_an_UpdatesLost_event_a_warning_and_a_counter()
    {
        long lost = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Telethon.Actors" && instrument.Name == "telethon.updates.lost")
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref lost, value));
        listener.Start();

        var actor = Create(new UpdatesSettings { SelfId = Tg.Self, State = new MessageBoxState(50, 1, 900, 1), CatchUp = true });
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        EventFilter.Warning(contains: "updates are gone").ExpectOne(() =>
        {
            Reply(new TlTypes.Updates.DifferenceTooLong { Pts = 5000 });
            var gone = Assert.IsType<UpdatesLost>(_chain.ExpectMsg<DispatchEvent>().Event);
            Assert.Equal((50, 5000, null), (gone.LocalPts, gone.ServerPts, gone.Chat));
        });
        Assert.Equal(5000, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        Assert.True(Interlocked.Read(ref lost) >= 1);
        Sync(actor);
    }

    [Fact]
    public void Updates_the_box_cannot_order_are_dropped_and_the_account_goes_on()
    {
        var actor = Running();
        EventFilter.Warning(contains: "cannot order").ExpectOne(() =>
        {
            actor.Tell(new UpdatesArrived(new UnknownUpdates()));
            Sync(actor);
        });
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(1, 101))));
        Assert.Equal([1], ExpectEvents(1));
    }

    /// <summary>An Updates constructor of a later layer.</summary>
    private sealed class UnknownUpdates : global::Telethon.Tl.Abcs.UpdatesBase
    {
        public override uint ConstructorId => 0x12345678;

        public override string TlName => "updatesFromTheFuture";

        public override void WriteBareTo(ref global::Telethon.Tl.TlWriter writer)
        {
        }
    }

    [Fact]
    public void CatchUpUpdates_asks_getDifference_now()
    {
        var actor = Running();
        actor.Tell(CatchUpUpdates.Instance);
        Assert.Equal(100, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        actor.Tell(CatchUpUpdates.Instance);
        Sync(actor);
        _requests.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Stopping_answers_after_every_watermark_reported_before()
    {
        var actor = Running(pts: 100);
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(1, 101))));
        ExpectEvents(1);
        Acknowledge(actor);
        actor.Tell(StopUpdates.Instance, _account);
        Assert.Equal(101, WatermarkPts());
        _state.ExpectMsg<UpdatesStopped>();
    }

    /// <summary>Splits what an updates actor tells its account among probes, keeping the updates actor as the sender.</summary>
    private sealed class AccountSplitter : ReceiveActor
    {
        public AccountSplitter(IActorRef requests, IActorRef state, IActorRef peers, IActorRef started)
        {
            Receive<AccountRequest>(m => requests.Forward(m));
            Receive<WatermarkAdvanced>(m => state.Forward(m));
            Receive<PeersSeen>(m => peers.Forward(m));
            Receive<UpdatesStarted>(m => started.Forward(m));
            Receive<UpdatesStopped>(m => state.Forward(m));
        }
    }
}
