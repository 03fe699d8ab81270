using Telethon.TestServer.Config;
using Telethon.Tl.Abcs;
using C = Telethon.Tl.Functions.Channels;
using T = Telethon.Tl.Types;
using U = Telethon.Tl.Functions.Updates;

namespace Telethon.Tests.TestServer;

public sealed class DifferenceTests
{
    private static FaultPlan Withholding(params WithholdRule[] rules) =>
        new(new FaultOptions { Seed = 1, Updates = UpdateFaultOptions.None with { Withhold = rules } });

    [Fact]
    public void WithheldPushesComeBackThroughGetDifferenceExactly()
    {
        var faults = Withholding(new WithholdRule(new AccountSelector("9996622222"), null, 3, 4));
        var h = new WorldHarness(faults: faults);
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        for (var i = 1; i <= 4; i++)
            h.Send(a, h.PeerUser(a, b.UserId), $"m{i}");

        var pushed = b.Sink.Pushes.Cast<T.UpdateShortMessage>().Select(u => u.Pts).ToList();
        Assert.Equal([1, 2], pushed);
        Assert.Equal(4, h.Truth.Records.Count(r => r.Account == b.UserId));

        var state = Assert.IsType<T.Updates.State>(h.Call(b, new U.GetState()));
        Assert.Equal(4, state.Pts);
        var difference = Assert.IsType<T.Updates.Difference>(h.Call(b, new U.GetDifference { Pts = 2, Qts = 0, Date = state.Date }));
        var messages = difference.NewMessages.Cast<T.Message>().ToList();
        Assert.Equal(["m3", "m4"], messages.Select(m => m.MessageValue));
        Assert.Equal([3, 4], messages.Select(m => m.Id));
        Assert.Empty(difference.OtherUpdates);
        Assert.Contains(difference.Users, u => u is T.User { Id: var id } && id == a.UserId);
        Assert.Equal(4, Assert.IsType<T.Updates.State>(difference.State).Pts);
        Assert.IsType<T.Updates.DifferenceEmpty>(h.Call(b, new U.GetDifference { Pts = 4, Qts = 0, Date = state.Date }));

        // The sender's side is untouched by B's rule.
        Assert.Empty(a.Sink.Pushes);
        Assert.IsType<T.Updates.DifferenceEmpty>(h.Call(a, new U.GetDifference { Pts = 4, Qts = 0, Date = state.Date }));
        h.AssertClean();
    }

    [Fact]
    public void LongDifferencesComeInSlicesThenTooLong()
    {
        var h = new WorldHarness(o => o with { DifferenceSliceSize = 2, DifferenceTooLong = 6 });
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        for (var i = 1; i <= 5; i++)
            h.Send(a, h.PeerUser(a, b.UserId), $"m{i}");
        h.Call(a, new Telethon.Tl.Functions.Messages.DeleteMessages { Id = [5], Revoke = true });

        var seen = new List<string>();
        var pts = 0;
        var slices = 0;
        while (true)
        {
            var difference = h.Call(b, new U.GetDifference { Pts = pts, Qts = 0, Date = 0 });
            if (difference is T.Updates.DifferenceSlice slice)
            {
                slices++;
                seen.AddRange(slice.NewMessages.Cast<T.Message>().Select(m => m.MessageValue));
                seen.AddRange(slice.OtherUpdates.Select(u => u.TlName));
                pts = Assert.IsType<T.Updates.State>(slice.IntermediateState).Pts;
                continue;
            }
            var full = Assert.IsType<T.Updates.Difference>(difference);
            seen.AddRange(full.NewMessages.Cast<T.Message>().Select(m => m.MessageValue));
            seen.AddRange(full.OtherUpdates.Select(u => u.TlName));
            pts = Assert.IsType<T.Updates.State>(full.State).Pts;
            break;
        }
        Assert.Equal(2, slices);
        Assert.Equal(["m1", "m2", "m3", "m4", "m5", "updateDeleteMessages"], seen);
        Assert.Equal(6, pts);

        Assert.IsType<T.Updates.DifferenceSlice>(h.Call(b, new U.GetDifference { Pts = 2, Qts = 0, Date = 0, PtsLimit = 1 }));
        Assert.IsType<T.Updates.DifferenceTooLong>(h.Call(b, new U.GetDifference { Pts = 2, Qts = 0, Date = 0, PtsTotalLimit = 3 }));
        h.Send(a, h.PeerUser(a, b.UserId), "m6");
        var tooLong = Assert.IsType<T.Updates.DifferenceTooLong>(h.Call(b, new U.GetDifference { Pts = 0, Qts = 0, Date = 0 }));
        Assert.Equal(7, tooLong.Pts);
        Assert.IsType<T.Updates.DifferenceTooLong>(h.Call(b, new U.GetDifference { Pts = 50, Qts = 0, Date = 0 }));
        h.AssertClean();
    }

