using Telethon.Model;
using TlFunctions = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Events;

/// <summary>The properties of <see cref="Message"/> read from raw TL messages, and the sending helpers behind its aliases.</summary>
public sealed class MessagePropertiesTests
{
    private static readonly User Bob = new() { Id = 7, AccessHash = 77, FirstName = "Bob", Name = "Bob" };

    private static Message Of(Telethon.Tl.Abcs.Message raw, FakeEventContext? context = null) =>
        new(raw, Bob, Bob, context ?? new FakeEventContext());

    [Fact]
    public void A_plain_message_has_its_id_dates_text_and_flags()
    {
        var raw = Tg.Message(5, "hello", Tg.UserPeer(7), Tg.UserPeer(7));
        raw.EditDate = 1_700_000_500;
        raw.Silent = true;
        var message = Of(raw);
        Assert.Equal((5, "hello", false), (message.Id, message.Text, message.IsEmpty));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_005), message.Date);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1_700_000_500), message.EditDate);
        Assert.True(message.IsSilent);
        Assert.True(message.CanForward);
        Assert.False(message.LinkPreview);
        Assert.Null(message.ForwardInfo);
        Assert.Null(message.GroupedId);
        Assert.Null(message.ReplyToMessageId);

        var unedited = Of(Tg.Message(6, "x", Tg.UserPeer(7)));
        Assert.Null(unedited.EditDate);
        Assert.False(unedited.IsSilent);
    }

    [Fact]
    public void Forward_info_names_the_original_sender_date_and_post()
    {
        var raw = Tg.Message(9, "fwd", Tg.UserPeer(7));
        raw.FwdFrom = new TlTypes.MessageFwdHeader { FromId = Tg.ChannelPeer(500), Date = 1_600_000_000, ChannelPost = 42, PostAuthor = "Ann" };
        var forward = Of(raw).ForwardInfo!;
        Assert.Equal(new Forward(new ChannelRef(500), null, DateTimeOffset.FromUnixTimeSeconds(1_600_000_000), 42, "Ann"), forward);

        // A sender who hides their account leaves only a name.
        raw.FwdFrom = new TlTypes.MessageFwdHeader { FromName = "Hidden Person", Date = 1_600_000_001 };
        Assert.Equal((null, "Hidden Person", (int?)null), (Of(raw).ForwardInfo!.Sender, Of(raw).ForwardInfo!.SenderName, Of(raw).ForwardInfo!.ChannelPostId));
        raw.FwdFrom = new TlTypes.MessageFwdHeader { FromId = Tg.UserPeer(3), Date = 1 };
        Assert.Equal(new UserRef(3), Of(raw).ForwardInfo!.Sender);
    }

    [Fact]
    public void Albums_protected_messages_and_link_previews_show()
    {
        var raw = Tg.Message(10, "https://example.com", Tg.UserPeer(7));
        raw.GroupedId = 123456789012L;
        raw.Noforwards = true;
        raw.Media = new TlTypes.MessageMediaWebPage { Webpage = new TlTypes.WebPageEmpty { Id = 1 } };
        var message = Of(raw);
        Assert.Equal(123456789012L, message.GroupedId);
        Assert.False(message.CanForward);
        Assert.True(message.LinkPreview);
    }

    [Fact]
    public void Service_and_empty_messages()
    {
        var service = Of(new TlTypes.MessageService
        {
            Id = 11,
            PeerId = Tg.UserPeer(7),
            Date = 1_700_000_011,
            Out = true,
            Action = new TlTypes.MessageActionPinMessage(),
            ReplyTo = new TlTypes.MessageReplyHeader { ReplyToMsgId = 4 },
        });
        Assert.Equal((11, "", true, 4, false, false), (service.Id, service.Text, service.IsOutgoing, service.ReplyToMessageId, service.CanForward, service.IsEmpty));

        var empty = Of(new TlTypes.MessageEmpty { Id = 12 });
        Assert.True(empty.IsEmpty);
        Assert.Equal((12, "", DateTimeOffset.UnixEpoch, (DateTimeOffset?)null), (empty.Id, empty.Text, empty.Date, empty.EditDate));
        Assert.False(empty.CanForward);
        Assert.Equal(Bob, empty.Chat);
    }

    [Fact]
    public void Text_html_and_markdown_carry_the_entities()
    {
        var raw = Tg.Message(13, "bold and link", Tg.UserPeer(7));
        raw.Entities =
        [
            new TlTypes.MessageEntityBold { Offset = 0, Length = 4 },
            new TlTypes.MessageEntityTextUrl { Offset = 9, Length = 4, Url = "https://example.com/" },
        ];
        var message = Of(raw);
        Assert.Equal("<strong>bold</strong> and <a href=\"https://example.com/\">link</a>", message.TextHtml);
        Assert.Equal("**bold** and [link](https://example.com/)", message.TextMarkdown);
        Assert.Equal("plain", Of(Tg.Message(14, "plain", Tg.UserPeer(7))).TextHtml);
    }

    [Fact]
    public void An_outgoing_broadcast_post_is_sent_by_the_channel()
    {
        var cache = new Telethon.Updates.EntityCache();
        cache.Remember([], [Tg.Channel(600, "News", broadcast: true)]);
        var post = Telethon.Events.EventFactory.CreateMessage(Tg.Message(4, "news", Tg.ChannelPeer(600), isOut: true, post: true), cache, new FakeEventContext())!;
        Assert.Equal((600L, 600L), (post.Chat.Id, post.Sender!.Id));
        Assert.IsType<Channel>(post.Sender);
        // In a supergroup an outgoing message without from_id is the logged-in account's.
        cache.Remember([], [Tg.Channel(700, "Group")]);
        var mine = Telethon.Events.EventFactory.CreateMessage(Tg.Message(5, "hi", Tg.ChannelPeer(700), isOut: true), cache, new FakeEventContext())!;
        Assert.Equal(Tg.Self, mine.Sender!.Id);
    }

    [Fact]
    public async Task Respond_and_reply_send_formatted_text_without_a_link_preview_by_default()
    {
        var context = new FakeEventContext { Answer = _ => new TlTypes.UpdateShortSentMessage { Id = 31, Date = 1_700_000_031, Out = true } };
        var message = Of(Tg.Message(30, "hi", Tg.UserPeer(7), Tg.UserPeer(7)), context);

        var sent = await message.RespondAsync(markdown: "**hey**");
        var request = Assert.IsType<TlFunctions.Messages.SendMessage>(Assert.Single(context.Invoked));
        Assert.Equal("hey", request.Message);
        Assert.True(request.NoWebpage);
        Assert.False(request.Silent);
        Assert.IsType<TlTypes.MessageEntityBold>(Assert.Single(request.Entities!));
        Assert.Equal((31, "hey", true, Bob.Id), (sent.Id, sent.Text, sent.IsOutgoing, sent.Chat.Id));
        Assert.Equal("**hey**", sent.TextMarkdown);

        await message.ReplyAsync(html: "<a href=\"https://example.com/\">x</a>", linkPreview: true);
        var reply = Assert.IsType<TlFunctions.Messages.SendMessage>(context.Invoked.Last());
        Assert.False(reply.NoWebpage);
        Assert.Equal(30, Assert.IsType<TlTypes.InputReplyToMessage>(reply.ReplyTo).ReplyToMsgId);
        Assert.IsType<TlTypes.MessageEntityTextUrl>(Assert.Single(reply.Entities!));

        Assert.Throws<ArgumentException>(() => { _ = message.RespondAsync(); });
        Assert.Throws<ArgumentException>(() => { _ = message.ReplyAsync("a", html: "b"); });
        Assert.Equal(2, context.Invoked.Count);
    }

    [Fact]
    public void Exactly_one_text_is_taken()
    {
        var plain = Client.FormatOf("**x**", null, null);
        Assert.Equal("**x**", plain.Text);
        Assert.Empty(plain.Entities);
        Assert.Equal("x", Client.FormatOf(null, "**x**", null).Text);
        Assert.Equal("y", Client.FormatOf(null, null, "<i>y</i>").Text);
        Assert.Throws<ArgumentException>(() => Client.FormatOf(null, null, null));
        Assert.Throws<ArgumentException>(() => Client.FormatOf("a", "b", null));
        Assert.Throws<ArgumentException>(() => Client.FormatOf("a", null, "c"));
    }
}
