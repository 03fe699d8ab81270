using Telethon.Session;
using Telethon.Tl.Types;
using Telethon.Tl.Types.Updates;
using static Telethon.Tests.Session.Mb;

namespace Telethon.Tests.Session;

public sealed class MessageBoxChannelTests
{
    private const long A = 1001;
    private const long B = 1002;

    private static MessageBox TwoChannels(MessageBoxOptions? options = null) =>
        Box(pts: 100, channels: new Dictionary<long, int> { [A] = 10, [B] = 50 }, options: options);

    [Fact]
    public void EachChannelHasItsOwnPts()
    {
        var box = TwoChannels();

        Assert.Equal([1L], Ids(box.Process(Short(ChannelMessage(A, 1, 11)), At(0))));
        Assert.Equal([2L], Ids(box.Process(Short(ChannelDelete(B, 2, 52, 2)), At(1))));
        Assert.True(box.Process(Short(ChannelMessage(A, 1, 11)), At(2)).IsEmpty);
        Assert.True(box.Process(Short(ChannelMessage(B, 4, 54)), At(3)).IsEmpty);
        Assert.Equal([3L, 4L], Ids(box.Process(Short(ChannelMessage(B, 3, 53)), At(4))));

        var state = box.GetState();
        Assert.Equal((11, 54, 100), (state.ChannelPts[A], state.ChannelPts[B], state.Pts));
    }

    [Fact]
    public void ChannelGapAsksForThatChannelsDifferenceOnly()
    {
        var box = TwoChannels();
        box.Process(Short(ChannelMessage(A, 3, 13)), At(0));

        var due = box.CheckDeadlines(At(500));

        Assert.Equal(new GetChannelDifferenceNeeded(A, 10, 100), Single<GetChannelDifferenceNeeded>(due));
        Assert.True(box.IsGettingChannelDifference(A));
        Assert.False(box.IsGettingChannelDifference(B));
        Assert.False(box.IsGettingDifference);
        Assert.Equal([5L], Ids(box.Process(Short(ChannelMessage(B, 5, 51)), At(501))));
    }

    [Fact]
    public void NonFinalChannelDifferenceAsksForTheNextPartFromItsPts()
    {
        var box = TwoChannels(new MessageBoxOptions { ChannelDifferenceLimit = 2 });
        box.RequestChannelDifference(A);

        var part = box.ApplyChannelDifference(A, ChannelDifference(12, final: false, messages: [Message(1, A), Message(2, A)]), At(0));

        Assert.Equal([1L, 2L], Ids(part));
        Assert.All(part.Updates, u => Assert.Equal(0, Assert.IsType<UpdateNewChannelMessage>(u).Pts));
        Assert.Equal(new GetChannelDifferenceNeeded(A, 12, 2), Single<GetChannelDifferenceNeeded>(part));
        Assert.True(box.IsGettingChannelDifference(A));

        var last = box.ApplyChannelDifference(A, ChannelDifference(14, final: true, others: [ChannelMessage(A, 3, 13), ChannelDelete(A, 4, 14, 1)]), At(1));

        Assert.Equal([3L, 4L], Ids(last));
        Assert.Empty(last.Actions);
        Assert.False(box.IsGettingChannelDifference(A));
        Assert.Equal(14, box.GetState().ChannelPts[A]);
    }

    [Fact]
    public void ChannelUpdatesHeldDuringItsDifferenceRunAfterItWithoutThoseItCovered()
    {
        var box = TwoChannels();
        box.RequestChannelDifference(A);
        Assert.True(box.Process(Short(ChannelMessage(A, 2, 12)), At(0)).IsEmpty);
        Assert.True(box.Process(Short(ChannelMessage(A, 3, 13)), At(1)).IsEmpty);
        Assert.True(box.Process(Short(ChannelMessage(A, 4, 14)), At(2)).IsEmpty);

        var result = box.ApplyChannelDifference(A, ChannelDifference(12, final: true, messages: [Message(1, A), Message(2, A)]), At(3));

        Assert.Equal([1L, 2L, 3L, 4L], Ids(result));
        Assert.Equal(14, box.GetState().ChannelPts[A]);
    }