    [Fact]
    public void TrimmedLogsAnswerTooLong()
    {
        var h = new WorldHarness(o => o with { AccountLogCapacity = 3, ChannelLogCapacity = 2 });
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        for (var i = 1; i <= 5; i++)
            h.Send(a, h.PeerUser(a, b.UserId), $"m{i}");
        Assert.IsType<T.Updates.DifferenceTooLong>(h.Call(b, new U.GetDifference { Pts = 1, Qts = 0, Date = 0 }));
        Assert.Equal(3, Assert.IsType<T.Updates.Difference>(h.Call(b, new U.GetDifference { Pts = 2, Qts = 0, Date = 0 })).NewMessages.Length);

        var channel = h.World.CreateChannel(a.UserId, "G", broadcast: false, memberIds: [b.UserId]);
        for (var i = 1; i <= 3; i++)
            h.Send(a, h.PeerChannel(a, channel), $"c{i}");
        var tooLong = Assert.IsType<T.Updates.ChannelDifferenceTooLong>(h.Call(b, new U.GetChannelDifference
        {
            Channel = h.InputChannel(b, channel), Filter = new T.ChannelMessagesFilterEmpty(), Pts = 1, Limit = 10,
        }));
        Assert.Equal(5, Assert.IsType<T.Dialog>(tooLong.Dialog).Pts);
        Assert.Equal("c3", Assert.IsType<T.Message>(tooLong.Messages[0]).MessageValue);
        h.AssertClean();
    }

