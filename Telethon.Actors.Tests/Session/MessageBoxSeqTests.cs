using Telethon.Session;
using Telethon.Tl.Types;
using static Telethon.Tests.Session.Mb;

namespace Telethon.Tests.Session;

public sealed class MessageBoxSeqTests
{
    [Fact]
    public void ContainerWithSeqZeroIsUnorderedAndLeavesSeqAndDate()
    {
        var box = Box(pts: 100, seq: 5, date: 1000);

        var result = box.Process(Container(0, Status(1), NewMessage(2, 101)), At(0));

        Assert.Equal([1L, 2L], Ids(result));
        Assert.Equal((5, 1000), (box.GetState().Seq, box.GetState().Date));
    }

    [Fact]
    public void ContainerWithTheNextSeqAppliesAndTakesItsSeqAndDate()
    {
        var box = Box(pts: 100, seq: 5);

        var result = box.Process(Container(6, Status(1), NewMessage(2, 101)), At(0));

        Assert.Equal([1L, 2L], Ids(result));
        Assert.Equal((6, 2006, 101), (box.GetState().Seq, box.GetState().Date, box.GetState().Pts));
    }

    [Fact]
    public void ContainerAheadIsHeldUntilTheMissingOneArrives()
    {
        var box = Box(pts: 100, seq: 5);

        Assert.Empty(box.Process(Container(7, Status(2), NewMessage(12, 102)), At(0)).Updates);
        Assert.Equal(At(500), box.NextDeadline);

        var filled = box.Process(Container(6, Status(1), NewMessage(11, 101)), At(100));

        Assert.Equal([1L, 11L, 2L, 12L], Ids(filled));
        Assert.Equal(7, box.GetState().Seq);
        Assert.Equal(T0.AddMilliseconds(100).AddMinutes(15), box.NextDeadline);
    }

    [Fact]
    public void ContainerWithAnAppliedSeqDropsItsUpdatesWithoutPtsAndChecksThoseWithPts()
    {
        var box = Box(pts: 100, seq: 5);
        box.Process(Container(6, Status(1)), At(0));
        Assert.True(box.Process(Short(NewMessage(13, 103)), At(1)).IsEmpty);

        // Seq 6 again: the status is a duplicate; 101 is new (its own pts says so), 103 was held.
        var replay = box.Process(Container(6, Status(1), NewMessage(11, 101), NewMessage(12, 102)), At(2));

        Assert.Equal([11L, 12L, 13L], Ids(replay));
        Assert.Equal(6, box.GetState().Seq);
    }

    [Fact]
    public void CombinedContainerCoversSeqStartToSeq()
    {
        var box = Box(seq: 5);

        Assert.Equal([1L], Ids(box.Process(Combined(6, 8, Status(1)), At(0))));
        Assert.Equal(8, box.GetState().Seq);
        Assert.True(box.Process(Container(8, Status(2)), At(1)).IsEmpty);
        Assert.Equal([3L], Ids(box.Process(Container(9, Status(3)), At(2))));
        Assert.Empty(box.Process(Combined(11, 12, Status(5)), At(3)).Updates);
        Assert.Equal([4L, 5L], Ids(box.Process(Container(10, Status(4)), At(4))));
        Assert.Equal((12, 2012), (box.GetState().Seq, box.GetState().Date));
    }

    [Fact]
    public void SeqGapNotFilledByTheDeadlineAsksForTheDifferenceAndTheHeldContainerRunsAfterIt()
    {
        var box = Box(pts: 100, seq: 5, date: 1000);
        box.Process(Container(7, Status(2), NewMessage(12, 102)), At(0));

        var request = Single<GetDifferenceNeeded>(box.CheckDeadlines(At(500))).Request;
        Assert.Equal((100, 1000), (request.Pts, request.Date));

        // The difference brings pts 101 and seq 6: the held seq 7 applies afterwards.
        var applied = box.ApplyDifference(Difference(State(101, 10, 1500, 6), messages: [Message(11)]), At(600));

        Assert.Equal([11L, 2L, 12L], Ids(applied));
        Assert.Equal((102, 7), (box.GetState().Pts, box.GetState().Seq));
    }

    [Fact]
    public void ContainerHeldForSeqWhoseSeqTheDifferenceCoveredOnlyRunsItsPtsUpdates()
    {
        var box = Box(pts: 100, seq: 5);
        box.Process(Container(7, Status(2), NewMessage(12, 102)), At(0));
        box.CheckDeadlines(At(500));

        var applied = box.ApplyDifference(Difference(State(102, 10, 1500, 7), messages: [Message(11), Message(12)]), At(600));

        Assert.Equal([11L, 12L], Ids(applied));
        Assert.Equal((102, 7), (box.GetState().Pts, box.GetState().Seq));
    }

    [Fact]
    public void ContainersArrivingDuringTheDifferenceWaitForIt()
    {
        var box = Box(pts: 100, seq: 5);
        box.Process(new UpdatesTooLong(), At(0));

        Assert.Empty(box.Process(Container(6, Status(1), NewMessage(11, 101)), At(10)).Updates);
        Assert.Empty(box.Process(Container(7, Status(2), NewMessage(12, 102)), At(20)).Updates);

        var applied = box.ApplyDifference(Difference(State(101, 10, 1500, 6), messages: [Message(11)]), At(30));

        Assert.Equal([11L, 2L, 12L], Ids(applied));
        Assert.Equal((102, 7), (box.GetState().Pts, box.GetState().Seq));
    }
}
