using Telethon.TestServer.World;
using C = Telethon.Tl.Functions.Channels;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>messages.editMessage, messages.deleteMessages and channels.deleteMessages against Telegram's rules.</summary>
public sealed class MessageEditDeleteTests
{
    [Fact]
    public void PrivateEditsReachTheOtherSideWithItsIdAndPts()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(c, h.PeerUser(c, b.UserId), "moves B's ids");
        h.Send(a, h.PeerUser(a, a.UserId), "a note to self");
        h.Send(a, h.PeerUser(a, b.UserId), "hello there");
        var bBefore = TruthChecks.PtsNow(h, b);
        b.Sink.Clear();

        // A's message is A's id 2, B's id 2 (B got C's first).
        var notAuthor = h.Fail(b, new M.EditMessage { Peer = h.PeerUser(b, a.UserId), Id = 2, Message = "mine now" });
        Assert.Equal((403, "MESSAGE_AUTHOR_REQUIRED"), (notAuthor.Code, notAuthor.RawMessage));
        Assert.Equal("MESSAGE_NOT_MODIFIED", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 2, Message = "hello there" }).RawMessage);
        Assert.Equal("MESSAGE_EMPTY", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 2, Message = " " }).RawMessage);
        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 9, Message = "x" }).RawMessage);
        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 1, Message = "x" }).RawMessage);

        h.Time.Advance(TimeSpan.FromMinutes(5));
        Telethon.Tl.Abcs.MessageEntity[] bold = [new T.MessageEntityBold { Offset = 6, Length = 5 }];
        var answer = TruthChecks.UpdatesOf(h.Call(a, new M.EditMessage { NoWebpage = true, Peer = h.PeerUser(a, b.UserId), Id = 2, Message = "hello world", Entities = bold }));
        var own = Assert.IsType<T.UpdateEditMessage>(Assert.Single(answer));
        var ownMessage = Assert.IsType<T.Message>(own.Message);
        Assert.Equal(("hello world", 2, true), (ownMessage.MessageValue, ownMessage.Id, ownMessage.Out));
        Assert.Equal((int)h.Time.GetUtcNow().ToUnixTimeSeconds(), ownMessage.EditDate);
        Assert.Equal(6, Assert.IsType<T.MessageEntityBold>(Assert.Single(ownMessage.Entities!)).Offset);
        Assert.Equal(3, own.Pts);

        var pushed = Assert.IsType<T.UpdateEditMessage>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(b.Sink.Pushes))));
        var theirs = Assert.IsType<T.Message>(pushed.Message);
        Assert.Equal((2, false, "hello world"), (theirs.Id, theirs.Out, theirs.MessageValue));
        Assert.NotNull(theirs.Entities);
        Assert.Equal(bBefore + 1, pushed.Pts);
        Assert.Equal(1, pushed.PtsCount);
        TruthChecks.DifferenceAgrees(h, b, bBefore);

        // Telegram's edit_time_limit: 48 hours, but Saved Messages stay editable.
        h.Time.Advance(TimeSpan.FromHours(48));
        Assert.Equal("MESSAGE_EDIT_TIME_EXPIRED", h.Fail(a, new M.EditMessage { Peer = h.PeerUser(a, b.UserId), Id = 2, Message = "too late" }).RawMessage);
        var saved = TruthChecks.UpdatesOf(h.Call(a, new M.EditMessage { Peer = new T.InputPeerSelf(), Id = 1, Message = "edited note" }));
        Assert.Equal("edited note", Assert.IsType<T.Message>(Assert.IsType<T.UpdateEditMessage>(Assert.Single(saved)).Message).MessageValue);
        h.AssertClean();
    }

    [Fact]
    public void GroupAndChannelEditsFollowAuthorshipAndAdminRights()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var d = h.Login("9996624444", "D");
        var chatId = h.World.CreateChat(a.UserId, "Group", [b.UserId, c.UserId]);
        h.Send(b, new T.InputPeerChat { ChatId = chatId }, "from B");
        var cBefore = TruthChecks.PtsNow(h, c);
        a.Sink.Clear();
        c.Sink.Clear();

        // Each member has the create message first, so B's message is id 2 everywhere.
        Assert.Equal("MESSAGE_AUTHOR_REQUIRED", h.Fail(a, new M.EditMessage { Peer = new T.InputPeerChat { ChatId = chatId }, Id = 2, Message = "creator edit" }).RawMessage);
        h.Call(b, new M.EditMessage { Peer = new T.InputPeerChat { ChatId = chatId }, Id = 2, Message = "from B, edited" });
        foreach (var member in new[] { a, c })
        {
            var edit = Assert.IsType<T.UpdateEditMessage>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(member.Sink.Pushes))));
            Assert.Equal("from B, edited", Assert.IsType<T.Message>(edit.Message).MessageValue);
            Assert.IsType<T.PeerChat>(Assert.IsType<T.Message>(edit.Message).PeerId);
        }
        TruthChecks.DifferenceAgrees(h, c, cBefore);

        // Broadcast: the creator posts; an admin with post_messages only edits its own posts, one with edit_messages any.
        var channelId = h.World.CreateChannel(a.UserId, "News", broadcast: true, memberIds: [b.UserId, c.UserId, d.UserId]);
        h.World.PromoteToAdmin(channelId, c.UserId, new T.ChatAdminRights { PostMessages = true });
        h.World.PromoteToAdmin(channelId, d.UserId, new T.ChatAdminRights { PostMessages = true, EditMessages = true });
        var post = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(a, h.PeerChannel(a, channelId), "post"))[1]).Message.Id();
        var cPost = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(c, h.PeerChannel(c, channelId), "c's post"))[1]).Message.Id();
        var bBefore = h.Truth.Records.Last(r => r.Account == b.UserId && r.Channel == channelId).Pts;
        b.Sink.Clear();

        Assert.Equal("MESSAGE_AUTHOR_REQUIRED", h.Fail(c, new M.EditMessage { Peer = h.PeerChannel(c, channelId), Id = post, Message = "c edits" }).RawMessage);
        Assert.Equal("MESSAGE_AUTHOR_REQUIRED", h.Fail(b, new M.EditMessage { Peer = h.PeerChannel(b, channelId), Id = post, Message = "b edits" }).RawMessage);
        h.Call(c, new M.EditMessage { Peer = h.PeerChannel(c, channelId), Id = cPost, Message = "c's post, fixed" });
        var byD = Assert.IsType<T.UpdateEditChannelMessage>(Assert.Single(TruthChecks.UpdatesOf(h.Call(d, new M.EditMessage { Peer = h.PeerChannel(d, channelId), Id = post, Message = "post, edited by D" }))));
        Assert.True(Assert.IsType<T.Message>(byD.Message).Post);
        var atB = b.Sink.Pushes.Select(p => Assert.IsType<T.UpdateEditChannelMessage>(Assert.Single(TruthChecks.UpdatesOf(p)))).ToList();
        Assert.Equal([bBefore + 1, bBefore + 2], atB.Select(u => u.Pts));
        Assert.Equal("post, edited by D", Assert.IsType<T.Message>(atB[1].Message).MessageValue);
        TruthChecks.ChannelDifferenceAgrees(h, b, channelId, bBefore);

        // Supergroups: only the author, within the edit time limit.
        var groupId = h.World.CreateChannel(a.UserId, "Super", broadcast: false, memberIds: [b.UserId]);
        var bMessage = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(b, h.PeerChannel(b, groupId), "b speaks"))[1]).Message.Id();
        Assert.Equal("MESSAGE_AUTHOR_REQUIRED", h.Fail(a, new M.EditMessage { Peer = h.PeerChannel(a, groupId), Id = bMessage, Message = "admin edit" }).RawMessage);
        h.Time.Advance(TimeSpan.FromHours(49));
        Assert.Equal("MESSAGE_EDIT_TIME_EXPIRED", h.Fail(b, new M.EditMessage { Peer = h.PeerChannel(b, groupId), Id = bMessage, Message = "late" }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void DeletingRevokesForEverybodyOnlyWhenAllowed()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(c, h.PeerUser(c, b.UserId), "moves B's ids");
        h.Send(a, h.PeerUser(a, b.UserId), "one");
        h.Send(a, h.PeerUser(a, b.UserId), "two");
        var bBefore = TruthChecks.PtsNow(h, b);
        a.Sink.Clear();
        b.Sink.Clear();

        // Without revoke only the caller's copy goes.
        var local = Assert.IsType<T.Messages.AffectedMessages>(h.Call(b, new M.DeleteMessages { Id = [2] }));
        Assert.Equal((bBefore + 1, 1), (local.Pts, local.PtsCount));
        Assert.Empty(a.Sink.Pushes);
        Assert.IsType<T.Message>(Assert.IsType<T.Messages.Messages>(h.Call(a, new M.GetMessages { Id = [new T.InputMessageID { Id = 1 }] })).MessagesValue[0]);

        // With revoke both sides lose it, each with its own id and pts.
        var revoked = Assert.IsType<T.Messages.AffectedMessages>(h.Call(a, new M.DeleteMessages { Revoke = true, Id = [2, 40] }));
        Assert.Equal((3, 1), (revoked.Pts, revoked.PtsCount));
        var atB = Assert.IsType<T.UpdateDeleteMessages>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(b.Sink.Pushes))));
        Assert.Equal([3], atB.Messages);
        Assert.Equal(bBefore + 2, atB.Pts);
        Assert.IsType<T.MessageEmpty>(Assert.IsType<T.Messages.Messages>(h.Call(b, new M.GetMessages { Id = [new T.InputMessageID { Id = 3 }] })).MessagesValue[0]);
        TruthChecks.DifferenceAgrees(h, b, bBefore);
        var nothing = Assert.IsType<T.Messages.AffectedMessages>(h.Call(a, new M.DeleteMessages { Revoke = true, Id = [77] }));
        Assert.Equal((3, 0), (nothing.Pts, nothing.PtsCount));

        // Small groups: a member revokes only its own messages; the creator anyone's.
        var chatId = h.World.CreateChat(a.UserId, "Group", [b.UserId, c.UserId]);
        var chat = new T.InputPeerChat { ChatId = chatId };
        var aId = Assert.IsType<T.UpdateNewMessage>(TruthChecks.UpdatesOf(h.Send(a, chat, "by A"))[1]).Message.Id();
        var bId = Assert.IsType<T.UpdateNewMessage>(TruthChecks.UpdatesOf(h.Send(b, chat, "by B"))[1]).Message.Id();
        var cBefore = TruthChecks.PtsNow(h, c);
        c.Sink.Clear();
        var bCopyOfA = bId - 1;
        h.Call(b, new M.DeleteMessages { Revoke = true, Id = [bCopyOfA] });
        Assert.Empty(c.Sink.Pushes);
        Assert.IsType<T.Message>(Assert.IsType<T.Messages.Messages>(h.Call(a, new M.GetMessages { Id = [new T.InputMessageID { Id = aId }] })).MessagesValue[0]);
        h.Call(a, new M.DeleteMessages { Revoke = true, Id = [aId + 1] });
        var atC = Assert.IsType<T.UpdateDeleteMessages>(Assert.Single(TruthChecks.UpdatesOf(Assert.Single(c.Sink.Pushes))));
        Assert.Single(atC.Messages);
        TruthChecks.DifferenceAgrees(h, c, cBefore);
        h.AssertClean();
    }

    [Fact]
    public void ChannelDeletionNeedsAuthorshipOrTheDeleteRight()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        var d = h.Login("9996624444", "D");
        var channelId = h.World.CreateChannel(a.UserId, "Super", broadcast: false, memberIds: [b.UserId, c.UserId, d.UserId]);
        h.World.PromoteToAdmin(channelId, c.UserId, new T.ChatAdminRights { PinMessages = true });
        h.World.PromoteToAdmin(channelId, d.UserId, new T.ChatAdminRights { DeleteMessages = true });
        var aMessage = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(a, h.PeerChannel(a, channelId), "by A"))[1]).Message.Id();
        var bMessage = Assert.IsType<T.UpdateNewChannelMessage>(TruthChecks.UpdatesOf(h.Send(b, h.PeerChannel(b, channelId), "by B"))[1]).Message.Id();
        var aBefore = h.Truth.Records.Last(r => r.Account == a.UserId && r.Channel == channelId).Pts;

        var forbidden = h.Fail(b, new C.DeleteMessages { Channel = h.InputChannel(b, channelId), Id = [aMessage] });
        Assert.Equal((403, "MESSAGE_DELETE_FORBIDDEN"), (forbidden.Code, forbidden.RawMessage));
        Assert.Equal("MESSAGE_DELETE_FORBIDDEN", h.Fail(c, new C.DeleteMessages { Channel = h.InputChannel(c, channelId), Id = [aMessage] }).RawMessage);
        var own = Assert.IsType<T.Messages.AffectedMessages>(h.Call(b, new C.DeleteMessages { Channel = h.InputChannel(b, channelId), Id = [bMessage] }));
        Assert.Equal((aBefore + 1, 1), (own.Pts, own.PtsCount));
        var byAdmin = Assert.IsType<T.Messages.AffectedMessages>(h.Call(d, new C.DeleteMessages { Channel = h.InputChannel(d, channelId), Id = [aMessage, 99] }));
        Assert.Equal((aBefore + 2, 1), (byAdmin.Pts, byAdmin.PtsCount));
        var atA = Assert.IsType<T.UpdateDeleteChannelMessages>(Assert.Single(TruthChecks.UpdatesOf(a.Sink.Pushes[^1])));
        Assert.Equal([aMessage], atA.Messages);
        Assert.Equal(aBefore + 2, atA.Pts);
        TruthChecks.ChannelDifferenceAgrees(h, a, channelId, aBefore);
        Assert.Equal("CHANNEL_INVALID", h.Fail(b, new C.DeleteMessages { Channel = new T.InputChannel { ChannelId = channelId, AccessHash = 1 }, Id = [1] }).RawMessage);
        h.AssertClean();
    }
}
