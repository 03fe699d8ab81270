using Telethon.Session;
using Telethon.Tl.Types;
using Telethon.Tl.Types.Updates;
using static Telethon.Tests.Session.Mb;

namespace Telethon.Tests.Session;

public sealed class MessageBoxDifferenceTests
{
    [Fact]
    public void DifferenceHandsOutMessagesThenOtherUpdatesAndTakesItsState()
    {
        var box = Box(pts: 100, qts: 10, seq: 5);
        box.RequestDifference();
        var user = new UserEmpty { Id = 5 };

        var result = box.ApplyDifference(Difference(State(104, 11, 1500, 9),
            messages: [Message(1), Message(2)],
            others: [Delete(3, 104, 2), BotStopped(4, 11), Status(6)],
            users: [user]), At(0));

        Assert.Equal([1L, 2L, 3L, 4L, 6L], Ids(result));
        Assert.All(result.Updates.OfType<UpdateNewMessage>(), u => Assert.Equal((0, 0), (u.Pts, u.PtsCount)));
        Assert.Same(user, Assert.Single(result.Users));
        Assert.Empty(result.Actions);
        Assert.False(box.IsGettingDifference);
        var state = box.GetState();
        Assert.Equal((104, 11, 1500, 9), (state.Pts, state.Qts, state.Date, state.Seq));
    }

    [Fact]
    public void DifferenceMessagesOfAChannelComeAsUpdateNewChannelMessage()
    {
        var box = Box();
        box.RequestDifference();

        var result = box.ApplyDifference(Difference(State(100, 10, 1, 5), messages: [Message(1, channelId: 77)]), At(0));

        var update = Assert.IsType<UpdateNewChannelMessage>(Assert.Single(result.Updates));
        Assert.Equal((0, 0), (update.Pts, update.PtsCount));
    }

    [Fact]
    public void DifferenceDropsItsOwnUpdatesAtOrBehindTheLocalPtsAndQts()
    {
        var box = Box(pts: 100, qts: 10);
        box.RequestDifference();

        var result = box.ApplyDifference(Difference(State(101, 11, 1, 5), others: [NewMessage(1, 100), NewMessage(2, 101), BotStopped(3, 10), BotStopped(4, 11)]), At(0));

        Assert.Equal([2L, 4L], Ids(result));
    }

    [Fact]
    public void LiveUpdatesHeldDuringTheDifferenceRunAfterItWithoutThoseItCovered()
    {
        var box = Box(pts: 100, qts: 10);
        box.Process(Short(NewMessage(3, 103)), At(0));
        box.CheckDeadlines(At(500));

        Assert.True(box.Process(Short(NewMessage(2, 102)), At(510)).IsEmpty);
        Assert.True(box.Process(Short(NewMessage(4, 104)), At(520)).IsEmpty);
        Assert.True(box.Process(Short(BotStopped(9, 11)), At(530)).IsEmpty);
        Assert.True(box.Process(Short(NewMessage(6, 106)), At(540)).IsEmpty);

        var result = box.ApplyDifference(Difference(State(103, 10, 1, 5), messages: [Message(1), Message(2), Message(3)]), At(600));

        Assert.Equal([1L, 2L, 3L, 4L, 9L], Ids(result));
        Assert.Equal((104, 11), (box.GetState().Pts, box.GetState().Qts));
        // 106 is still ahead of 104: a new possible gap.
        Assert.Equal(At(1100), box.NextDeadline);
    }

    [Fact]
    public void SliceTakesTheIntermediateStateAndAsksForTheRest()
    {
        var box = Box(pts: 100, qts: 10, date: 1000);
        box.RequestDifference();
        Assert.True(box.Process(Short(NewMessage(5, 105)), At(1)).IsEmpty);

        var slice = box.ApplyDifference(Slice(State(102, 10, 1100, 6), messages: [Message(1), Message(2)]), At(2));

        Assert.Equal([1L, 2L], Ids(slice));
        var next = Single<GetDifferenceNeeded>(slice).Request;
        Assert.Equal((102, 10, 1100), (next.Pts, next.Qts, next.Date));
        Assert.True(box.IsGettingDifference);
        Assert.Equal(102, box.GetState().Pts);

        var rest = box.ApplyDifference(Difference(State(104, 10, 1200, 7), messages: [Message(3), Message(4)]), At(3));

        Assert.Equal([3L, 4L, 5L], Ids(rest));
        Assert.False(box.IsGettingDifference);
        Assert.Equal(105, box.GetState().Pts);
    }

    [Fact]
    public void EmptyDifferenceSetsDateAndSeqOnly()
    {
        var box = Box(pts: 100, qts: 10, seq: 5, date: 1000);
        box.RequestDifference();

        var result = box.ApplyDifference(new DifferenceEmpty { Date = 1234, Seq = 9 }, At(0));

        Assert.True(result.IsEmpty);
        var state = box.GetState();
        Assert.Equal((100, 10, 1234, 9), (state.Pts, state.Qts, state.Date, state.Seq));
        Assert.False(box.IsGettingDifference);
    }

