using Akka.Actor;
using Akka.TestKit.Xunit2;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Handlers;
using Telethon.Tests.Events;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Handlers;

public sealed class HandlerChainActorTests : TestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    public HandlerChainActorTests()
        : base("akka.loglevel = DEBUG")
    {
    }

    /// <summary>A handler that tells the test actor (name, event text) and returns <paramref name="result"/>.</summary>
    private Func<NewMessage, Task<HandlerResult>> Recording(string name, HandlerResult result = HandlerResult.Handled)
    {
        var probe = TestActor;
        return e =>
        {
            probe.Tell((name, e.Text));
            return Task.FromResult(result);
        };
    }

    private IActorRef Chain(bool checkAll = false, params AddHandler[] handlers)
    {
        var chain = Sys.ActorOf(HandlerChainActor.Props(checkAll));
        foreach (var handler in handlers)
        {
            chain.Tell(handler);
            ExpectMsg<HandlerChanged>();
        }
        return chain;
    }

    private (string, string) Ran() => ExpectMsg<(string, string)>();

    /// <summary>Dispatches <paramref name="e"/> and expects the handlers' reports, then the acknowledgement.</summary>
    private void Dispatch(IActorRef chain, Event e, int expectedRun, params (string, string)[] ran)
    {
        chain.Tell(new DispatchEvent(e));
        foreach (var report in ran)
            Assert.Equal(report, Ran());
        var done = ExpectMsg<EventDispatched>();
        Assert.Same(e, done.Event);
        Assert.Equal(expectedRun, done.HandlersRun);
    }

    [Fact]
    public void First_matching_handler_runs_and_later_ones_do_not()
    {
        var chain = Chain(false,
            AddHandler.WithResult(Recording("start"), Filter.Command("/start")),
            AddHandler.WithResult(Recording("any")),
            AddHandler.WithResult(Recording("never")));

        chain.Tell(new DispatchEvent(Tg.Text("/start")));
        Assert.Equal(("start", "/start"), Ran());
        Assert.Equal(1, ExpectMsg<EventDispatched>().HandlersRun);

        chain.Tell(new DispatchEvent(Tg.Text("hello")));
        Assert.Equal(("any", "hello"), Ran());
        ExpectMsg<EventDispatched>();
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void CheckAllHandlers_runs_every_matching_handler_in_order()
    {
        var chain = Chain(true,
            AddHandler.WithResult(Recording("a")),
            AddHandler.WithResult(Recording("skipped"), Filter.Text("nope")),
            AddHandler.WithResult(Recording("b")),
            AddHandler.WithResult(Recording("c")));

        chain.Tell(new DispatchEvent(Tg.Text("x")));
        Assert.Equal(("a", "x"), Ran());
        Assert.Equal(("b", "x"), Ran());
        Assert.Equal(("c", "x"), Ran());
        Assert.Equal(3, ExpectMsg<EventDispatched>().HandlersRun);
    }

    [Fact]
    public void Continue_lets_the_next_handlers_run()
    {
        var chain = Chain(false,
            AddHandler.WithResult(Recording("admin-check", HandlerResult.Continue)),
            AddHandler.WithResult(Recording("everyone")),
            AddHandler.WithResult(Recording("never")));

        chain.Tell(new DispatchEvent(Tg.Text("x")));
        Assert.Equal(("admin-check", "x"), Ran());
        Assert.Equal(("everyone", "x"), Ran());
        Assert.Equal(2, ExpectMsg<EventDispatched>().HandlersRun);
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Handlers_only_get_their_event_type_and_events_without_match_are_acknowledged()
    {
        var probe = TestActor;
        var chain = Chain(false,
            AddHandler.For<MessageDeleted>(e => { probe.Tell(("deleted", string.Join(",", e.MessageIds))); return Task.CompletedTask; }),
            AddHandler.WithResult(Recording("new"), Filter.Text("^only")));

        chain.Tell(new DispatchEvent(Tg.Text("something else")));
        Assert.Equal(0, ExpectMsg<EventDispatched>().HandlersRun);

        var deleted = Tg.EventOf(new TlTypes.UpdateDeleteMessages { Messages = [4, 5], Pts = 2, PtsCount = 2 })!;
        chain.Tell(new DispatchEvent(deleted));
        Assert.Equal(("deleted", "4,5"), Ran());
        ExpectMsg<EventDispatched>();

        chain.Tell(new DispatchEvent(Tg.Text("only this")));
        Assert.Equal(("new", "only this"), Ran());
        ExpectMsg<EventDispatched>();
    }

    [Fact]
    public void Events_wait_for_the_previous_event_handlers_to_finish()
    {
        var gate = new TaskCompletionSource<HandlerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = TestActor;
        var chain = Chain(false, AddHandler.WithResult<NewMessage>(e =>
        {
            probe.Tell(("run", e.Text));
            return e.Text == "slow" ? gate.Task : Task.FromResult(HandlerResult.Handled);
        }));

        chain.Tell(new DispatchEvent(Tg.Text("slow")));
        chain.Tell(new DispatchEvent(Tg.Text("fast")));
        Assert.Equal(("run", "slow"), Ran());
        ExpectNoMsg(Quiet);

        gate.SetResult(HandlerResult.Handled);
        Assert.Equal("slow", ExpectMsg<EventDispatched>().Event.Text);
        Assert.Equal(("run", "fast"), Ran());
        Assert.Equal("fast", ExpectMsg<EventDispatched>().Event.Text);
    }

    [Fact]
    public void A_throwing_handler_is_logged_restarted_and_later_events_still_run()
    {
        var probe = TestActor;
        var calls = 0;
        var chain = Chain(false,
            AddHandler.For<NewMessage>(e =>
            {
                Interlocked.Increment(ref calls);
                if (e.Text == "boom")
                    throw new InvalidOperationException("handler bug");
                probe.Tell(("ok", e.Text));
                return Task.CompletedTask;
            }),
            AddHandler.WithResult(Recording("after")));

        EventFilter.Debug(contains: "restarted after a failure").ExpectOne(() =>
            EventFilter.Exception<InvalidOperationException>(contains: "handler bug").ExpectOne(() =>
            {
                chain.Tell(new DispatchEvent(Tg.Text("boom")));
                // As in Telethon, a failure ends the event: the next handler does not run for it.
                Assert.Equal(1, ExpectMsg<EventDispatched>().HandlersRun);
            }));

        chain.Tell(new DispatchEvent(Tg.Text("fine")));
        Assert.Equal(("ok", "fine"), Ran());
        ExpectMsg<EventDispatched>();
        Assert.Equal(2, calls);
    }

    [Fact]
    public void A_faulted_task_is_a_failure_too_and_the_error_names_the_event()
    {
        var chain = Chain(false, AddHandler.For<NewMessage>(async e =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async bug");
        }));

        EventFilter.Error(contains: "Id = 1").ExpectOne(() =>
        {
            chain.Tell(new DispatchEvent(Tg.Text("first")));
            ExpectMsg<EventDispatched>();
        });
        EventFilter.Error(contains: "Text = \"second\"").ExpectOne(() =>
        {
            chain.Tell(new DispatchEvent(Tg.Text("second")));
            ExpectMsg<EventDispatched>();
        });
    }

    [Fact]
    public void Handlers_are_added_and_removed_at_run_time()
    {
        var first = Recording("first");
        var chain = Chain(false, AddHandler.WithResult(first));
        Dispatch(chain, Tg.Text("1"), 1, ("first", "1"));

        var second = Recording("second");
        chain.Tell(AddHandler.WithResult(second));
        Assert.True(ExpectMsg<HandlerChanged>().Found);
        chain.Tell(new RemoveHandler(first));
        Assert.Equal(new HandlerChanged(first, true), ExpectMsg<HandlerChanged>());

        chain.Tell(new DispatchEvent(Tg.Text("2")));
        Assert.Equal(("second", "2"), Ran());
        ExpectMsg<EventDispatched>();

        chain.Tell(new RemoveHandler(first));
        Assert.False(ExpectMsg<HandlerChanged>().Found);
        chain.Tell(new RemoveHandler(second));
        ExpectMsg<HandlerChanged>();
        Dispatch(chain, Tg.Text("3"), 0);
    }

    [Fact]
    public void Removing_the_running_handler_ends_its_event_and_ignores_its_late_result()
    {
        var gate = new TaskCompletionSource<HandlerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = TestActor;
        Func<NewMessage, Task<HandlerResult>> slow = e => { probe.Tell(("slow", e.Text)); return gate.Task; };
        var chain = Chain(false, AddHandler.WithResult(slow), AddHandler.WithResult(Recording("next")));

        chain.Tell(new DispatchEvent(Tg.Text("a")));
        Assert.Equal(("slow", "a"), Ran());
        chain.Tell(new RemoveHandler(slow));
        ExpectMsg<HandlerChanged>();
        Assert.Equal(1, ExpectMsg<EventDispatched>().HandlersRun);

        gate.SetResult(HandlerResult.Continue);
        chain.Tell(new DispatchEvent(Tg.Text("b")));
        Assert.Equal(("next", "b"), Ran());
        ExpectMsg<EventDispatched>();
        ExpectNoMsg(Quiet);
    }

    [Fact]
    public void Filters_are_read_and_replaced_at_run_time()
    {
        var handler = Recording("h");
        var start = Filter.Command("/start");
        var chain = Chain(false, AddHandler.WithResult(handler, start));

        chain.Tell(new GetHandlerFilter(handler));
        Assert.Equal(new HandlerFilterReply(handler, true, start), ExpectMsg<HandlerFilterReply>());
        Dispatch(chain, Tg.Text("/stop"), 0);

        chain.Tell(new SetHandlerFilter(handler, Filter.Command("/stop")));
        Assert.True(ExpectMsg<HandlerChanged>().Found);
        Dispatch(chain, Tg.Text("/stop"), 1, ("h", "/stop"));

        chain.Tell(new SetHandlerFilter(handler, null));
        ExpectMsg<HandlerChanged>();
        chain.Tell(new GetHandlerFilter(handler));
        Assert.Null(ExpectMsg<HandlerFilterReply>().Filter);
        Dispatch(chain, Tg.Text("anything"), 1, ("h", "anything"));

        chain.Tell(new GetHandlerFilter("unknown"));
        Assert.False(ExpectMsg<HandlerFilterReply>().Found);
        chain.Tell(new SetHandlerFilter("unknown", null));
        Assert.False(ExpectMsg<HandlerChanged>().Found);
    }

    [Fact]
    public void A_throwing_filter_counts_as_not_passing()
    {
        var chain = Chain(false,
            new AddHandler("bad", typeof(NewMessage), _ => Task.FromResult(HandlerResult.Handled), new ThrowingFilter()),
            AddHandler.WithResult(Recording("fallback")));

        EventFilter.Exception<InvalidOperationException>(contains: "filter bug").ExpectOne(() =>
        {
            chain.Tell(new DispatchEvent(Tg.Text("x")));
            Assert.Equal(("fallback", "x"), Ran());
            ExpectMsg<EventDispatched>();
        });
    }

    [Fact]
    public void A_bad_registration_is_refused_and_the_chain_keeps_its_handlers()
    {
        var chain = Chain(false, AddHandler.WithResult(Recording("kept")));
        chain.Tell(new AddHandler("bad", typeof(string), _ => Task.FromResult(HandlerResult.Handled)));
        Assert.IsType<ArgumentException>(ExpectMsg<Status.Failure>().Cause);
        Dispatch(chain, Tg.Text("x"), 1, ("kept", "x"));
    }

    private sealed class ThrowingFilter : Filter
    {
        public override bool Matches(Event e) => throw new InvalidOperationException("filter bug");
    }
}
