using Akka.Actor;
using Akka.TestKit.Xunit2;
using Telethon.Embedding;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Handlers;
using Telethon.Tests.Events;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Handlers;

/// <summary>The handler chain over a registry: order, first match, check-all, continue, failures, timeouts, run-time changes.</summary>
public sealed class HandlerChainActorTests : TestKit
{
    private readonly HandlerRegistry _registry = new();
    private long _seq;

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

    private IActorRef Chain(bool checkAll = false, TimeSpan? timeout = null) =>
        Sys.ActorOf(HandlerChainActor.Props(_registry, checkAll, timeout));

    private (string, string) Ran() => ExpectMsg<(string, string)>();

    private long Send(IActorRef chain, Event e)
    {
        var seq = ++_seq;
        chain.Tell(new DispatchEvent(e, seq));
        return seq;
    }

    /// <summary>Dispatches <paramref name="e"/> and expects the handlers' reports, then the acknowledgement of that event.</summary>
    private void Dispatch(IActorRef chain, Event e, int expectedRun, params (string, string)[] ran)
    {
        var seq = Send(chain, e);
        foreach (var report in ran)
            Assert.Equal(report, Ran());
        Assert.Equal(new EventDispatched(seq, expectedRun), ExpectMsg<EventDispatched>());
    }

    [Fact]
    public void First_matching_handler_runs_and_later_ones_do_not()
    {
        _registry.Add(Recording("start"), Filter.Command("/start"));
        _registry.Add(Recording("any"));
        _registry.Add(Recording("never"));
        var chain = Chain();

        Dispatch(chain, Tg.Text("/start"), 1, ("start", "/start"));
        Dispatch(chain, Tg.Text("hello"), 1, ("any", "hello"));
    }

    [Fact]
    public void CheckAllHandlers_runs_every_matching_handler_in_order()
    {
        _registry.Add(Recording("a"));
        _registry.Add(Recording("skipped"), Filter.Text("nope"));
        _registry.Add(Recording("b"));
        _registry.Add(Recording("c"));
        Dispatch(Chain(checkAll: true), Tg.Text("x"), 3, ("a", "x"), ("b", "x"), ("c", "x"));
    }

    [Fact]
    public void Continue_lets_the_next_handlers_run()
    {
        _registry.Add(Recording("admin-check", HandlerResult.Continue));
        _registry.Add(Recording("everyone"));
        _registry.Add(Recording("never"));
        Dispatch(Chain(), Tg.Text("x"), 2, ("admin-check", "x"), ("everyone", "x"));
    }

    [Fact]
    public void Handlers_only_get_their_event_type_and_events_without_match_are_acknowledged()
    {
        var probe = TestActor;
        _registry.Add<MessageDeleted>(e => { probe.Tell(("deleted", string.Join(",", e.MessageIds))); return Task.CompletedTask; });
        _registry.Add(Recording("new"), Filter.Text("^only"));
        var chain = Chain();

        Dispatch(chain, Tg.Text("something else"), 0);
        Dispatch(chain, Tg.EventOf(new TlTypes.UpdateDeleteMessages { Messages = [4, 5], Pts = 2, PtsCount = 2 })!, 1, ("deleted", "4,5"));
        Dispatch(chain, Tg.Text("only this"), 1, ("new", "only this"));
    }

    [Fact]
    public void Events_wait_for_the_previous_event_handlers_to_finish()
    {
        var gate = new TaskCompletionSource<HandlerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = TestActor;
        _registry.Add<NewMessage>(e =>
        {
            probe.Tell(("run", e.Text));
            return e.Text == "slow" ? gate.Task : Task.FromResult(HandlerResult.Handled);
        });
        var chain = Chain();

        var slow = Send(chain, Tg.Text("slow"));
        var fast = Send(chain, Tg.Text("fast"));
        Assert.Equal(("run", "slow"), Ran());

        // Had "fast" run alongside, its report would come before the acknowledgement of "slow".
        gate.SetResult(HandlerResult.Handled);
        Assert.Equal(slow, ExpectMsg<EventDispatched>().Seq);
        Assert.Equal(("run", "fast"), Ran());
        Assert.Equal(fast, ExpectMsg<EventDispatched>().Seq);
    }

    [Fact]
    public void A_throwing_handler_is_logged_ends_its_event_and_later_events_still_run()
    {
        var probe = TestActor;
        var calls = 0;
        _registry.Add<NewMessage>(e =>
        {
            Interlocked.Increment(ref calls);
            if (e.Text == "boom")
                throw new InvalidOperationException("handler bug");
            probe.Tell(("ok", e.Text));
            return Task.CompletedTask;
        });
        _registry.Add(Recording("after"));
        var chain = Chain();

        EventFilter.Exception<InvalidOperationException>(contains: "handler bug").ExpectOne(() =>
        {
            // As in Telethon, a failure ends the event: the next handler does not run for it.
            Send(chain, Tg.Text("boom"));
            Assert.Equal(1, ExpectMsg<EventDispatched>().HandlersRun);
        });
        Dispatch(chain, Tg.Text("fine"), 1, ("ok", "fine"));
        Assert.Equal(2, calls);
    }

    [Fact]
    public void A_faulted_task_is_a_failure_too_and_the_error_names_the_event()
    {
        _registry.Add<NewMessage>(async _ =>
        {
            await Task.Yield();
            throw new InvalidOperationException("async bug");
        });
        var chain = Chain();

        EventFilter.Error(contains: "Id = 1").ExpectOne(() => Dispatch(chain, Tg.Text("first"), 1));
        EventFilter.Error(contains: "Text = \"second\"").ExpectOne(() => Dispatch(chain, Tg.Text("second"), 1));
    }