    [Fact]
    public void ChannelDifferenceSkipsItsOwnUpdatesAlreadyApplied()
    {
        var box = TwoChannels();
        box.RequestChannelDifference(A);

        var result = box.ApplyChannelDifference(A, ChannelDifference(12, final: true, others: [ChannelMessage(A, 1, 10), ChannelMessage(A, 2, 11), ChannelMessage(A, 3, 12), ChannelMessage(B, 4, 51)]), At(0));

        Assert.Equal([2L, 3L, 4L], Ids(result));
        Assert.Equal(51, box.GetState().ChannelPts[B]);
    }

    [Fact]
    public void EmptyChannelDifferenceSetsThePtsAndEnds()
    {
        var box = TwoChannels();
        box.RequestChannelDifference(A);

        var result = box.ApplyChannelDifference(A, new ChannelDifferenceEmpty { Final = true, Pts = 15 }, At(0));

        Assert.True(result.IsEmpty);
        Assert.False(box.IsGettingChannelDifference(A));
        Assert.Equal(15, box.GetState().ChannelPts[A]);
    }

    [Fact]
    public void ChannelDifferenceTooLongJumpsToTheDialogPtsAndReportsTheLoss()
    {
        var box = TwoChannels();
        box.RequestChannelDifference(A);
        Assert.True(box.Process(Short(ChannelMessage(A, 9, 90)), At(0)).IsEmpty);
        Assert.True(box.Process(Short(ChannelMessage(A, 8, 81)), At(0)).IsEmpty);
        var tooLong = new ChannelDifferenceTooLong
        {
            Final = true,
            Dialog = new Dialog { Peer = new PeerChannel { ChannelId = A }, NotifySettings = new PeerNotifySettings(), Pts = 80 },
            Messages = [Message(7, A)],
            Chats = [new ChannelForbidden { Id = A, AccessHash = 5, Title = "a" }],
            Users = [],
        };

        var result = box.ApplyChannelDifference(A, tooLong, At(1));

        Assert.Equal([8L], Ids(result));
        var resync = Single<ChannelResyncNeeded>(result);
        Assert.Equal((A, 10, 80), (resync.ChannelId, resync.LocalPts, resync.ServerPts));
        Assert.Same(tooLong, resync.Difference);
        Assert.Single(result.Chats);
        Assert.Equal(81, box.GetState().ChannelPts[A]);
        // 90 is still ahead.
        Assert.Equal(At(501), box.NextDeadline);
    }

    [Fact]
    public void ChannelTooLongAsksForTheChannelsDifferenceAndPassesThroughForUnknownChannels()
    {
        var box = TwoChannels();

        var known = box.Process(Short(new UpdateChannelTooLong { ChannelId = A, Pts = 20 }), At(0));
        var again = box.Process(Short(new UpdateChannelTooLong { ChannelId = A }), At(1));
        var unknown = box.Process(Short(new UpdateChannelTooLong { ChannelId = 5 }), At(2));

        Assert.Equal(new GetChannelDifferenceNeeded(A, 10, 100), Single<GetChannelDifferenceNeeded>(known));
        Assert.Empty(known.Updates);
        Assert.True(again.IsEmpty);
        Assert.Equal(5, Assert.IsType<UpdateChannelTooLong>(Assert.Single(unknown.Updates)).ChannelId);
        Assert.Empty(unknown.Actions);
    }

    [Fact]
    public void FirstUpdateOfAnUntrackedChannelSetsItsPts()
    {
        var box = Box();

        Assert.Equal([1L], Ids(box.Process(Short(ChannelMessage(9, 1, 40)), At(0))));
        Assert.True(box.Process(Short(ChannelMessage(9, 1, 40)), At(1)).IsEmpty);
        Assert.True(box.Process(Short(ChannelMessage(9, 3, 42)), At(2)).IsEmpty);
        Assert.Equal([2L, 3L], Ids(box.Process(Short(ChannelMessage(9, 2, 41)), At(3))));
        Assert.Equal(42, box.GetState().ChannelPts[9]);
    }

    [Fact]
    public void ChannelMessageWithoutAChannelPeerPassesThrough()
    {
        var box = Box();

        var result = box.Process(Short(new UpdateNewChannelMessage { Message = new MessageEmpty { Id = 3 }, Pts = 5, PtsCount = 1 }), At(0));

        Assert.Equal([3L], Ids(result));
        Assert.Empty(box.GetState().ChannelPts);
    }

    [Fact]
    public void SilentChannelsAreNotPolledByDefault()
    {
        var box = TwoChannels();

        Assert.Equal(T0.AddMinutes(15), box.NextDeadline);
        Assert.IsType<GetDifferenceNeeded>(Assert.Single(box.CheckDeadlines(T0.AddHours(5)).Actions));
    }

