using Akka.Actor;
using Akka.TestKit;
using Akka.TestKit.Xunit2;
using Telethon.Events;
using Telethon.Handlers;
using Telethon.Model;
using Telethon.Sender;
using Telethon.Session;
using Telethon.Tests.Events;
using Telethon.Updates;
using MessageBase = Telethon.Tl.Abcs.Message;
using TlFunctions = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Updates;

/// <summary>The updates actor against a probe sender, probe chain and probe listeners, on a virtual clock.</summary>
public sealed class UpdatesActorTests : TestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);
    private readonly TestProbe _sender;
    private readonly TestProbe _chain;
    private readonly TestProbe _state;
    private readonly TestProbe _peers;
    private readonly FakeEventContext _context = new();

    public UpdatesActorTests()
        : base("akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"")
    {
        _sender = CreateTestProbe("sender");
        _chain = CreateTestProbe("chain");
        _state = CreateTestProbe("state");
        _peers = CreateTestProbe("peers");
    }

    private TestScheduler Clock => (TestScheduler)Sys.Scheduler;

    private IActorRef Create(UpdatesSettings? settings = null)
    {
        settings ??= new UpdatesSettings();
        var withListeners = new UpdatesSettings
        {
            State = settings.State,
            CatchUp = settings.CatchUp,
            UpdateQueueLimit = settings.UpdateQueueLimit,
            KnownPeers = settings.KnownPeers,
            BoxOptions = settings.BoxOptions,
            StateListener = _state.Ref,
            PeersListener = _peers.Ref,
        };
        return Sys.ActorOf(UpdatesActor.Props(_sender.Ref, _chain.Ref, _context, withListeners));
    }

    /// <summary>A new account: updates.getState is asked first, and its state reported.</summary>
    private IActorRef Running(int pts = 100, int? queueLimit = null)
    {
        var actor = Create(new UpdatesSettings { UpdateQueueLimit = queueLimit });
        Assert.IsType<TlFunctions.Updates.GetState>(_sender.ExpectMsg<Invoke>().Function);
        _sender.Reply(new InvokeResult(Tg.State(pts)));
        Assert.Equal(pts, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
        return actor;
    }

    /// <summary>Waits until the actor processed every message sent to it so far.</summary>
    private void Sync(IActorRef actor)
    {
        var probe = CreateTestProbe();
        actor.Tell(new Identify(null), probe.Ref);
        probe.ExpectMsg<ActorIdentity>();
    }

    private T ExpectRequest<T>() where T : class
    {
        var invoke = _sender.ExpectMsg<Invoke>();
        Assert.Equal(TimeSpan.FromSeconds(30), invoke.Timeout);
        return Assert.IsType<T>(invoke.Function);
    }

    private int[] ExpectEvents(int count)
    {
        var ids = new int[count];
        for (var i = 0; i < count; i++)
            ids[i] = Assert.IsType<NewMessage>(_chain.ExpectMsg<DispatchEvent>().Event).Id;
        return ids;
    }

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
    public void A_gap_is_filled_by_getDifference_and_events_arrive_once_in_order()
    {
        var actor = Running(pts: 100);

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(2, 102))));
        Sync(actor);
        _chain.ExpectNoMsg(Quiet);
        _sender.ExpectNoMsg(TimeSpan.Zero);

        Clock.Advance(TimeSpan.FromMilliseconds(600));
        var request = ExpectRequest<TlFunctions.Updates.GetDifference>();
        Assert.Equal((100, 1, 1000), (request.Pts, request.Qts, request.Date));
        _sender.Reply(new InvokeResult(Difference(102, Msg(1), Msg(2))));

        Assert.Equal([1, 2], ExpectEvents(2));
        Assert.Equal(102, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
        Assert.Equal("Ann", Assert.IsType<Model.User>(Assert.Single(_peers.ExpectMsg<PeersSeen>().Peers)).Name);

        // The update held during the gap, and pushes repeated later, are duplicates now.
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(2, 102))));
        actor.Tell(new UpdatesArrived(Tg.Container([Tg.NewMessage(1, 101), Tg.NewMessage(3, 103)])));
        Assert.Equal([3], ExpectEvents(1));
        Assert.Equal(103, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
        _chain.ExpectNoMsg(Quiet);
        _sender.ExpectNoMsg(TimeSpan.Zero);
    }

    [Fact]
    public void Updates_in_order_are_delivered_at_once_and_pushes_wait_for_the_state()
    {
        var actor = Create();
        var getState = _sender.ExpectMsg<Invoke>();
        Assert.IsType<TlFunctions.Updates.GetState>(getState.Function);
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(1, 101))));
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(9, 100))));
        _chain.ExpectNoMsg(Quiet);

        _sender.Reply(new InvokeResult(Tg.State(100)));
        Assert.Equal([1], ExpectEvents(1));
        Assert.Equal(100, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
        Assert.Equal(101, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
        _chain.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Catch_up_resumes_the_persisted_state_through_difference_slices()
    {
        Create(new UpdatesSettings { State = new MessageBoxState(50, 3, 900, 7), CatchUp = true });

        var first = ExpectRequest<TlFunctions.Updates.GetDifference>();
        Assert.Equal((50, 3, 900), (first.Pts, first.Qts, first.Date));
        _sender.Reply(new InvokeResult(new TlTypes.Updates.DifferenceSlice
        {
            NewMessages = [Msg(1)],
            NewEncryptedMessages = [],
            OtherUpdates = [],
            Users = [],
            Chats = [],
            IntermediateState = Tg.State(51, qts: 3, date: 950),
        }));
        Assert.Equal([1], ExpectEvents(1));
        Assert.Equal(51, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);

        _sender.Reply(new InvokeResult(Difference(52, Msg(2))));
        Assert.Equal([2], ExpectEvents(1));
        Assert.Equal(51, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
        Assert.Equal(52, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
    }

    [Fact]
    public void Without_catch_up_a_persisted_state_is_replaced_by_getState()
    {
        Create(new UpdatesSettings { State = new MessageBoxState(50, 3, 900, 7), CatchUp = false });
        Assert.IsType<TlFunctions.Updates.GetState>(_sender.ExpectMsg<Invoke>().Function);
        _sender.Reply(new InvokeResult(Tg.State(80)));
        Assert.Equal(80, _state.ExpectMsg<UpdateStateChanged>().State.Pts);
        _sender.ExpectNoMsg(Quiet);
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
        Assert.Equal(10, _state.ExpectMsg<UpdateStateChanged>().State.ChannelPts[555]);

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(555, 3, pts: 12))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromMilliseconds(600));
        var request = ExpectRequest<TlFunctions.Updates.GetChannelDifference>();
        var channel = Assert.IsType<TlTypes.InputChannel>(request.Channel);
        Assert.Equal((555L, 999L, 10), (channel.ChannelId, channel.AccessHash, request.Pts));

        _sender.Reply(new InvokeResult(new TlTypes.Updates.ChannelDifference
        {
            Final = true,
            Pts = 12,
            NewMessages = [Tg.Message(2, "c2", Tg.ChannelPeer(555), Tg.UserPeer(7)), Tg.Message(3, "c3", Tg.ChannelPeer(555), Tg.UserPeer(7))],
            OtherUpdates = [],
            Users = [],
            Chats = [],
        }));
        Assert.Equal([2, 3], ExpectEvents(2));
        Assert.Equal(12, _state.ExpectMsg<UpdateStateChanged>().State.ChannelPts[555]);
        _chain.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Persisted_peers_give_the_access_hash_and_unknown_channels_are_dropped()
    {
        var actor = Create(new UpdatesSettings
        {
            State = new MessageBoxState(100, 1, 1000, 1, new Dictionary<long, int> { [555] = 10, [777] = 5 }),
            CatchUp = true,
            KnownPeers = [new Model.Channel { Id = 555, AccessHash = 4242, Name = "News" }],
        });
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        _sender.Reply(new InvokeResult(new TlTypes.Updates.DifferenceEmpty { Date = 1000, Seq = 1 }));

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(555, 2, pts: 12))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromMilliseconds(600));
        Assert.Equal(4242, Assert.IsType<TlTypes.InputChannel>(ExpectRequest<TlFunctions.Updates.GetChannelDifference>().Channel).AccessHash);

        EventFilter.Warning(contains: "no known access hash").ExpectOne(() =>
        {
            actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(777, 2, pts: 7))));
            Sync(actor);
            Clock.Advance(TimeSpan.FromMilliseconds(600));
        });
        Assert.False(_state.ExpectMsg<UpdateStateChanged>().State.ChannelPts.ContainsKey(777));
        _sender.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void FLOOD_WAIT_on_a_difference_delays_the_retry()
    {
        var actor = Create(new UpdatesSettings { State = new MessageBoxState(50, 1, 900, 1), CatchUp = true });
        ExpectRequest<TlFunctions.Updates.GetDifference>();

        EventFilter.Warning(contains: "FLOOD_WAIT").ExpectOne(() =>
            _sender.Reply(new Status.Failure(new RpcError(420, "FLOOD_WAIT_30"))));
        Sync(actor);

        // Gaps meanwhile do not bring the difference forward.
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(3, 53))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromSeconds(29));
        _sender.ExpectNoMsg(Quiet);

        Clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(50, ExpectRequest<TlFunctions.Updates.GetDifference>().Pts);
        _sender.Reply(new InvokeResult(Difference(53, Msg(1), Msg(2), Msg(3))));
        Assert.Equal([1, 2, 3], ExpectEvents(3));
        _chain.ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Other_failures_retry_after_the_retry_delay_and_gone_channels_are_forgotten()
    {
        var actor = Create(new UpdatesSettings
        {
            State = new MessageBoxState(50, 1, 900, 1, new Dictionary<long, int> { [555] = 10 }),
            CatchUp = true,
            KnownPeers = [new Model.Channel { Id = 555, AccessHash = 1 }],
        });
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        _sender.Reply(new Status.Failure(new TimeoutException("no answer")));
        _sender.ExpectNoMsg(Quiet);
        Clock.Advance(TimeSpan.FromSeconds(5));
        ExpectRequest<TlFunctions.Updates.GetDifference>();
        _sender.Reply(new InvokeResult(new TlTypes.Updates.DifferenceEmpty { Date = 900, Seq = 1 }));

        actor.Tell(new UpdatesArrived(Tg.Short(Tg.ChannelMessage(555, 2, pts: 12))));
        Sync(actor);
        Clock.Advance(TimeSpan.FromMilliseconds(600));
        ExpectRequest<TlFunctions.Updates.GetChannelDifference>();
        EventFilter.Warning(contains: "CHANNEL_PRIVATE").ExpectOne(() =>
            _sender.Reply(new Status.Failure(new RpcError(400, "CHANNEL_PRIVATE"))));
        Assert.Empty(FishState(s => !s.ChannelPts.ContainsKey(555)).ChannelPts);
    }

    private MessageBoxState FishState(Func<MessageBoxState, bool> predicate) =>
        _state.FishForMessage<UpdateStateChanged>(m => predicate(m.State)).State;

    [Fact]
    public void Events_beyond_the_queue_limit_are_dropped_with_a_throttled_warning()
    {
        var actor = Running(queueLimit: 2);

        EventFilter.Warning(contains: "dropped").ExpectOne(() =>
        {
            actor.Tell(new UpdatesArrived(Tg.Container([Tg.NewMessage(1, 101), Tg.NewMessage(2, 102), Tg.NewMessage(3, 103), Tg.NewMessage(4, 104)])));
            Assert.Equal([1, 2], ExpectEvents(2));
        });
        _chain.ExpectNoMsg(Quiet);

        // The chain finishing one event makes room for one more.
        actor.Tell(new EventDispatched(Tg.Text("done"), 1), _chain.Ref);
        actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(5, 105))));
        Assert.Equal([5], ExpectEvents(1));

        EventFilter.Warning(contains: "dropped").Expect(0, Quiet, () =>
        {
            actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(6, 106))));
            Sync(actor);
        });
        Clock.Advance(TimeSpan.FromMinutes(5));
        EventFilter.Warning(contains: "(4 dropped so far)").ExpectOne(() =>
        {
            actor.Tell(new UpdatesArrived(Tg.Short(Tg.NewMessage(7, 107))));
            Sync(actor);
        });
        _chain.ExpectNoMsg(Quiet);
        Assert.Equal(107, FishState(s => s.Pts == 107).Pts);
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
        _sender.ExpectNoMsg(Quiet);
    }
}
