using Telethon.Events;
using Telethon.Filters;
using Telethon.Tests.Events;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Filters;

/// <summary>
/// Reply and Forward look at the message as Telegram sent it: its <c>reply_to</c> (a messageReplyHeader naming a message)
/// and its <c>fwd_from</c>.
/// </summary>
public sealed class ReplyForwardFilterTests
{
    private static readonly Event Deleted = Tg.EventOf(new TlTypes.UpdateDeleteMessages { Messages = [1], Pts = 1, PtsCount = 1 })!;

    private static Event Of(global::Telethon.Tl.Abcs.Message message, bool edited = false) =>
        Tg.EventOf(edited
            ? new TlTypes.UpdateEditMessage { Message = message, Pts = 1, PtsCount = 1 }
            : new TlTypes.UpdateNewMessage { Message = message, Pts = 1, PtsCount = 1 }, users: [Tg.User(7, "Ann")])!;

    private static TlTypes.Message Plain(int id = 10) => Tg.Message(id, "text", Tg.UserPeer(7), Tg.UserPeer(7));

    private static TlTypes.MessageFwdHeader ForwardedFromUser(long userId) =>
        new() { FromId = Tg.UserPeer(userId), Date = 1_600_000_000 };

    [Fact]
    public void Reply_passes_for_messages_that_name_the_message_they_reply_to()
    {
        Assert.True(Filter.Reply.Matches(Of(Tg.Message(10, "re", Tg.UserPeer(7), Tg.UserPeer(7), replyTo: 5))));
        Assert.True(Filter.Reply.Matches(Of(Tg.Message(10, "re", Tg.UserPeer(7), Tg.UserPeer(7), replyTo: 5), edited: true)));
        // A reply to a message of another chat names both.
        var elsewhere = Plain();
        elsewhere.ReplyTo = new TlTypes.MessageReplyHeader { ReplyToMsgId = 3, ReplyToPeerId = Tg.ChannelPeer(555) };
        Assert.True(Filter.Reply.Matches(Of(elsewhere)));
    }

    [Fact]
    public void Reply_does_not_pass_otherwise()
    {
        Assert.False(Filter.Reply.Matches(Of(Plain())));
        // A reply to a story is not a reply to a message.
        var story = Plain();
        story.ReplyTo = new TlTypes.MessageReplyStoryHeader { Peer = Tg.UserPeer(7), StoryId = 4 };
        Assert.False(Filter.Reply.Matches(Of(story)));
        // A header that names no message (a quote of a message Telegram does not show).
        var unnamed = Plain();
        unnamed.ReplyTo = new TlTypes.MessageReplyHeader { QuoteText = "quoted", Quote = true };
        Assert.False(Filter.Reply.Matches(Of(unnamed)));
        // The pin notice names the pinned message in reply_to, yet replies to nothing.
        var pin = new TlTypes.MessageService
        {
            Id = 11, PeerId = Tg.UserPeer(7), FromId = Tg.UserPeer(7), Date = 1_700_000_000,
            Action = new TlTypes.MessageActionPinMessage(), ReplyTo = new TlTypes.MessageReplyHeader { ReplyToMsgId = 10 },
        };
        Assert.False(Filter.Reply.Matches(Of(pin)));
        Assert.False(Filter.Reply.Matches(Deleted));
    }

    [Fact]
    public void Forward_passes_for_forwarded_messages_only()
    {
        var forwarded = Plain();
        forwarded.FwdFrom = ForwardedFromUser(42);
        Assert.True(Filter.Forward.Matches(Of(forwarded)));
        Assert.True(Filter.Forward.Matches(Of(forwarded, edited: true)));
        // Forwarded from a hidden account: only a name, still a forward.
        var hidden = Plain();
        hidden.FwdFrom = new TlTypes.MessageFwdHeader { FromName = "Someone", Date = 1_600_000_000 };
        Assert.True(Filter.Forward.Matches(Of(hidden)));

        Assert.False(Filter.Forward.Matches(Of(Plain())));
        Assert.False(Filter.Forward.Matches(Of(Tg.Message(10, "re", Tg.UserPeer(7), Tg.UserPeer(7), replyTo: 5))));
        Assert.False(Filter.Forward.Matches(Deleted));
    }

    [Fact]
    public void Reply_and_Forward_combine_and_describe_themselves()
    {
        var forwardedReply = Tg.Message(10, "re", Tg.UserPeer(7), Tg.UserPeer(7), replyTo: 5);
        forwardedReply.FwdFrom = ForwardedFromUser(42);
        var reply = Of(Tg.Message(12, "re", Tg.UserPeer(7), Tg.UserPeer(7), replyTo: 5));

        Assert.True((Filter.Reply & Filter.Forward).Matches(Of(forwardedReply)));
        Assert.False((Filter.Reply & Filter.Forward).Matches(reply));
        Assert.True((Filter.Reply & !Filter.Forward & Filter.Incoming).Matches(reply));
        Assert.False((Filter.Reply | Filter.Forward).Matches(Of(Plain())));
        Assert.Equal("All(Reply, Not(Forward), Incoming)", (Filter.Reply & !Filter.Forward & Filter.Incoming).ToString());
        Assert.Same(Filter.Reply, Filter.Reply);
        Assert.IsType<ReplyFilter>(Filter.Reply);
        Assert.IsType<ForwardFilter>(Filter.Forward);
    }
}
