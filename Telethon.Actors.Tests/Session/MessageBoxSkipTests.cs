using Telethon.Session;
using Telethon.Tl.Types;
using static Telethon.Tests.Session.Mb;

namespace Telethon.Tests.Session;

/// <summary>
/// Setting Updates aside (a full handler queue, a user without an access hash): nothing advances, and a difference
/// fetches what was set aside, also when a difference already in flight may predate it.
/// </summary>
public sealed class MessageBoxSkipTests
{
    [Fact]
    public void A_skipped_update_advances_nothing_and_asks_for_the_difference()
    {
        var box = Box(pts: 100);
        var result = box.Skip(Short(NewMessage(1, 101)), At(0));

        Assert.Empty(result.Updates);
        Assert.Equal(100, Single<GetDifferenceNeeded>(result).Request.Pts);
        Assert.Equal(100, box.GetState().Pts);
        Assert.True(box.IsGettingDifference);
    }

    [Fact]
    public void An_update_skipped_while_a_difference_is_in_flight_is_asked_for_again_after_it()
    {
        var box = Box(pts: 100);
        box.RequestDifference();
        Assert.True(box.Skip(Short(NewMessage(2, 102)), At(1)).Actions.Count == 0);

        // The answer was computed before message 2 existed.
        var first = box.ApplyDifference(Difference(State(101, 10, 1100, 5), messages: [Message(1)]), At(2));
        Assert.Equal([1L], Ids(first));
        Assert.Equal(101, Single<GetDifferenceNeeded>(first).Request.Pts);

        var second = box.ApplyDifference(Difference(State(102, 10, 1200, 5), messages: [Message(2)]), At(3));
        Assert.Equal([2L], Ids(second));
        Assert.Empty(second.Actions);
        Assert.False(box.IsGettingDifference);
    }

    [Fact]
    public void Skipped_channel_updates_ask_for_that_channel_and_an_unknown_channel_starts_where_the_update_would_apply()
    {
        var box = Box(pts: 100, channels: new Dictionary<long, int> { [7] = 50 });
        var result = box.Skip(Container(0, ChannelMessage(7, 1, 51), ChannelMessage(9, 1, 20)), At(0));

        var requests = result.Actions.OfType<GetChannelDifferenceNeeded>().OrderBy(a => a.ChannelId).ToList();
        Assert.Equal([(7L, 50), (9L, 19)], requests.Select(r => (r.ChannelId, r.Pts)));
        Assert.Empty(result.Actions.OfType<GetDifferenceNeeded>());
        Assert.Equal(50, box.GetState().ChannelPts[7]);
    }

    [Fact]
    public void A_skipped_container_with_seq_asks_for_the_account_difference()
    {
        var box = Box(pts: 100, seq: 5);
        var result = box.Skip(Container(6, Status(1)), At(0));
        Assert.Equal(100, Single<GetDifferenceNeeded>(result).Request.Pts);
        Assert.Equal(5, box.GetState().Seq);
    }

    [Fact]
    public void A_skip_after_an_aborted_difference_waits_for_its_retry_time()
    {
        var box = Box(pts: 100);
        box.RequestDifference();
        box.AbortDifference(At(0), At(30_000));

        Assert.Empty(box.Skip(Short(NewMessage(1, 101)), At(10)).Actions);
        Assert.Equal(At(30_000), box.NextDeadline);
        Assert.Equal(100, Single<GetDifferenceNeeded>(box.CheckDeadlines(At(30_000))).Request.Pts);
    }

    [Fact]
    public void A_difference_requested_while_one_is_in_flight_comes_after_it()
    {
        var box = Box(pts: 100);
        box.RequestDifference();
        Assert.Empty(box.RequestDifference().Actions);
        var answer = box.ApplyDifference(new Telethon.Tl.Types.Updates.DifferenceEmpty { Date = 1000, Seq = 5 }, At(1));
        Assert.Equal(100, Single<GetDifferenceNeeded>(answer).Request.Pts);
    }
}
