using Telethon.Tl.Abcs;
using C = Telethon.Tl.Functions.Channels;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

public sealed class GroupAndChannelTests
{
    [Fact]
    public void SmallGroupMembersEachGetTheirOwnCopy()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");
        h.Send(c, h.PeerUser(c, b.UserId), "B's counter moves");
        b.Sink.Clear();

        var invited = Assert.IsType<T.Messages.InvitedUsers>(h.Call(a, new M.CreateChat { Title = "Group S", Users = [h.InputUser(a, b.UserId), h.InputUser(a, c.UserId)] }));
        Assert.Empty(invited.MissingInvitees);
        var created = Assert.IsType<T.UpdatesConstructor>(invited.Updates);
        Assert.Equal(1, created.Seq);
        var participants = Assert.IsType<T.ChatParticipants>(Assert.IsType<T.UpdateChatParticipants>(created.Updates[0]).Participants);
        Assert.Equal(3, participants.Participants.Length);
        var service = Assert.IsType<T.MessageService>(Assert.IsType<T.UpdateNewMessage>(created.Updates[1]).Message);
        Assert.IsType<T.MessageActionChatCreate>(service.Action);
        var chatId = Assert.IsType<T.PeerChat>(service.PeerId).ChatId;
        Assert.Equal(1, service.Id);