    [Fact]
    public void A_handler_that_outlives_the_timeout_is_left_behind_and_its_late_result_ignored()
    {
        var never = new TaskCompletionSource<HandlerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = TestActor;
        _registry.Add<NewMessage>(e =>
        {
            probe.Tell(("stuck", e.Text));
            return e.Text == "hang" ? never.Task : Task.FromResult(HandlerResult.Continue);
        });
        _registry.Add(Recording("next"));
        var chain = Chain(timeout: TimeSpan.FromMilliseconds(100));

        EventFilter.Warning(contains: "did not finish").ExpectOne(() =>
        {
            var seq = Send(chain, Tg.Text("hang"));
            Assert.Equal(("stuck", "hang"), Ran());
            Assert.Equal(new EventDispatched(seq, 1), ExpectMsg<EventDispatched>());
        });
        never.SetResult(HandlerResult.Continue);
        Dispatch(chain, Tg.Text("later"), 2, ("stuck", "later"), ("next", "later"));
    }

    [Fact]
    public void A_handler_that_blocks_its_thread_still_times_out()
    {
        using var release = new ManualResetEventSlim();
        _registry.Add<NewMessage>(_ =>
        {
            release.Wait(TimeSpan.FromSeconds(30)); // a handler that never awaits
            return Task.CompletedTask;
        });
        var chain = Chain(timeout: TimeSpan.FromMilliseconds(100));
        var seq = Send(chain, Tg.Text("block"));
        Assert.Equal(seq, ExpectMsg<EventDispatched>().Seq);
        release.Set();
    }

    [Fact]
    public void Handlers_are_added_and_removed_at_run_time()
    {
        var first = Recording("first");
        _registry.Add(first);
        var chain = Chain();
        Dispatch(chain, Tg.Text("1"), 1, ("first", "1"));

        var second = Recording("second");
        _registry.Add(second);
        Assert.True(_registry.Remove(first));
        Dispatch(chain, Tg.Text("2"), 1, ("second", "2"));

        Assert.False(_registry.Remove(first));
        Assert.True(_registry.Remove(second));
        Dispatch(chain, Tg.Text("3"), 0);
    }

    [Fact]
    public void Removing_the_running_handler_lets_it_finish_and_later_events_skip_it()
    {
        var gate = new TaskCompletionSource<HandlerResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var probe = TestActor;
        Func<NewMessage, Task<HandlerResult>> slow = e => { probe.Tell(("slow", e.Text)); return gate.Task; };
        _registry.Add(slow);
        _registry.Add(Recording("next"));
        var chain = Chain();

        var seq = Send(chain, Tg.Text("a"));
        Assert.Equal(("slow", "a"), Ran());
        Assert.True(_registry.Remove(slow));
        gate.SetResult(HandlerResult.Continue);
        // The event began with both handlers: it finishes as it began.
        Assert.Equal(("next", "a"), Ran());
        Assert.Equal(new EventDispatched(seq, 2), ExpectMsg<EventDispatched>());
        Dispatch(chain, Tg.Text("b"), 1, ("next", "b"));
    }

    [Fact]
    public void Filters_are_read_and_replaced_at_run_time()
    {
        var handler = Recording("h");
        var start = Filter.Command("/start");
        _registry.Add(handler, start);
        var chain = Chain();

        Assert.True(_registry.TryGetFilter(handler, out var filter));
        Assert.Same(start, filter);
        Dispatch(chain, Tg.Text("/stop"), 0);

        Assert.True(_registry.SetFilter(handler, Filter.Command("/stop")));
        Dispatch(chain, Tg.Text("/stop"), 1, ("h", "/stop"));

        Assert.True(_registry.SetFilter(handler, null));
        Assert.True(_registry.TryGetFilter(handler, out filter));
        Assert.Null(filter);
        Dispatch(chain, Tg.Text("anything"), 1, ("h", "anything"));

        Func<NewMessage, Task> unknown = _ => Task.CompletedTask;
        Assert.False(_registry.TryGetFilter(unknown, out _));
        Assert.False(_registry.SetFilter(unknown, null));
    }

    [Fact]
    public void A_throwing_filter_counts_as_not_passing()
    {
        _registry.Add<NewMessage>(_ => Task.FromResult(HandlerResult.Handled), new ThrowingFilter());
        _registry.Add(Recording("fallback"));
        var chain = Chain();

        EventFilter.Exception<InvalidOperationException>(contains: "filter bug").ExpectOne(() =>
            Dispatch(chain, Tg.Text("x"), 1, ("fallback", "x")));
    }

    [Fact]
    public void A_new_chain_over_the_same_registry_has_every_handler()
    {
        _registry.Add(Recording("a", HandlerResult.Continue));
        _registry.Add(Recording("b"));
        var first = Chain();
        Dispatch(first, Tg.Text("1"), 2, ("a", "1"), ("b", "1"));
        Sys.Stop(first);

        Dispatch(Chain(), Tg.Text("2"), 2, ("a", "2"), ("b", "2"));
    }

    private sealed class ThrowingFilter : Filter
    {
        public override bool Matches(Event e) => throw new InvalidOperationException("filter bug");
    }
}
