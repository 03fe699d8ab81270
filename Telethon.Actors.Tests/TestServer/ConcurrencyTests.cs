using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;
using U = Telethon.Tl.Functions.Updates;

namespace Telethon.Tests.TestServer;

public sealed class ConcurrencyTests
{
    /// <summary>A sink that calls back into the world on every push (allowed: pushes happen outside the lock).</summary>
    private sealed class ReentrantSink(TelegramWorld world, Caller caller) : IUpdateSink
    {
        public int Count;

        public void Push(UpdatesBase updates)
        {
            world.GetState(caller);
            Interlocked.Increment(ref Count);
        }
    }

    [Fact]
    public void ConcurrentSendersKeepEveryStreamGapless()
    {
        var h = new WorldHarness();
        var sessions = Enumerable.Range(0, 6).Select(i => h.Login($"999662{i:D4}", $"U{i}")).ToList();
        var reentrant = new ReentrantSink(h.World, new Caller(sessions[0].Context.Session, sessions[0].UserId));
        h.World.Subscribe(new SessionKey(2, sessions[0].Context.AuthKeyId, 999), reentrant);
        var channel = h.World.CreateChannel(sessions[0].UserId, "Busy", broadcast: false, memberIds: sessions.Skip(1).Select(s => s.UserId));
        const int perSender = 40;

        Parallel.ForEach(sessions, new ParallelOptions { MaxDegreeOfParallelism = 6 }, sender =>
        {
            for (var i = 0; i < perSender; i++)
            {
                var target = sessions[(sessions.IndexOf(sender) + 1 + i % 5) % sessions.Count];
                h.Send(sender, h.PeerUser(sender, target.UserId), $"{i}");
                h.Send(sender, h.PeerChannel(sender, channel), $"c{i}");
            }
        });

        foreach (var session in sessions)
        {
            var state = Assert.IsType<T.Updates.State>(h.Call(session, new U.GetState()));
            Assert.Equal(2 * perSender, state.Pts);
            // Delivery order is the order the world produced: pts only grow, without sorting.
            var pushed = session.Sink.Pushes.OfType<T.UpdateShortMessage>().Select(u => u.Pts).ToList();
            Assert.Equal(perSender, pushed.Count);
            Assert.Equal(pushed.Order(), pushed);
            var truth = h.Truth.Records.Where(r => r.Account == session.UserId && r.Channel is null).Select(r => r.Pts).ToList();
            Assert.Equal(Enumerable.Range(1, 2 * perSender), truth);
            var channelPts = h.Truth.Records.Where(r => r.Account == session.UserId && r.Channel == channel).Select(r => r.Pts).ToList();
            Assert.Equal(channelPts.Order(), channelPts);
            Assert.Equal(channelPts.Distinct().Count(), channelPts.Count);
        }
        var events = sessions.Count * perSender;
        Assert.Equal(1 + sessions.Count + events * sessions.Count, h.Truth.Records.Count(r => r.Channel == channel));
        var history = Assert.IsType<T.Messages.ChannelMessages>(h.Call(sessions[3], new Telethon.Tl.Functions.Messages.GetHistory { Peer = h.PeerChannel(sessions[3], channel), Limit = 1 }));
        Assert.Equal(2 + events, history.Pts);
        Assert.Equal(2 + events, history.Count);
        Assert.True(reentrant.Count > 0);
        h.AssertClean();
    }
}
