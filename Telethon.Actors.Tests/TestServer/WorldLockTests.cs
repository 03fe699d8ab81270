using Telethon.TestServer.World;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;
using U = Telethon.Tl.Functions.Updates;

namespace Telethon.Tests.TestServer;

/// <summary>The world's lock order (World/README.md): checked on every entry, and held by every path that crosses services.</summary>
public sealed class WorldLockTests
{
    [Fact]
    public void ALockFurtherUpCannotBeEnteredWhileOneFurtherDownIsHeld()
    {
        var released = 0;
        var messages = new ServiceLock(LockRank.Messages, () => released++);
        var updates = new ServiceLock(LockRank.Updates, () => released++);

        using (updates.Enter())
        {
            var broken = Assert.Throws<InvalidOperationException>(() =>
            {
                using (messages.Enter())
                {
                }
            });
            Assert.Contains("Updates", broken.Message);
        }
        Assert.Equal(1, released);

        // Down the order, and into a lock the thread already holds, is fine; the last release delivers once.
        using (messages.Enter())
        {
            using (updates.Enter())
            {
                using (messages.Enter())
                {
                }
            }
            Assert.Equal(1, released);
        }
        Assert.Equal(2, released);
    }

    [Fact]
    public void StateTouchedUnderALockRefusesCallersWithoutIt()
    {
        var updates = new ServiceLock(LockRank.Updates, () => { });
        Assert.Throws<InvalidOperationException>(updates.EnsureHeld);
        using (updates.Enter())
            updates.EnsureHeld();
    }

    [Fact]
    public async Task OperationsAcrossEveryServiceRunTogetherWithoutDeadlockOrGaps()
    {
        var h = new WorldHarness();
        var sessions = Enumerable.Range(0, 6).Select(i => h.Login($"999662{i:D4}", $"U{i}")).ToList();
        var channel = h.World.CreateChannel(sessions[0].UserId, "Mixed", broadcast: false, username: "mixed_group", memberIds: [sessions[1].UserId]);
        var chat = h.World.CreateChat(sessions[0].UserId, "Small", sessions.Skip(1).Select(s => s.UserId));
        const int rounds = 12;

        var run = Task.Run(() => Parallel.ForEach(sessions, new ParallelOptions { MaxDegreeOfParallelism = sessions.Count }, session =>
        {
            var me = sessions.IndexOf(session);
            var member = me <= 1;
            for (var i = 0; i < rounds; i++)
            {
                var other = sessions[(me + 1 + i % 5) % sessions.Count];
                var sent = Assert.IsType<T.UpdateShortSentMessage>(h.Send(session, h.PeerUser(session, other.UserId), $"p{i}"));
                h.Call(session, new TF.Messages.EditMessage { Peer = h.PeerUser(session, other.UserId), Id = sent.Id, Message = $"p{i} edited" });
                h.Send(session, new T.InputPeerChat { ChatId = chat }, $"g{i}");
                h.Call(session, new TF.Messages.ReadHistory { Peer = h.PeerUser(session, other.UserId) });
                if (!member)
                {
                    h.Call(session, new TF.Channels.JoinChannel { Channel = h.InputChannel(session, channel) });
                    member = true;
                }
                h.Send(session, h.PeerChannel(session, channel), $"c{i}");
                h.Call(session, new U.GetDifference { Pts = 1, Qts = 0, Date = 0 });
                h.Call(session, new U.GetChannelDifference { Channel = h.InputChannel(session, channel), Filter = new T.ChannelMessagesFilterEmpty(), Pts = 1, Limit = 10 });
                h.Call(session, new TF.Contacts.ResolveUsername { Username = "mixed_group" });
                h.Call(session, new TF.Users.GetFullUser { Id = h.InputUser(session, other.UserId) });
                h.Call(session, new TF.Messages.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 20 });
                if (me > 1 && i % 2 == 1)
                {
                    h.Call(session, new TF.Channels.LeaveChannel { Channel = h.InputChannel(session, channel) });
                    member = false;
                }
            }
        }));
        // A deadlock would hang here; the work itself takes well under a second.
        await run.WaitAsync(TimeSpan.FromMinutes(2));

        foreach (var session in sessions)
        {
            var state = Assert.IsType<T.Updates.State>(h.Call(session, new U.GetState()));
            var accountPts = h.Truth.Records.Where(r => r.Account == session.UserId && r.Channel is null).Select(r => r.Pts).ToList();
            Assert.Equal(Enumerable.Range(1, state.Pts), accountPts);
            var channelPts = h.Truth.Records.Where(r => r.Account == session.UserId && r.Channel == channel && r.Pts > 0).Select(r => r.Pts).ToList();
            Assert.Equal(channelPts.Order(), channelPts);
            Assert.Equal(channelPts.Distinct().Count(), channelPts.Count);
        }
        h.AssertClean();
    }
}