    [Fact]
    public void SilentChannelIsPolledAfterTheIntervalOrTheServersTimeout()
    {
        var options = new MessageBoxOptions { ChannelPollInterval = TimeSpan.FromMinutes(5), NoUpdatesTimeout = TimeSpan.FromHours(1) };
        var box = Box(channels: new Dictionary<long, int> { [A] = 10 }, options: options);
        box.Process(Short(ChannelMessage(A, 1, 11)), T0.AddMinutes(1));

        Assert.Equal(T0.AddMinutes(6), box.NextDeadline);
        var poll = box.CheckDeadlines(T0.AddMinutes(6));
        Assert.Equal(new GetChannelDifferenceNeeded(A, 11, 100), Single<GetChannelDifferenceNeeded>(poll));
        Assert.Equal(T0.AddMinutes(1).AddHours(1), box.NextDeadline);

        box.ApplyChannelDifference(A, new ChannelDifferenceEmpty { Final = true, Pts = 11, Timeout = 30 }, T0.AddMinutes(7));

        Assert.Equal(T0.AddMinutes(7).AddSeconds(30), box.NextDeadline);
    }

    [Fact]
    public void AbortedChannelDifferenceRunsTheHeldUpdatesAndRetries()
    {
        var box = TwoChannels();
        box.RequestChannelDifference(A);
        box.Process(Short(ChannelMessage(A, 1, 11)), At(0));

        var aborted = box.AbortChannelDifference(A, At(1), At(3000));

        Assert.Equal([1L], Ids(aborted));
        Assert.Equal(At(3000), box.NextDeadline);
        Assert.Equal(new GetChannelDifferenceNeeded(A, 11, 100), Single<GetChannelDifferenceNeeded>(box.CheckDeadlines(At(3000))));
    }

    [Fact]
    public void NothingStartsTheChannelDifferenceBeforeTheRetryTimeOfAnAbortedOne()
    {
        var box = TwoChannels();
        box.RequestChannelDifference(A);
        box.AbortChannelDifference(A, At(0), At(10_000));

        Assert.True(box.Process(Short(new UpdateChannelTooLong { ChannelId = A }), At(1)).IsEmpty);
        Assert.True(box.Process(Short(ChannelMessage(A, 2, 12)), At(2)).IsEmpty);
        Assert.True(box.CheckDeadlines(At(9_999)).IsEmpty);
        Assert.False(box.IsGettingChannelDifference(A));

        Assert.Equal(new GetChannelDifferenceNeeded(A, 10, 100), Single<GetChannelDifferenceNeeded>(box.CheckDeadlines(At(10_000))));
    }

    [Fact]
    public void ForgottenChannelLosesItsStateAndItsDifference()
    {
        var box = TwoChannels();
        box.RequestChannelDifference(A);

        Assert.True(box.ForgetChannel(A));
        Assert.False(box.ForgetChannel(A));
        Assert.False(box.GetState().ChannelPts.ContainsKey(A));
        Assert.Throws<InvalidOperationException>(() => box.ApplyChannelDifference(A, new ChannelDifferenceEmpty { Final = true, Pts = 1 }, At(0)));
        Assert.Throws<InvalidOperationException>(() => box.RequestChannelDifference(A));
    }

    [Fact]
    public void TrackChannelStartsAtTheGivenPtsOnce()
    {
        var box = Box();

        Assert.True(box.TrackChannel(A, 30, At(0)));
        Assert.False(box.TrackChannel(A, 99, At(0)));
        Assert.True(box.Process(Short(ChannelMessage(A, 1, 30)), At(1)).IsEmpty);
        Assert.Equal([2L], Ids(box.Process(Short(ChannelMessage(A, 2, 31)), At(2))));
    }

    [Fact]
    public void ChannelRequestCarriesTheInputChannelAndPts()
    {
        var action = new GetChannelDifferenceNeeded(A, 42, 100);

        var request = action.CreateRequest(new InputChannel { ChannelId = A, AccessHash = 7 }, force: true);

        Assert.Equal((42, 100, true), (request.Pts, request.Limit, request.Force));
        Assert.Equal(7, Assert.IsType<InputChannel>(request.Channel).AccessHash);
        Assert.IsType<ChannelMessagesFilterEmpty>(request.Filter);
    }
}
