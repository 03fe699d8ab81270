using Telethon.TestServer.World;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>messages.forwardMessages between private chats, small groups and channels.</summary>
public sealed class MessageForwardTests
{
    [Fact]
    public void ForwardsCarryTheOriginalAuthorAndReachTheOtherSide()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var d = h.Login("9996624444", "D");
        h.Send(a, h.PeerUser(a, b.UserId), "worth sharing");
        var original = Assert.IsType<T.Message>(Assert.IsType<T.Messages.Messages>(h.Call(b, new M.GetMessages { Id = [new T.InputMessageID { Id = 1 }] })).MessagesValue[0]);
        h.Time.Advance(TimeSpan.FromMinutes(3));
        var cBefore = TruthChecks.PtsNow(h, c);
        c.Sink.Clear();

        var answer = h.Call(b, new M.ForwardMessages { FromPeer = h.PeerUser(b, a.UserId), Id = [1, 50], RandomId = [7001, 7002], ToPeer = h.PeerUser(b, c.UserId) });
        var updates = TruthChecks.UpdatesOf(answer);
        Assert.Equal(7001, Assert.IsType<T.UpdateMessageID>(updates[0]).RandomId);
        var sent = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(updates[1]).Message);
        Assert.Equal(2, updates.Length);
        Assert.Equal(Assert.IsType<T.UpdateMessageID>(updates[0]).Id, sent.Id);
        Assert.True(sent.Out);
        var header = Assert.IsType<T.MessageFwdHeader>(sent.FwdFrom);
        Assert.Equal(a.UserId, Assert.IsType<T.PeerUser>(header.FromId).UserId);
        Assert.Equal(original.Date, header.Date);
        Assert.Null(header.ChannelPost);
        Assert.Equal("worth sharing", sent.MessageValue);
        Assert.Contains(Assert.IsType<T.UpdatesConstructor>(answer).Users, u => u is T.User { Id: var id } && id == a.UserId);

        var pushed = Assert.IsType<T.UpdatesConstructor>(Assert.Single(c.Sink.Pushes));
        var received = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(Assert.Single(pushed.Updates)).Message);
        Assert.False(received.Out);
        Assert.Equal(a.UserId, Assert.IsType<T.PeerUser>(Assert.IsType<T.MessageFwdHeader>(received.FwdFrom).FromId).UserId);
        Assert.Contains(pushed.Users, u => u is T.User { Id: var id } && id == a.UserId);
        TruthChecks.DifferenceAgrees(h, c, cBefore);

        // A forward of a forward names the first author; drop_author leaves the header out; silent is kept.
        var again = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(TruthChecks.UpdatesOf(h.Call(c, new M.ForwardMessages
        {
            FromPeer = h.PeerUser(c, b.UserId), Id = [received.Id], RandomId = [8001], ToPeer = h.PeerUser(c, d.UserId),
        }))[1]).Message);
        Assert.Equal(a.UserId, Assert.IsType<T.PeerUser>(Assert.IsType<T.MessageFwdHeader>(again.FwdFrom).FromId).UserId);
        var copied = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(TruthChecks.UpdatesOf(h.Call(b, new M.ForwardMessages
        {
            Silent = true, DropAuthor = true, FromPeer = h.PeerUser(b, a.UserId), Id = [1], RandomId = [7003], ToPeer = h.PeerUser(b, d.UserId),
        }))[1]).Message);
        Assert.Null(copied.FwdFrom);
        Assert.True(copied.Silent);
        Assert.True(Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(TruthChecks.UpdatesOf(d.Sink.Pushes[^1])[0]).Message).Silent);

        // To Saved Messages: also where it was saved from.
        var saved = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(TruthChecks.UpdatesOf(h.Call(b, new M.ForwardMessages
        {
            FromPeer = h.PeerUser(b, a.UserId), Id = [1], RandomId = [7004], ToPeer = new T.InputPeerSelf(),
        }))[1]).Message);
        var savedHeader = Assert.IsType<T.MessageFwdHeader>(saved.FwdFrom);
        Assert.Equal(a.UserId, Assert.IsType<T.PeerUser>(savedHeader.SavedFromPeer).UserId);
        Assert.Equal(1, savedHeader.SavedFromMsgId);

        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(b, new M.ForwardMessages { FromPeer = h.PeerUser(b, a.UserId), Id = [40], RandomId = [7005], ToPeer = h.PeerUser(b, c.UserId) }).RawMessage);
        Assert.Equal("RANDOM_ID_INVALID", h.Fail(b, new M.ForwardMessages { FromPeer = h.PeerUser(b, a.UserId), Id = [1], RandomId = [7006, 7007], ToPeer = h.PeerUser(b, c.UserId) }).RawMessage);
        Assert.Equal("RANDOM_ID_DUPLICATE", h.Fail(b, new M.ForwardMessages { FromPeer = h.PeerUser(b, a.UserId), Id = [1], RandomId = [7001], ToPeer = h.PeerUser(b, c.UserId) }).RawMessage);
        Assert.Equal("MESSAGE_IDS_EMPTY", h.Fail(b, new M.ForwardMessages { FromPeer = h.PeerUser(b, a.UserId), Id = [], RandomId = [], ToPeer = h.PeerUser(b, c.UserId) }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void ChannelPostsForwardWithTheChannelAndIntoChannels()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var newsId = h.World.CreateChannel(a.UserId, "News", broadcast: true, username: "daily_news", memberIds: [b.UserId]);
        var postId = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(a, h.PeerChannel(a, newsId), "headline"))[1]).Message.Id();

        var toC = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(TruthChecks.UpdatesOf(h.Call(b, new M.ForwardMessages
        {
            FromPeer = h.PeerChannel(b, newsId), Id = [postId], RandomId = [9001], ToPeer = h.PeerUser(b, c.UserId),
        }))[1]).Message);
        var header = Assert.IsType<T.MessageFwdHeader>(toC.FwdFrom);
        Assert.Equal(newsId, Assert.IsType<T.PeerChannel>(header.FromId).ChannelId);
        Assert.Equal(postId, header.ChannelPost);
        var atC = Assert.IsType<T.UpdatesConstructor>(c.Sink.Pushes[^1]);
        Assert.Contains(atC.Chats, ch => ch is T.Channel { Id: var id } && id == newsId);

        // Into a supergroup: one channel pts per message, the members get them in one push.
        var groupId = h.World.CreateChannel(a.UserId, "Talk", broadcast: false, memberIds: [b.UserId, c.UserId]);
        var aBefore = h.Truth.Records.Last(r => r.Account == a.UserId && r.Channel == groupId).Pts;
        a.Sink.Clear();
        h.Send(b, h.PeerUser(b, c.UserId), "second");
        var answer = TruthChecks.UpdatesOf(h.Call(b, new M.ForwardMessages
        {
            FromPeer = h.PeerUser(b, c.UserId), Id = [1, 2], RandomId = [9002, 9003], ToPeer = h.PeerChannel(b, groupId),
        }));
        Assert.Equal([9002L, 9003L], answer.OfType<T.UpdateMessageID>().Select(u => u.RandomId));
        var posted = answer.OfType<T.UpdateNewChannelMessage>().ToList();
        Assert.Equal([aBefore + 1, aBefore + 2], posted.Select(u => u.Pts));
        Assert.Equal(newsId, Assert.IsType<T.PeerChannel>(Assert.IsType<T.MessageFwdHeader>(Assert.IsType<T.Message>(posted[0].Message).FwdFrom).FromId).ChannelId);
        Assert.Equal(b.UserId, Assert.IsType<T.PeerUser>(Assert.IsType<T.MessageFwdHeader>(Assert.IsType<T.Message>(posted[1].Message).FwdFrom).FromId).UserId);
        var atA = Assert.IsType<T.UpdatesConstructor>(Assert.Single(a.Sink.Pushes));
        Assert.Equal(2, atA.Updates.Length);
        Assert.Contains(atA.Chats, ch => ch is T.Channel { Id: var id } && id == newsId);
        TruthChecks.ChannelDifferenceAgrees(h, a, groupId, aBefore);

        // Only posters write in broadcast channels; protected chats refuse to be forwarded from.
        Assert.Equal("CHAT_WRITE_FORBIDDEN", h.Fail(b, new M.ForwardMessages { FromPeer = h.PeerUser(b, c.UserId), Id = [1], RandomId = [9004], ToPeer = h.PeerChannel(b, newsId) }).RawMessage);
        h.World.SetNoForwards(new PeerKey(PeerKind.Channel, newsId), true);
        Assert.Equal("CHAT_FORWARDS_RESTRICTED", h.Fail(b, new M.ForwardMessages { FromPeer = h.PeerChannel(b, newsId), Id = [postId], RandomId = [9005], ToPeer = h.PeerUser(b, c.UserId) }).RawMessage);
        var protectedPost = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(a, h.PeerChannel(a, newsId), "exclusive"))[1]).Message);
        Assert.True(protectedPost.Noforwards);
        var chatId = h.World.CreateChat(a.UserId, "Closed", [b.UserId]);
        h.Send(a, new T.InputPeerChat { ChatId = chatId }, "inside");
        h.World.SetNoForwards(new PeerKey(PeerKind.Chat, chatId), true);
        Assert.Equal("CHAT_FORWARDS_RESTRICTED", h.Fail(b, new M.ForwardMessages { FromPeer = new T.InputPeerChat { ChatId = chatId }, Id = [4], RandomId = [9006], ToPeer = h.PeerUser(b, c.UserId) }).RawMessage);
        var hiddenId = h.World.CreateChannel(a.UserId, "Hidden", broadcast: true);
        Assert.Equal("CHANNEL_PRIVATE", h.Fail(c, new M.ForwardMessages { FromPeer = h.PeerChannel(c, hiddenId), Id = [1], RandomId = [9007], ToPeer = h.PeerUser(c, b.UserId) }).RawMessage);
        h.AssertClean();
    }
}
