using Telethon.Events;
using Telethon.Model;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Events;

/// <summary>The members Telethon's events have (message ids, channel ids, read marks, the event as a message), from raw updates.</summary>
public sealed class MessageEventMembersTests
{
    private static MessageRead Read(TlTypes.UpdateReadHistoryOutbox update, params global::Telethon.Tl.Abcs.User[] users) =>
        Assert.IsType<MessageRead>(Tg.EventOf(update, users: users));

    private static Message MessageIn(global::Telethon.Tl.Abcs.Peer chat, int id, bool isOut) =>
        Assert.IsType<NewMessage>(Tg.EventOf(new TlTypes.UpdateNewMessage
        {
            Message = Tg.Message(id, "m", chat, isOut ? Tg.UserPeer(Tg.Self) : Tg.UserPeer(7), isOut),
            Pts = 1,
            PtsCount = 1,
        }, users: [Tg.User(7, "Ann")], chats: [Tg.BasicGroup(300, "Friends")])).Message;

    [Fact]
    public void A_read_mark_covers_ids_at_or_below_it_and_only_the_messages_of_its_chat_and_box()
    {
        var read = Read(new TlTypes.UpdateReadHistoryOutbox { Peer = Tg.UserPeer(7), MaxId = 20, Pts = 1, PtsCount = 1 }, Tg.User(7, "Ann"));

        // Telegram's rule: ids <= max_id are read, ids above are not.
        Assert.True(read.IsMessageRead(19));
        Assert.True(read.IsMessageRead(20));
        Assert.False(read.IsMessageRead(21));

        Assert.True(read.IsMessageRead(MessageIn(Tg.UserPeer(7), 20, isOut: true)));
        Assert.False(read.IsMessageRead(MessageIn(Tg.UserPeer(7), 21, isOut: true)));
        // An outbox mark says nothing about the messages Ann sent, nor about another chat with the same id.
        Assert.False(read.IsMessageRead(MessageIn(Tg.UserPeer(7), 5, isOut: false)));
        Assert.False(read.IsMessageRead(MessageIn(Tg.UserPeer(8), 5, isOut: true)));
        Assert.False(read.IsMessageRead(MessageIn(Tg.ChatPeer(7), 5, isOut: true)));
        Assert.Throws<ArgumentNullException>(() => read.IsMessageRead(null!));
    }

    [Fact]
    public void An_inbox_mark_covers_the_incoming_messages_of_a_group()
    {
        var read = Assert.IsType<MessageRead>(Tg.EventOf(
            new TlTypes.UpdateReadHistoryInbox { Peer = Tg.ChatPeer(300), MaxId = 9, StillUnreadCount = 0, Pts = 1, PtsCount = 1 },
            chats: [Tg.BasicGroup(300, "Friends")]));

        var group = Assert.IsType<Group>(read.Chat);
        Assert.Equal(("Friends", false, false), (group.Name, group.IsMegagroup, read.IsOutbox));
        Assert.True(read.IsMessageRead(MessageIn(Tg.ChatPeer(300), 9, isOut: false)));
        Assert.False(read.IsMessageRead(MessageIn(Tg.ChatPeer(300), 9, isOut: true)));
        Assert.False(read.IsMessageRead(MessageIn(Tg.ChatPeer(300), 10, isOut: false)));
    }

    [Fact]
    public void A_channel_read_mark_matches_the_messages_of_its_supergroup()
    {
        var read = Assert.IsType<MessageRead>(Tg.EventOf(new TlTypes.UpdateReadChannelInbox { ChannelId = 555, MaxId = 4, Pts = 3 },
            chats: [Tg.Channel(555, "Devs")]));
        var message = Assert.IsType<NewMessage>(Tg.EventOf(Tg.ChannelMessage(555, 4, 9), chats: [Tg.Channel(555, "Devs")])).Message;

        Assert.Equal("Devs", read.Chat.Name);
        Assert.True(read.IsMessageRead(message));
        // Known only by its id, the supergroup is a placeholder channel: still the same chat.
        var unknown = Assert.IsType<MessageRead>(Tg.EventOf(new TlTypes.UpdateReadChannelInbox { ChannelId = 555, MaxId = 4, Pts = 3 }));
        Assert.IsType<Channel>(unknown.Chat);
        Assert.True(unknown.IsMessageRead(message));
    }

    [Fact]
    public void A_private_read_of_an_unknown_user_still_has_the_users_id()
    {
        var read = Read(new TlTypes.UpdateReadHistoryOutbox { Peer = Tg.UserPeer(42), MaxId = 3, Pts = 1, PtsCount = 1 });
        var user = Assert.IsType<User>(read.Chat);
        Assert.Equal((42L, (long?)null), (user.Id, user.AccessHash));
    }

    [Fact]
    public void A_deletion_in_an_unknown_channel_has_its_id_and_a_placeholder_chat()
    {
        var deleted = Assert.IsType<MessageDeleted>(Tg.EventOf(
            new TlTypes.UpdateDeleteChannelMessages { ChannelId = 777, Messages = [5, 6], Pts = 9, PtsCount = 2 }));
        Assert.Equal(777, deleted.ChannelId);
        Assert.Equal(777, deleted.Chat!.Id);
        Assert.Equal([5, 6], deleted.MessageIds);
        Assert.Equal("MessageDeleted { ChannelId = 777, MessageIds = [5, 6] }", deleted.ToString());
    }

    [Fact]
    public void An_edit_is_the_message_as_it_is_now_and_converts_to_it()
    {
        var update = new TlTypes.UpdateEditMessage { Message = Tg.Message(5, "fixed", Tg.UserPeer(7), Tg.UserPeer(7), replyTo: 2), Pts = 2, PtsCount = 1 };
        var edited = Assert.IsType<MessageEdited>(Tg.EventOf(update, users: [Tg.User(7, "Ann")]));

        Message message = edited;
        Assert.Same(edited.Message, message);
        Assert.Equal((5, "fixed", 2, "Ann"), (message.Id, message.Text, message.ReplyToMessageId, edited.Sender!.Name));
        Assert.Same(update, edited.RawUpdate);
        Assert.Throws<ArgumentNullException>(() => { Message m = (MessageEdited)null!; return m; });
    }
}
