using C = Telethon.Tl.Functions.Channels;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>messages.updatePinnedMessage, messages.unpinAllMessages, messages.readHistory and channels.readHistory.</summary>
public sealed class MessagePinReadTests
{
    [Fact]
    public void PrivatePinsReachBothSidesWithAServiceMessage()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(c, h.PeerUser(c, b.UserId), "moves B's ids");
        h.Send(a, h.PeerUser(a, b.UserId), "pin me");
        h.Send(a, h.PeerUser(a, b.UserId), "and me");
        var bBefore = TruthChecks.PtsNow(h, b);
        b.Sink.Clear();

        var answer = TruthChecks.UpdatesOf(h.Call(a, new M.UpdatePinnedMessage { Silent = true, Peer = h.PeerUser(a, b.UserId), Id = 1 }));
        var pin = Assert.IsType<T.UpdatePinnedMessages>(answer[0]);
        Assert.Equal((true, 1, 3), (pin.Pinned, Assert.Single(pin.Messages), pin.Pts));
        var service = Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewMessage>(answer[1]).Message);
        Assert.IsType<T.MessageActionPinMessage>(service.Action);
        Assert.Equal(1, Assert.IsType<T.MessageReplyHeader>(service.ReplyTo).ReplyToMsgId);
        Assert.True(service.Silent);

        var atB = TruthChecks.UpdatesOf(Assert.Single(b.Sink.Pushes));
        var bPin = Assert.IsType<T.UpdatePinnedMessages>(atB[0]);
        Assert.Equal((2, a.UserId, bBefore + 1), (Assert.Single(bPin.Messages), Assert.IsType<T.PeerUser>(bPin.Peer).UserId, bPin.Pts));
        var bService = Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewMessage>(atB[1]).Message);
        Assert.Equal(2, Assert.IsType<T.MessageReplyHeader>(bService.ReplyTo).ReplyToMsgId);
        Assert.True(Assert.IsType<T.Message>(Assert.IsType<T.Messages.Messages>(h.Call(b, new M.GetMessages { Id = [new T.InputMessageID { Id = 2 }] })).MessagesValue[0]).Pinned);
        Assert.Equal("CHAT_NOT_MODIFIED", h.Fail(b, new M.UpdatePinnedMessage { Peer = h.PeerUser(b, a.UserId), Id = 2 }).RawMessage);
        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(b, new M.UpdatePinnedMessage { Peer = h.PeerUser(b, a.UserId), Id = 1 }).RawMessage);

        // pm_oneside: only the caller's side, no service message.
        b.Sink.Clear();
        var oneSide = TruthChecks.UpdatesOf(h.Call(a, new M.UpdatePinnedMessage { PmOneside = true, Peer = h.PeerUser(a, b.UserId), Id = 2 }));
        Assert.IsType<T.UpdatePinnedMessages>(Assert.Single(oneSide));
        Assert.Empty(b.Sink.Pushes);

        // Unpinning: both sides (no service message); unpinning all answers affectedHistory.
        var unpinned = TruthChecks.UpdatesOf(h.Call(b, new M.UpdatePinnedMessage { Unpin = true, Peer = h.PeerUser(b, a.UserId), Id = 2 }));
        Assert.False(Assert.IsType<T.UpdatePinnedMessages>(Assert.Single(unpinned)).Pinned);
        var all = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.UnpinAllMessages { Peer = h.PeerUser(a, b.UserId) }));
        Assert.Equal((0, 1), (all.Offset, all.PtsCount));
        Assert.Equal(TruthChecks.PtsNow(h, a), all.Pts);
        Assert.Equal("CHAT_NOT_MODIFIED", h.Fail(a, new M.UnpinAllMessages { Peer = h.PeerUser(a, b.UserId) }).RawMessage);
        TruthChecks.DifferenceAgrees(h, b, bBefore);
        h.AssertClean();
    }

    [Fact]
    public void GroupAndChannelPinsNeedPinRights()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var chatId = h.World.CreateChat(a.UserId, "Group", [b.UserId]);
        var chat = new T.InputPeerChat { ChatId = chatId };
        h.Send(b, chat, "pin this");
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new M.UpdatePinnedMessage { Peer = chat, Id = 2 }).RawMessage);
        b.Sink.Clear();
        h.Call(a, new M.UpdatePinnedMessage { Peer = chat, Id = 2 });
        var atB = TruthChecks.UpdatesOf(Assert.Single(b.Sink.Pushes));
        Assert.IsType<T.UpdatePinnedMessages>(atB[0]);
        Assert.IsType<T.MessageActionPinMessage>(Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewMessage>(atB[1]).Message).Action);

        var channelId = h.World.CreateChannel(a.UserId, "Super", broadcast: false, memberIds: [b.UserId, c.UserId]);
        h.World.PromoteToAdmin(channelId, c.UserId, new T.ChatAdminRights { PinMessages = true });
        var post = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(b, h.PeerChannel(b, channelId), "rules"))[1]).Message.Id();
        var second = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(b, h.PeerChannel(b, channelId), "more rules"))[1]).Message.Id();
        var bBefore = h.Truth.Records.Last(r => r.Account == b.UserId && r.Channel == channelId).Pts;
        b.Sink.Clear();
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new M.UpdatePinnedMessage { Peer = h.PeerChannel(b, channelId), Id = post }).RawMessage);
        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(c, new M.UpdatePinnedMessage { Peer = h.PeerChannel(c, channelId), Id = 77 }).RawMessage);
        h.Call(c, new M.UpdatePinnedMessage { Peer = h.PeerChannel(c, channelId), Id = post });
        h.Call(c, new M.UpdatePinnedMessage { Silent = true, Peer = h.PeerChannel(c, channelId), Id = second });
        var pinned = TruthChecks.UpdatesOf(b.Sink.Pushes[0]);
        var channelPin = Assert.IsType<T.UpdatePinnedChannelMessages>(pinned[0]);
        Assert.Equal((true, post, bBefore + 1), (channelPin.Pinned, Assert.Single(channelPin.Messages), channelPin.Pts));
        var service = Assert.IsType<T.UpdateNewChannelMessage>(pinned[1]);
        Assert.Equal(bBefore + 2, service.Pts);
        Assert.Equal(post, Assert.IsType<T.MessageReplyHeader>(Assert.IsType<T.MessageService>(service.Message).ReplyTo).ReplyToMsgId);

        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new M.UnpinAllMessages { Peer = h.PeerChannel(b, channelId) }).RawMessage);
        var all = Assert.IsType<T.Messages.AffectedHistory>(h.Call(a, new M.UnpinAllMessages { Peer = h.PeerChannel(a, channelId) }));
        Assert.Equal((bBefore + 5, 1, 0), (all.Pts, all.PtsCount, all.Offset));
        var unpinAll = Assert.IsType<T.UpdatePinnedChannelMessages>(Assert.Single(TruthChecks.UpdatesOf(b.Sink.Pushes[^1])));
        Assert.Equal([post, second], unpinAll.Messages);
        Assert.False(unpinAll.Pinned);
        TruthChecks.ChannelDifferenceAgrees(h, b, channelId, bBefore);

        // Broadcast channels: pinning goes with edit_messages.
        var newsId = h.World.CreateChannel(a.UserId, "News", broadcast: true, memberIds: [b.UserId, c.UserId]);
        h.World.PromoteToAdmin(newsId, c.UserId, new T.ChatAdminRights { PostMessages = true });
        var news = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(a, h.PeerChannel(a, newsId), "news"))[1]).Message.Id();
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(c, new M.UpdatePinnedMessage { Peer = h.PeerChannel(c, newsId), Id = news }).RawMessage);
        var byCreator = TruthChecks.UpdatesOf(h.Call(a, new M.UpdatePinnedMessage { Peer = h.PeerChannel(a, newsId), Id = news }));
        Assert.True(Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewChannelMessage>(byCreator[1]).Message).Post);
        h.AssertClean();
    }

    [Fact]
    public void ReadingTellsTheSendersAndDropsTheUnreadCount()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(c, h.PeerUser(c, b.UserId), "moves B's ids");
        h.Send(a, h.PeerUser(a, b.UserId), "one");
        h.Send(a, h.PeerUser(a, b.UserId), "two");
        var aBefore = TruthChecks.PtsNow(h, a);
        a.Sink.Clear();

        var read = Assert.IsType<T.Messages.AffectedMessages>(h.Call(b, new M.ReadHistory { Peer = h.PeerUser(b, a.UserId), MaxId = 2 }));
        Assert.Equal(1, read.PtsCount);
        var outbox = Assert.IsType<T.UpdateReadHistoryOutbox>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(a.Sink.Pushes))));
        Assert.Equal((1, b.UserId), (outbox.MaxId, Assert.IsType<T.PeerUser>(outbox.Peer).UserId));
        var dialogs = Assert.IsType<T.Messages.Dialogs>(h.Call(b, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }));
        Assert.Equal(1, dialogs.DialogsValue.Cast<T.Dialog>().Single(d => d.Peer is T.PeerUser { UserId: var id } && id == a.UserId).UnreadCount);
        TruthChecks.DifferenceAgrees(h, a, aBefore);

        // Supergroups: each sender whose messages were read gets updateReadChannelOutbox.
        var channelId = h.World.CreateChannel(a.UserId, "Super", broadcast: false, memberIds: [b.UserId, c.UserId]);
        var aMessage = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(a, h.PeerChannel(a, channelId), "from A"))[1]).Message.Id();
        var cMessage = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(c, h.PeerChannel(c, channelId), "from C"))[1]).Message.Id();
        a.Sink.Clear();
        b.Sink.Clear();
        c.Sink.Clear();
        Assert.True(h.Call(b, new C.ReadHistory { Channel = h.InputChannel(b, channelId), MaxId = 0 }));
        var inbox = Assert.IsType<T.UpdateReadChannelInbox>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(b.Sink.Pushes))));
        Assert.Equal((cMessage, 0), (inbox.MaxId, inbox.StillUnreadCount));
        Assert.Equal(aMessage, Assert.IsType<T.UpdateReadChannelOutbox>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(a.Sink.Pushes)))).MaxId);
        Assert.Equal(cMessage, Assert.IsType<T.UpdateReadChannelOutbox>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(c.Sink.Pushes)))).MaxId);
        Assert.Contains(h.Truth.Records, r => r.Account == a.UserId && r.Kind == "updateReadChannelOutbox" && r.Channel == channelId && r.MessageId == aMessage);
        var aDialogs = Assert.IsType<T.Messages.Dialogs>(h.Call(a, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }));
        Assert.Equal(aMessage, aDialogs.DialogsValue.Cast<T.Dialog>().Single(d => d.Peer is T.PeerChannel).ReadOutboxMaxId);
        Assert.True(h.Call(b, new C.ReadHistory { Channel = h.InputChannel(b, channelId), MaxId = 0 }));
        Assert.Single(a.Sink.Pushes);
        h.AssertClean();
    }
}
