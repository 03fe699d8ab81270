using Telethon.Session;
using static Telethon.Tests.Session.Mb;

namespace Telethon.Tests.Session;

public sealed class MessageBoxStateTests
{
    [Fact]
    public void StateFromGetStateHasNoChannels()
    {
        var state = MessageBoxState.FromTl(State(100, 10, 1000, 5));

        Assert.Equal((100, 10, 1000, 5), (state.Pts, state.Qts, state.Date, state.Seq));
        Assert.Empty(state.ChannelPts);
    }

    [Fact]
    public void RestartedBoxResumesFromThePersistedState()
    {
        var box = Box(pts: 100, qts: 10, seq: 5, channels: new Dictionary<long, int> { [7] = 20 });
        box.Process(Container(6, NewMessage(1, 101), BotStopped(2, 11), ChannelMessage(7, 3, 21)), At(0));
        box.Process(Short(NewMessage(5, 103)), At(1));
        var saved = box.GetState();

        var restarted = new MessageBox(saved, At(10));

        Assert.Equal((101, 11, 6, 2006, 21), (saved.Pts, saved.Qts, saved.Seq, saved.Date, saved.ChannelPts[7]));
        Assert.True(restarted.Process(Short(NewMessage(1, 101)), At(11)).IsEmpty);
        Assert.True(restarted.Process(Short(ChannelMessage(7, 3, 21)), At(12)).IsEmpty);
        Assert.Equal([4L], Ids(restarted.Process(Short(NewMessage(4, 102)), At(13))));
        var catchUp = Single<GetDifferenceNeeded>(restarted.RequestDifference()).Request;
        Assert.Equal((102, 11, 2006), (catchUp.Pts, catchUp.Qts, catchUp.Date));
    }

    [Fact]
    public void SetStateForgetsHeldUpdatesAndDifferencesInFlight()
    {
        var box = Box(pts: 100, channels: new Dictionary<long, int> { [7] = 20 });
        box.Process(Short(NewMessage(3, 103)), At(0));
        box.RequestChannelDifference(7);

        box.SetState(new MessageBoxState(200, 1, 2, 3), At(1));

        Assert.Equal(At(1).AddMinutes(15), box.NextDeadline);
        Assert.False(box.IsGettingChannelDifference(7));
        Assert.Empty(box.GetState().ChannelPts);
        Assert.True(box.Process(Short(NewMessage(3, 103)), At(2)).IsEmpty);
        Assert.Equal([4L], Ids(box.Process(Short(NewMessage(4, 201)), At(3))));
    }

    [Fact]
    public void GetStateIsASnapshot()
    {
        var box = Box(pts: 100, channels: new Dictionary<long, int> { [7] = 20 });
        var before = box.GetState();

        box.Process(Short(ChannelMessage(7, 1, 21)), At(0));
        box.Process(Short(NewMessage(2, 101)), At(0));

        Assert.Equal((100, 20), (before.Pts, before.ChannelPts[7]));
        Assert.Equal((101, 21), (box.GetState().Pts, box.GetState().ChannelPts[7]));
    }
}