        var bCreate = Assert.IsType<T.UpdateNewMessage>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(b.Sink.Pushes)).Updates));
        Assert.Equal(2, bCreate.Message.Id());
        b.Sink.Clear();
        c.Sink.Clear();

        var answer = Assert.IsType<T.UpdatesConstructor>(h.Send(b, new T.InputPeerChat { ChatId = chatId }, "Nice group"));
        Assert.Equal(3, Assert.IsType<T.UpdateMessageID>(answer.Updates[0]).Id);
        Assert.Equal(3, Assert.IsType<T.UpdateNewMessage>(answer.Updates[1]).Message.Id());
        var forA = Assert.IsType<T.UpdateShortChatMessage>(Assert.Single(a.Sink.Pushes));
        Assert.Equal(2, forA.Id);
        Assert.Equal(b.UserId, forA.FromId);
        Assert.Equal(chatId, forA.ChatId);
        var forC = Assert.IsType<T.UpdateShortChatMessage>(Assert.Single(c.Sink.Pushes));
        Assert.Equal(3, forC.Id);

        var affected = Assert.IsType<T.Messages.AffectedMessages>(h.Call(c, new M.DeleteMessages { Id = [3], Revoke = true }));
        Assert.Equal(1, affected.PtsCount);
        var stillThere = Assert.IsType<T.Messages.Messages>(h.Call(a, new M.GetMessages { Id = [new T.InputMessageID { Id = 2 }] }));
        Assert.Equal("Nice group", Assert.IsType<T.Message>(Assert.Single(stillThere.MessagesValue)).MessageValue);
        Assert.Equal("CHAT_TITLE_EMPTY", h.Fail(a, new M.CreateChat { Title = " ", Users = [] }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void SupergroupMessagesShareOneIdAndTheChannelPts()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var c = h.Login("9996623333", "C");

        var created = Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.CreateChannel { Title = "Group M", About = "", Megagroup = true }));
        Assert.IsType<T.UpdateChannel>(created.Updates[0]);
        Assert.Equal(1, created.Seq);
        var first = Assert.IsType<T.UpdateNewChannelMessage>(created.Updates[1]);
        Assert.Equal(1, first.Pts);
        var channel = Assert.IsType<T.Channel>(Assert.Single(created.Chats));
        Assert.True(channel.Megagroup);
        Assert.True(channel.Creator);

        var invited = Assert.IsType<T.Messages.InvitedUsers>(h.Call(a, new C.InviteToChannel { Channel = h.InputChannel(a, channel.Id), Users = [h.InputUser(a, b.UserId)] }));
        var inviteUpdates = Assert.IsType<T.UpdatesConstructor>(invited.Updates);
        Assert.Equal(2, Assert.IsType<T.UpdateNewChannelMessage>(inviteUpdates.Updates[^1]).Pts);
        var bJoined = Assert.IsType<T.UpdatesConstructor>(Assert.Single(b.Sink.Pushes));
        Assert.IsType<T.UpdateChannel>(bJoined.Updates[0]);
        Assert.Equal(1, bJoined.Seq);
        Assert.Equal("USER_ALREADY_PARTICIPANT", h.Fail(a, new C.InviteToChannel { Channel = h.InputChannel(a, channel.Id), Users = [h.InputUser(a, b.UserId)] }).RawMessage);
        a.Sink.Clear();
        b.Sink.Clear();

        var sent = Assert.IsType<T.UpdatesConstructor>(h.Send(b, h.PeerChannel(b, channel.Id), "Buen grupo"));
        Assert.Equal(0, sent.Seq);
        var own = Assert.IsType<T.UpdateNewChannelMessage>(sent.Updates[1]);
        var ownMessage = Assert.IsType<T.Message>(own.Message);
        Assert.True(ownMessage.Out);
        Assert.Equal(3, ownMessage.Id);
        Assert.Equal(3, own.Pts);
        var atA = Assert.IsType<T.UpdateNewChannelMessage>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(Assert.Single(a.Sink.Pushes)).Updates));
        var aMessage = Assert.IsType<T.Message>(atA.Message);
        Assert.False(aMessage.Out);
        Assert.Equal(3, aMessage.Id);
        Assert.Equal(3, atA.Pts);
        Assert.Equal(b.UserId, Assert.IsType<T.PeerUser>(aMessage.FromId).UserId);
        Assert.Empty(c.Sink.Pushes);
        Assert.Equal("CHANNEL_PRIVATE", h.Fail(c, new C.JoinChannel { Channel = h.InputChannel(c, channel.Id) }).RawMessage);
        Assert.Equal("CHANNEL_PRIVATE", h.Fail(c, new M.GetHistory { Peer = h.PeerChannel(c, channel.Id), Limit = 5 }).RawMessage);
        Assert.Equal("CHANNEL_INVALID", h.Fail(b, new C.JoinChannel { Channel = h.InputChannel(c, channel.Id) }).RawMessage);

        var history = Assert.IsType<T.Messages.ChannelMessages>(h.Call(a, new M.GetHistory { Peer = h.PeerChannel(a, channel.Id), Limit = 10 }));
        Assert.Equal(3, history.Pts);
        Assert.Equal(3, history.Count);
        var got = Assert.IsType<T.Messages.ChannelMessages>(h.Call(b, new C.GetMessages { Channel = h.InputChannel(b, channel.Id), Id = [new T.InputMessageID { Id = 3 }, new T.InputMessageID { Id = 9 }] }));
        Assert.Equal("Buen grupo", Assert.IsType<T.Message>(got.Messages[0]).MessageValue);
        Assert.IsType<T.MessageEmpty>(got.Messages[1]);

        Assert.Equal("MESSAGE_AUTHOR_REQUIRED", h.Fail(a, new M.EditMessage { Peer = h.PeerChannel(a, channel.Id), Id = 3, Message = "edited by A" }).RawMessage);
        var edited = Assert.IsType<T.UpdatesConstructor>(h.Call(b, new M.EditMessage { Peer = h.PeerChannel(b, channel.Id), Id = 3, Message = "edited" }));
        Assert.Equal(4, Assert.IsType<T.UpdateEditChannelMessage>(Assert.Single(edited.Updates)).Pts);

        Assert.Equal("MESSAGE_DELETE_FORBIDDEN", h.Fail(b, new C.DeleteMessages { Channel = h.InputChannel(b, channel.Id), Id = [1] }).RawMessage);
        var deleted = Assert.IsType<T.Messages.AffectedMessages>(h.Call(a, new C.DeleteMessages { Channel = h.InputChannel(a, channel.Id), Id = [2, 3, 50] }));
        Assert.Equal(2, deleted.PtsCount);
        Assert.Equal(6, deleted.Pts);
        var bDelete = Assert.IsType<T.UpdateDeleteChannelMessages>(Assert.Single(Assert.IsType<T.UpdatesConstructor>(b.Sink.Pushes[^1]).Updates));
        Assert.Equal(2, bDelete.PtsCount);
        Assert.Equal([2, 3], bDelete.Messages);

        var truth = h.Truth.Records.Where(r => r.Account == b.UserId && r.Channel == channel.Id).Select(r => (r.Kind, r.Pts, r.PtsCount)).ToList();
        Assert.Equal([("updateNewChannelMessage", 2, 1), ("updateNewChannelMessage", 3, 1), ("updateEditChannelMessage", 4, 1), ("updateDeleteChannelMessages", 6, 2)], truth);
        h.AssertClean();
    }

    [Fact]
    public void BroadcastChannelsJoinLeaveAndRead()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var b = h.Login("9996622222", "B");
        var channelId = h.World.CreateChannel(a.UserId, "News", broadcast: true, username: "news_here");

        var joined = Assert.IsType<T.UpdatesConstructor>(h.Call(b, new C.JoinChannel { Channel = h.InputChannel(b, channelId) }));
        Assert.IsType<T.UpdateChannel>(Assert.Single(joined.Updates));
        Assert.Equal("USER_ALREADY_PARTICIPANT", h.Fail(b, new C.JoinChannel { Channel = h.InputChannel(b, channelId) }).RawMessage);
        Assert.Equal("CHAT_WRITE_FORBIDDEN", h.Fail(b, new M.SendMessage { Peer = h.PeerChannel(b, channelId), Message = "hi", RandomId = 1 }).RawMessage);
        Assert.Equal("CHAT_ADMIN_REQUIRED", h.Fail(b, new C.InviteToChannel { Channel = h.InputChannel(b, channelId), Users = [h.InputUser(b, a.UserId)] }).RawMessage);

        var post = Assert.IsType<T.UpdatesConstructor>(h.Send(a, h.PeerChannel(a, channelId), "Breaking"));
        var message = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewChannelMessage>(post.Updates[1]).Message);
        Assert.True(message.Post);
        Assert.Null(message.FromId);
        b.Sink.Clear();

        Assert.True(h.Call(b, new C.ReadHistory { Channel = h.InputChannel(b, channelId), MaxId = message.Id }));
        var read = Assert.IsType<T.UpdatesConstructor>(Assert.Single(b.Sink.Pushes));
        Assert.Equal(2, read.Seq);
        Assert.Equal(message.Id, Assert.IsType<T.UpdateReadChannelInbox>(Assert.Single(read.Updates)).MaxId);

        var dialogs = Assert.IsType<T.Messages.Dialogs>(h.Call(b, new M.GetDialogs { OffsetPeer = new T.InputPeerEmpty(), Limit = 10 }));
        var dialog = Assert.IsType<T.Dialog>(Assert.Single(dialogs.DialogsValue));
        Assert.Equal(2, dialog.Pts);
        Assert.Equal(0, dialog.UnreadCount);

        Assert.Equal("USER_CREATOR", h.Fail(a, new C.LeaveChannel { Channel = h.InputChannel(a, channelId) }).RawMessage);
        var left = Assert.IsType<T.UpdatesConstructor>(h.Call(b, new C.LeaveChannel { Channel = h.InputChannel(b, channelId) }));
        Assert.True(Assert.IsType<T.Channel>(Assert.Single(left.Chats)).Left);
        Assert.Equal("USER_NOT_PARTICIPANT", h.Fail(b, new C.LeaveChannel { Channel = h.InputChannel(b, channelId) }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void BotsGetQtsUpdatesWhenAddedToGroups()
    {
        var h = new WorldHarness();
        var a = h.Login("9996621111", "A");
        var botId = h.World.CreateBot("7000001:tok", "Helper", "helper_bot", dc: 2);
        var bot = h.NewSession(2);
        h.Call(bot, new Telethon.Tl.Functions.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000001:tok" });
        bot.UserId = botId;

        var channel = Assert.IsType<T.Channel>(Assert.IsType<T.UpdatesConstructor>(h.Call(a, new C.CreateChannel { Title = "G", About = "", Megagroup = true })).Chats[0]);
        h.Call(a, new C.InviteToChannel { Channel = h.InputChannel(a, channel.Id), Users = [h.InputUser(a, botId)] });
        var pushed = Assert.IsType<T.UpdatesConstructor>(Assert.Single(bot.Sink.Pushes));
        var participant = Assert.IsType<T.UpdateChannelParticipant>(pushed.Updates.Single(u => u is T.UpdateChannelParticipant));
        Assert.Equal(1, participant.Qts);
        Assert.Equal(botId, participant.UserId);

        var state = Assert.IsType<T.Updates.State>(h.Call(bot, new Telethon.Tl.Functions.Updates.GetState()));
        Assert.Equal(1, state.Qts);
        var difference = Assert.IsType<T.Updates.Difference>(h.Call(bot, new Telethon.Tl.Functions.Updates.GetDifference { Pts = 0, Qts = 0, Date = 0 }));
        Assert.Contains(difference.OtherUpdates, u => u is T.UpdateChannelParticipant { Qts: 1 });
        Assert.Equal(1, Assert.IsType<T.Updates.State>(difference.State).Qts);
        Assert.Equal("BOT_METHOD_INVALID", h.Fail(bot, new C.JoinChannel { Channel = h.InputChannel(bot, channel.Id) }).RawMessage);
    }
}

internal static class MessageExtensions
{
    public static int Id(this Message message) => message switch
    {
        T.Message m => m.Id,
        T.MessageService s => s.Id,
        T.MessageEmpty e => e.Id,
        _ => throw new ArgumentException(message.TlName),
    };
}
