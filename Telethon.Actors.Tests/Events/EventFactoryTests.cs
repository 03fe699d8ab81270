using Telethon.Events;
using Telethon.Model;
using TlFunctions = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Events;

public sealed class EventFactoryTests
{
    [Fact]
    public void NewMessage_in_a_private_chat_has_its_text_ids_chat_and_sender()
    {
        var update = Tg.NewMessage(5, 10, "hello", fromUser: 7);
        ((TlTypes.Message)update.Message).ReplyTo = new TlTypes.MessageReplyHeader { ReplyToMsgId = 3 };
        var e = Assert.IsType<NewMessage>(Tg.EventOf(update, users: [Tg.User(7, "Ann", "ann", accessHash: 42)]));

        Assert.Equal(5, e.Id);
        Assert.Equal("hello", e.Text);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_005), e.Date);
        Assert.True(e.IsIncoming);
        Assert.False(e.IsOutgoing);
        Assert.Equal(3, e.ReplyToMessageId);
        var chat = Assert.IsType<User>(e.Chat);
        Assert.Equal((7L, "Ann", "ann", 42L, ChatKind.User), (chat.Id, chat.Name, chat.Username, chat.AccessHash!.Value, chat.Kind));
        Assert.Same(chat, e.Sender);
        Assert.Same(update, e.RawUpdate);
    }

    [Fact]
    public void Outgoing_private_message_without_from_id_is_sent_by_the_account()
    {
        var update = new TlTypes.UpdateNewMessage { Message = Tg.Message(9, "out", Tg.UserPeer(7), isOut: true), Pts = 1, PtsCount = 1 };
        var e = Assert.IsType<NewMessage>(Tg.EventOf(update));

        Assert.True(e.IsOutgoing);
        Assert.Equal(7, e.Chat.Id);
        var sender = Assert.IsType<User>(e.Sender);
        Assert.Equal(Tg.Self, sender.Id);
        Assert.True(sender.IsSelf);
    }

    [Fact]
    public void Channel_messages_resolve_supergroups_and_broadcast_posts()
    {
        var group = Assert.IsType<NewMessage>(Tg.EventOf(Tg.ChannelMessage(555, 3, 20, fromUser: 7),
            users: [Tg.User(7, "Ann")], chats: [Tg.Channel(555, "Devs")]));
        var g = Assert.IsType<Group>(group.Chat);
        Assert.Equal((555L, "Devs", true, ChatKind.Group), (g.Id, g.Name, g.IsMegagroup, g.Kind));
        Assert.Equal(7, group.Sender!.Id);

        var post = new TlTypes.UpdateNewChannelMessage { Message = Tg.Message(4, "news", Tg.ChannelPeer(600), post: true), Pts = 5, PtsCount = 1 };
        var known = Assert.IsType<NewMessage>(Tg.EventOf(post, chats: [Tg.Channel(600, "News", broadcast: true)]));
        Assert.IsType<Channel>(known.Chat);
        Assert.Same(known.Chat, known.Sender);

        // Unknown channels are told apart by the post flag.
        Assert.IsType<Channel>(Tg.EventOf(post)!.Chat);
        var unknownGroup = Tg.EventOf(Tg.ChannelMessage(601, 1, 1))!.Chat;
        Assert.True(Assert.IsType<Group>(unknownGroup).IsMegagroup);
    }

    [Fact]
    public void Basic_group_message_and_unknown_sender_get_placeholders()
    {
        var update = new TlTypes.UpdateNewMessage { Message = Tg.Message(2, "hi", Tg.ChatPeer(300), Tg.UserPeer(8)), Pts = 1, PtsCount = 1 };
        var e = Assert.IsType<NewMessage>(Tg.EventOf(update, chats: [Tg.BasicGroup(300, "Friends")]));

        var chat = Assert.IsType<Group>(e.Chat);
        Assert.Equal(("Friends", false), (chat.Name, chat.IsMegagroup));
        Assert.IsType<TlTypes.InputPeerChat>(chat.ToInputPeer());
        var sender = Assert.IsType<User>(e.Sender);
        Assert.Equal((8L, "", (long?)null), (sender.Id, sender.Name, sender.AccessHash));
    }

    [Fact]
    public void Edits_become_MessageEdited()
    {
        var edit = new TlTypes.UpdateEditMessage { Message = Tg.Message(5, "fixed", Tg.UserPeer(7), Tg.UserPeer(7)), Pts = 2, PtsCount = 1 };
        var e = Assert.IsType<MessageEdited>(Tg.EventOf(edit));
        Assert.Equal((5, "fixed"), (e.Id, e.Text));

        var channelEdit = new TlTypes.UpdateEditChannelMessage { Message = Tg.Message(6, "c", Tg.ChannelPeer(555), Tg.UserPeer(7)), Pts = 2, PtsCount = 1 };
        Assert.Equal(555, Assert.IsType<MessageEdited>(Tg.EventOf(channelEdit, chats: [Tg.Channel(555, "Devs")])).Chat.Id);
    }

    [Fact]
    public void Deletions_carry_ids_and_the_channel_only_for_channels()
    {
        var e = Assert.IsType<MessageDeleted>(Tg.EventOf(new TlTypes.UpdateDeleteMessages { Messages = [3, 4], Pts = 5, PtsCount = 2 }));
        Assert.Equal([3, 4], e.MessageIds);
        Assert.Null(e.ChannelId);
        Assert.Null(e.Chat);

        var c = Assert.IsType<MessageDeleted>(Tg.EventOf(
            new TlTypes.UpdateDeleteChannelMessages { ChannelId = 555, Messages = [9], Pts = 5, PtsCount = 1 },
            chats: [Tg.Channel(555, "Devs")]));
        Assert.Equal(555, c.ChannelId);
        Assert.Equal("Devs", c.Chat!.Name);
        Assert.Equal([9], c.MessageIds);
    }

    [Fact]
    public void Reads_tell_inbox_from_outbox()
    {
        var inbox = Assert.IsType<MessageRead>(Tg.EventOf(
            new TlTypes.UpdateReadHistoryInbox { Peer = Tg.UserPeer(7), MaxId = 40, Pts = 1, PtsCount = 1 }, users: [Tg.User(7, "Ann")]));
        Assert.Equal((7L, 40, false), (inbox.Chat.Id, inbox.MaxMessageIdRead, inbox.IsOutbox));
        Assert.Equal("Ann", inbox.Chat.Name);

        var outbox = Assert.IsType<MessageRead>(Tg.EventOf(new TlTypes.UpdateReadHistoryOutbox { Peer = Tg.ChatPeer(300), MaxId = 41, Pts = 1, PtsCount = 1 }));
        Assert.Equal((300L, 41, true, ChatKind.Group), (outbox.Chat.Id, outbox.MaxMessageIdRead, outbox.IsOutbox, outbox.Chat.Kind));

        var channelIn = Assert.IsType<MessageRead>(Tg.EventOf(new TlTypes.UpdateReadChannelInbox { ChannelId = 555, MaxId = 7, Pts = 3 }));
        Assert.Equal((555L, 7, false), (channelIn.Chat.Id, channelIn.MaxMessageIdRead, channelIn.IsOutbox));
        var channelOut = Assert.IsType<MessageRead>(Tg.EventOf(new TlTypes.UpdateReadChannelOutbox { ChannelId = 555, MaxId = 8 }));
        Assert.Equal((555L, 8, true), (channelOut.Chat.Id, channelOut.MaxMessageIdRead, channelOut.IsOutbox));
    }

    [Fact]
    public void Service_messages_and_other_updates_make_no_event()
    {
        var service = new TlTypes.UpdateNewMessage
        {
            Message = new TlTypes.MessageService { Id = 1, PeerId = Tg.UserPeer(7), Action = new TlTypes.MessageActionHistoryClear() },
            Pts = 1,
            PtsCount = 1,
        };
        Assert.Null(Tg.EventOf(service));
        Assert.Null(Tg.EventOf(new TlTypes.UpdateNewMessage { Message = new TlTypes.MessageEmpty { Id = 1 }, Pts = 1, PtsCount = 1 }));
        Assert.Null(Tg.EventOf(new TlTypes.UpdateUserStatus { UserId = 7, Status = new TlTypes.UserStatusOffline { WasOnline = 1 } }));
    }

    [Fact]
    public async Task RespondAsync_and_ReplyAsync_send_to_the_chat_and_return_the_sent_message()
    {
        var context = new FakeEventContext { Answer = _ => new TlTypes.UpdateShortSentMessage { Id = 51, Pts = 3, PtsCount = 1, Date = 1_700_000_100, Out = true } };
        var e = Tg.Text("ping", context: context, id: 50);

        var sent = await e.RespondAsync("pong");

        var request = Assert.IsType<TlFunctions.Messages.SendMessage>(Assert.Single(context.Invoked));
        Assert.Equal("pong", request.Message);
        Assert.Equal((7L, 77L), (Assert.IsType<TlTypes.InputPeerUser>(request.Peer).UserId, ((TlTypes.InputPeerUser)request.Peer).AccessHash));
        Assert.Null(request.ReplyTo);
        Assert.Equal((51, "pong", true, 7L, Tg.Self), (sent.Id, sent.Text, sent.IsOutgoing, sent.Chat.Id, sent.Sender!.Id));

        context.Answer = f =>
        {
            var randomId = ((TlFunctions.Messages.SendMessage)f).RandomId;
            return new TlTypes.UpdatesConstructor
            {
                Updates =
                [
                    new TlTypes.UpdateMessageID { Id = 52, RandomId = randomId },
                    new TlTypes.UpdateNewMessage { Message = Tg.Message(52, "re", Tg.UserPeer(7), Tg.UserPeer(Tg.Self), isOut: true, replyTo: 50), Pts = 4, PtsCount = 1 },
                ],
                Users = [],
                Chats = [],
                Date = 1,
                Seq = 0,
            };
        };
        var reply = await e.ReplyAsync("re");

        var replyRequest = Assert.IsType<TlFunctions.Messages.SendMessage>(context.Invoked.Last());
        Assert.Equal(50, Assert.IsType<TlTypes.InputReplyToMessage>(replyRequest.ReplyTo).ReplyToMsgId);
        Assert.Equal((52, "re", 50), (reply.Id, reply.Text, reply.ReplyToMessageId));
    }

    [Fact]
    public void Event_strings_name_the_event_and_its_message()
    {
        Assert.Equal("NewMessage { Id = 1, Chat = User 7, Sender = 7, Out = False, Text = \"hi\" }", Tg.Text("hi").ToString());
        Assert.Equal("MessageDeleted { ChannelId = none, MessageIds = [1, 2] }",
            Tg.EventOf(new TlTypes.UpdateDeleteMessages { Messages = [1, 2], Pts = 2, PtsCount = 2 })!.ToString());
    }
}