    [Fact]
    public void DifferenceTooLongJumpsPtsReportsTheLossAndAsksAgain()
    {
        var box = Box(pts: 100, qts: 10, date: 1000);
        box.RequestDifference();
        box.Process(Short(NewMessage(1, 150)), At(1));
        box.Process(Short(NewMessage(2, 201)), At(2));

        var tooLong = box.ApplyDifference(new DifferenceTooLong { Pts = 200 }, At(3));

        Assert.Empty(tooLong.Updates);
        Assert.Equal(2, tooLong.Actions.Count);
        Assert.Equal(new AccountResyncNeeded(100, 200), tooLong.Actions[0]);
        var next = Assert.IsType<GetDifferenceNeeded>(tooLong.Actions[1]).Request;
        Assert.Equal((200, 10, 1000), (next.Pts, next.Qts, next.Date));
        Assert.True(box.IsGettingDifference);

        var end = box.ApplyDifference(new DifferenceEmpty { Date = 1300, Seq = 6 }, At(4));

        Assert.Equal([2L], Ids(end));
        Assert.Equal(201, box.GetState().Pts);
    }

    [Fact]
    public void DifferenceOfOtherUpdatesRoutesChannelUpdatesThroughTheirChannel()
    {
        var box = Box(channels: new Dictionary<long, int> { [77] = 10 });
        box.RequestDifference();

        var result = box.ApplyDifference(Difference(State(100, 10, 1, 5), others: [
            ChannelMessage(77, 1, 10), ChannelMessage(77, 2, 11), new UpdateChannelTooLong { ChannelId = 78 }, new UpdateChannelTooLong { ChannelId = 77 }]), At(0));

        Assert.Equal([2L], result.Updates.Where(u => u is not UpdateChannelTooLong).Select(IdOf));
        // Channel 78 is not tracked: its updateChannelTooLong goes to handlers; channel 77 gets its difference.
        Assert.Equal(78, Assert.IsType<UpdateChannelTooLong>(result.Updates[^1]).ChannelId);
        var channel = Single<GetChannelDifferenceNeeded>(result);
        Assert.Equal((77L, 11), (channel.ChannelId, channel.Pts));
    }

    [Fact]
    public void ApplyingADifferenceThatWasNotAskedForThrows()
    {
        var box = Box();

        Assert.Throws<InvalidOperationException>(() => box.ApplyDifference(new DifferenceEmpty { Date = 1, Seq = 1 }, At(0)));
        Assert.Throws<InvalidOperationException>(() => box.AbortDifference(At(0), At(1)));
    }

    [Fact]
    public void AbortedDifferenceRunsTheHeldUpdatesAndAsksAgainAtTheRetryTime()
    {
        var box = Box(pts: 100);
        box.Process(new UpdatesTooLong(), At(0));
        Assert.True(box.Process(Short(NewMessage(1, 101)), At(1)).IsEmpty);
        Assert.True(box.Process(Short(NewMessage(3, 103)), At(2)).IsEmpty);

        var aborted = box.AbortDifference(At(3), At(5000));

        Assert.Equal([1L], Ids(aborted));
        Assert.False(box.IsGettingDifference);
        Assert.Equal(At(5000), box.NextDeadline);
        Assert.True(box.CheckDeadlines(At(4999)).IsEmpty);
        Assert.Equal(101, Single<GetDifferenceNeeded>(box.CheckDeadlines(At(5000))).Request.Pts);
    }

    [Fact]
    public void NothingStartsTheDifferenceBeforeTheRetryTimeOfAnAbortedOne()
    {
        var box = Box(pts: 100, qts: 10, seq: 5);
        box.RequestDifference();
        box.AbortDifference(At(0), At(10_000));

        Assert.True(box.Process(new UpdatesTooLong(), At(1)).IsEmpty);
        Assert.True(box.Process(Short(BotStopped(1, 12)), At(2)).IsEmpty);
        Assert.True(box.Process(Container(7, Status(2)), At(3)).IsEmpty);
        Assert.True(box.CheckDeadlines(At(9_999)).IsEmpty);
        Assert.False(box.IsGettingDifference);
        Assert.Equal(At(10_000), box.NextDeadline);

        Assert.IsType<GetDifferenceNeeded>(Assert.Single(box.CheckDeadlines(At(10_000)).Actions));
    }

    [Fact]
    public void RequestDifferenceDuringOneAsksOnceMoreWhenItEnds()
    {
        var box = Box(pts: 100);

        Assert.Equal(100, Single<GetDifferenceNeeded>(box.RequestDifference()).Request.Pts);
        Assert.True(box.RequestDifference().IsEmpty);
        Assert.True(box.RequestDifference().IsEmpty);
        // The answer may predate the second request: one more difference follows it, and only one.
        var first = box.ApplyDifference(Difference(State(101, 10, 1, 5), messages: [Message(1)]), At(0));
        Assert.Equal(101, Single<GetDifferenceNeeded>(first).Request.Pts);
        Assert.Empty(box.ApplyDifference(Difference(State(101, 10, 2, 5)), At(1)).Actions);
        Assert.Equal(101, Single<GetDifferenceNeeded>(box.RequestDifference()).Request.Pts);
    }
}
