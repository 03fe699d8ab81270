using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;
using U = Telethon.Tl.Functions.Updates;

namespace Telethon.Tests.TestServer;

/// <summary>Checks that the differences an account asks for agree with the world's ground-truth log.</summary>
internal static class TruthChecks
{
    /// <summary>
    /// The account's pts updates recorded after <paramref name="fromPts"/> follow on from each other
    /// without gaps, and updates.getDifference from there returns each of them (new messages by id, the
    /// others by kind and pts) and ends at the last one's pts.
    /// </summary>
    public static void DifferenceAgrees(WorldHarness h, TestSession account, int fromPts)
    {
        var truth = h.Truth.Records.Where(r => r.Account == account.UserId && r.Channel is null && r.Qts is null && r.Pts > fromPts).ToList();
        Assert.NotEmpty(truth);
        var pts = fromPts;
        foreach (var record in truth)
        {
            Assert.Equal(pts, record.Pts - record.PtsCount);
            pts = record.Pts;
        }
        var difference = Assert.IsType<T.Updates.Difference>(h.Call(account, new U.GetDifference { Pts = fromPts, Qts = 0, Date = 0 }));
        Assert.Equal(pts, Assert.IsType<T.Updates.State>(difference.State).Pts);
        var newIds = difference.NewMessages.Select(m => m.Id()).ToList();
        foreach (var record in truth)
        {
            if (record.Kind == "updateNewMessage")
                Assert.Contains(record.MessageId!.Value, newIds);
            else
                Assert.Contains(difference.OtherUpdates, u => u.TlName == record.Kind && PtsOf(u) == record.Pts);
        }
        Assert.Equal(truth.Count, newIds.Count + difference.OtherUpdates.Count(u => PtsOf(u) > fromPts));
    }

    /// <summary>The same for a channel: updates.getChannelDifference from <paramref name="fromPts"/> against the channel updates recorded for the account.</summary>
    public static void ChannelDifferenceAgrees(WorldHarness h, TestSession account, long channelId, int fromPts)
    {
        var truth = h.Truth.Records.Where(r => r.Account == account.UserId && r.Channel == channelId && r.Pts > fromPts).ToList();
        Assert.NotEmpty(truth);
        var pts = fromPts;
        foreach (var record in truth)
        {
            Assert.Equal(pts, record.Pts - record.PtsCount);
            pts = record.Pts;
        }
        var difference = Assert.IsType<T.Updates.ChannelDifference>(h.Call(account, new U.GetChannelDifference
        {
            Channel = h.InputChannel(account, channelId), Filter = new T.ChannelMessagesFilterEmpty(), Pts = fromPts, Limit = 100,
        }));
        Assert.True(difference.Final);
        Assert.Equal(pts, difference.Pts);
        var newIds = difference.NewMessages.Select(m => m.Id()).ToList();
        foreach (var record in truth)
        {
            if (record.Kind == "updateNewChannelMessage")
                Assert.Contains(record.MessageId!.Value, newIds);
            else
                Assert.Contains(difference.OtherUpdates, u => u.TlName == record.Kind && PtsOf(u) == record.Pts);
        }
        Assert.Equal(truth.Count, newIds.Count + difference.OtherUpdates.Length);
    }

    /// <summary>The account's pts now.</summary>
    public static int PtsNow(WorldHarness h, TestSession account) =>
        Assert.IsType<T.Updates.State>(h.Call(account, new U.GetState())).Pts;

    /// <summary>The pts an update carries (0 for none).</summary>
    public static int PtsOf(Update update) => update switch
    {
        T.UpdateNewMessage u => u.Pts,
        T.UpdateEditMessage u => u.Pts,
        T.UpdateDeleteMessages u => u.Pts,
        T.UpdateReadHistoryInbox u => u.Pts,
        T.UpdateReadHistoryOutbox u => u.Pts,
        T.UpdatePinnedMessages u => u.Pts,
        T.UpdateNewChannelMessage u => u.Pts,
        T.UpdateEditChannelMessage u => u.Pts,
        T.UpdateDeleteChannelMessages u => u.Pts,
        T.UpdatePinnedChannelMessages u => u.Pts,
        _ => 0,
    };

    /// <summary>The updates of a pushed or answered container.</summary>
    public static Update[] UpdatesOf(UpdatesBase updates) => Assert.IsType<T.UpdatesConstructor>(updates).Updates;
}