    [Fact]
    public void ChannelDifferenceRecoversWithheldChannelPushesInPages()
    {
        var faults = Withholding(new WithholdRule(new AccountSelector("9996622222"), 0, 3, int.MaxValue));
        var h = new WorldHarness(o => o with { ChannelDifferenceTooLong = 4 }, faults);
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var channel = h.World.CreateChannel(a.UserId, "Group M", broadcast: false, memberIds: [b.UserId]);
        Assert.Single(b.Sink.Pushes);
        for (var i = 1; i <= 3; i++)
            h.Send(a, h.PeerChannel(a, channel), $"c{i}");
        h.Call(a, new Telethon.Tl.Functions.Messages.EditMessage { Peer = h.PeerChannel(a, channel), Id = 3, Message = "c1 edited" });
        Assert.Single(b.Sink.Pushes);

        var input = h.InputChannel(b, channel);
        var first = Assert.IsType<T.Updates.ChannelDifference>(h.Call(b, new U.GetChannelDifference { Channel = input, Filter = new T.ChannelMessagesFilterEmpty(), Pts = 2, Limit = 2 }));
        Assert.False(first.Final);
        Assert.Equal(4, first.Pts);
        Assert.Equal(["c1", "c2"], first.NewMessages.Cast<T.Message>().Select(m => m.MessageValue));
        Assert.Equal(30, first.Timeout);
        var second = Assert.IsType<T.Updates.ChannelDifference>(h.Call(b, new U.GetChannelDifference { Channel = input, Filter = new T.ChannelMessagesFilterEmpty(), Pts = first.Pts, Limit = 2 }));
        Assert.True(second.Final);
        Assert.Equal(6, second.Pts);
        Assert.Equal(["c3"], second.NewMessages.Cast<T.Message>().Select(m => m.MessageValue));
        var edit = Assert.IsType<T.UpdateEditChannelMessage>(Assert.Single(second.OtherUpdates));
        Assert.Equal("c1 edited", Assert.IsType<T.Message>(edit.Message).MessageValue);
        var empty = Assert.IsType<T.Updates.ChannelDifferenceEmpty>(h.Call(b, new U.GetChannelDifference { Channel = input, Filter = new T.ChannelMessagesFilterEmpty(), Pts = 6, Limit = 2 }));
        Assert.True(empty.Final);
        Assert.Equal(6, empty.Pts);

        var filtered = Assert.IsType<T.Updates.ChannelDifference>(h.Call(b, new U.GetChannelDifference
        {
            Channel = input, Filter = new T.ChannelMessagesFilter { Ranges = [new T.MessageRange { MinId = 4, MaxId = 4 }] }, Pts = 2, Limit = 10,
        }));
        Assert.Equal(["c2"], filtered.NewMessages.Cast<T.Message>().Select(m => m.MessageValue));

        Assert.Equal("PERSISTENT_TIMESTAMP_INVALID", h.Fail(b, new U.GetChannelDifference { Channel = input, Filter = new T.ChannelMessagesFilterEmpty(), Pts = 7, Limit = 2 }).RawMessage);
        Assert.Equal("PERSISTENT_TIMESTAMP_EMPTY", h.Fail(b, new U.GetChannelDifference { Channel = input, Filter = new T.ChannelMessagesFilterEmpty(), Pts = 0, Limit = 2 }).RawMessage);
        Assert.IsType<T.Updates.ChannelDifferenceTooLong>(h.Call(b, new U.GetChannelDifference { Channel = input, Filter = new T.ChannelMessagesFilterEmpty(), Pts = 1, Limit = 2 }));
        var outsider = h.Login("9996623333", "C");
        Assert.Equal("CHANNEL_PRIVATE", h.Fail(outsider, new U.GetChannelDifference { Channel = h.InputChannel(outsider, channel), Filter = new T.ChannelMessagesFilterEmpty(), Pts = 1, Limit = 2 }).RawMessage);
        Assert.Equal("CHANNEL_INVALID", h.Fail(outsider, new C.GetMessages { Channel = input, Id = [] }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void DuplicatedAndReorderedPushesAreReproducible()
    {
        static List<int> Run(double duplicate, double reorder)
        {
            var plan = new FaultPlan(new FaultOptions { Seed = 99, Updates = new UpdateFaultOptions(reorder, duplicate, 0, []) });
            var h = new WorldHarness(faults: plan);
            var a = h.Login("9996621111", "A");
            var b = h.Login("9996622222", "B");
            for (var i = 1; i <= 20; i++)
                h.Send(a, h.PeerUser(a, b.UserId), $"m{i}");
            h.AssertClean();
            return b.Sink.Pushes.Cast<T.UpdateShortMessage>().Select(u => u.Pts).ToList();
        }

        var duplicated = Run(1, 0);
        Assert.Equal(Enumerable.Range(1, 20).SelectMany(p => new[] { p, p }), duplicated);

        var reordered = Run(0, 0.4);
        Assert.Equal(reordered, Run(0, 0.4));
        Assert.NotEqual(reordered.Order(), reordered);
        Assert.Equal(reordered.Distinct().Count(), reordered.Count);
        Assert.True(reordered.Count >= 17);
        Assert.All(reordered, pts => Assert.InRange(pts, 1, 20));
    }

    [Fact]
    public void SeqCountsContainersWithUpdatesThatHaveNoPts()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var created = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.CreateChannel { Title = "G1", About = "", Megagroup = true }));
        Assert.Equal(1, created.Seq);
        var second = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.CreateChannel { Title = "G2", About = "", Broadcast = true }));
        Assert.Equal(2, second.Seq);
        var sent = Assert.IsType<T.UpdatesConstructor>(h.Send(a, h.PeerChannel(a, ((T.Channel)second.Chats[0]).Id), "post"));
        Assert.Equal(0, sent.Seq);
        var state = Assert.IsType<T.Updates.State>(h.Call(a, new U.GetState()));
        Assert.Equal(2, state.Seq);
        Assert.Equal(0, state.Pts);
        Assert.Equal(0, Assert.IsType<T.Updates.State>(h.Call(b, new U.GetState())).Seq);
        h.AssertClean();
    }
}
