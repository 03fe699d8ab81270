using Telethon.Events;
using Telethon.Filters;
using Telethon.Model;
using Telethon.Model.Buttons;
using Telethon.Tests.Events;
using TlFunctions = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Bots;

/// <summary>updateBotCallbackQuery and updateBotInlineQuery become <see cref="ButtonCallback"/> and <see cref="InlineQuery"/>
/// with Telegram's fields, their answers are the requests Telegram documents, and <see cref="Filter.Data(ReadOnlySpan{byte})"/>
/// matches the data byte for byte.</summary>
public sealed class BotEventsTests
{
    private static TlTypes.UpdateBotCallbackQuery Callback(byte[]? data, long userId = 7) => new()
    {
        QueryId = 123456789,
        UserId = userId,
        Peer = Tg.UserPeer(userId),
        MsgId = 42,
        ChatInstance = 99,
        Data = data,
    };

    private static TlTypes.UpdateBotInlineQuery Inline(string query, string offset = "") => new()
    {
        QueryId = 555,
        UserId = 7,
        Query = query,
        Offset = offset,
        PeerType = new TlTypes.InlineQueryPeerTypeMegagroup(),
    };

    [Fact]
    public void A_callback_query_with_data_is_a_ButtonCallback_with_its_data_chat_and_sender()
    {
        var update = Callback([1, 2, 3]);
        var e = Assert.IsType<ButtonCallback>(Tg.EventOf(update, users: [Tg.User(7, "Ann", "ann")]));
        Assert.Equal(new byte[] { 1, 2, 3 }, e.Data.ToArray());
        Assert.Equal(42, e.MessageId);
        Assert.Equal(("Ann", 7L), (Assert.IsType<User>(e.Sender).Name, e.Chat.Id));
        Assert.Same(update, e.RawUpdate);
        Assert.Null(e.Text);

        // A game's callback has no data: no ButtonCallback (as in Telethon).
        Assert.Null(Tg.EventOf(new TlTypes.UpdateBotCallbackQuery
        {
            QueryId = 1,
            UserId = 7,
            Peer = Tg.UserPeer(7),
            MsgId = 1,
            ChatInstance = 1,
            GameShortName = "tetris",
        }));
        // A user the bot does not know yet still has an id.
        Assert.Equal(8, Tg.EventOf(Callback([1], userId: 8))!.Sender!.Id);
    }

    [Fact]
    public async Task Answering_a_callback_is_setBotCallbackAnswer_with_its_query_id()
    {
        var context = new FakeEventContext { Answer = _ => true };
        var e = (ButtonCallback)Tg.EventOf(Callback("go"u8.ToArray()), context)!;
        await e.AnswerAsync("Done!", alert: true);
        await e.AnswerAsync();
        var answers = context.Invoked.Cast<TlFunctions.Messages.SetBotCallbackAnswer>().ToArray();
        Assert.Equal((123456789L, "Done!", true, 0), (answers[0].QueryId, answers[0].Message, answers[0].Alert, answers[0].CacheTime));
        Assert.Equal((123456789L, (string?)null, false), (answers[1].QueryId, answers[1].Message, answers[1].Alert));
    }

    [Fact]
    public void The_data_filter_matches_the_whole_data_and_only_button_callbacks()
    {
        var yes = Tg.EventOf(Callback("yes"u8.ToArray()))!;
        var no = Tg.EventOf(Callback("no"u8.ToArray()))!;
        Assert.True(Filter.Data("yes"u8).Matches(yes));
        Assert.True(Filter.Data("yes").Matches(yes));
        Assert.False(Filter.Data("ye"u8).Matches(yes));
        Assert.False(Filter.Data("yess"u8).Matches(yes));
        Assert.False(Filter.Data("yes"u8).Matches(no));
        Assert.False(Filter.Data("yes"u8).Matches(Tg.Text("yes")));

        var either = Filter.Data("yes") | Filter.Data("no");
        Assert.True(either.Matches(yes) && either.Matches(no));
        Assert.False((Filter.Data("yes") & Filter.Senders(8)).Matches(yes));
        Assert.True((!Filter.Data("yes")).Matches(no));
        Assert.Equal("Data(796573)", Filter.Data("yes").ToString());
    }

    [Fact]
    public void An_inline_query_has_its_text_offset_sender_and_chat_kind()
    {
        var e = Assert.IsType<InlineQuery>(Tg.EventOf(Inline("cats", "10"), users: [Tg.User(7, "Ann")]));
        Assert.Equal(("cats", "10", 7L, (ChatKind?)ChatKind.Group), (e.Text, e.Offset, e.Sender.Id, e.ChatKind));
        Assert.True(Filter.Text("^ca").Matches(e));
    }

    [Fact]
    public async Task Answering_an_inline_query_sends_articles_as_Telegram_takes_them()
    {
        var context = new FakeEventContext { Answer = _ => true };
        var e = (InlineQuery)Tg.EventOf(Inline("cats"), context)!;
        await e.AnswerAsync(
        [
            new InlineArticle("Plain", Text: "meow") { Description = "a cat", Url = "https://example.org/cat" },
            new InlineArticle("Bold", Markdown: "**purr**") { Id = "b", Buttons = [[new Callback("More", "more")]] },
        ], cacheTime: TimeSpan.FromSeconds(30), isPrivate: true, nextOffset: "2");

        var request = Assert.IsType<TlFunctions.Messages.SetInlineBotResults>(Assert.Single(context.Invoked));
        Assert.Equal((555L, 30, true, "2"), (request.QueryId, request.CacheTime, request.Private, request.NextOffset));
        var first = Assert.IsType<TlTypes.InputBotInlineResult>(request.Results[0]);
        Assert.Equal(("0", "article", "Plain", "a cat", "https://example.org/cat"), (first.Id, first.Type, first.Title, first.Description, first.Url));
        var text = Assert.IsType<TlTypes.InputBotInlineMessageText>(first.SendMessage);
        Assert.Equal(("meow", true, null), (text.Message, text.NoWebpage, text.ReplyMarkup));
        var second = Assert.IsType<TlTypes.InputBotInlineResult>(request.Results[1]);
        Assert.Equal("b", second.Id);
        var bold = Assert.IsType<TlTypes.InputBotInlineMessageText>(second.SendMessage);
        Assert.Equal("purr", bold.Message);
        Assert.IsType<TlTypes.MessageEntityBold>(Assert.Single(bold.Entities!));
        var markup = Assert.IsType<TlTypes.ReplyInlineMarkup>(bold.ReplyMarkup);
        Assert.Equal("more"u8.ToArray(), ((TlTypes.KeyboardButtonCallback)((TlTypes.KeyboardButtonRow)markup.Rows[0]).Buttons[0]).Data);
    }

    [Fact]
    public async Task Bad_inline_answers_are_refused_before_anything_is_sent()
    {
        var context = new FakeEventContext { Answer = _ => true };
        var e = (InlineQuery)Tg.EventOf(Inline("x"), context)!;
        await Assert.ThrowsAsync<ArgumentException>(() => e.AnswerAsync([.. Enumerable.Range(0, 51).Select(i => new InlineArticle("t", Text: "x"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => e.AnswerAsync([new InlineArticle("t")]));
        await Assert.ThrowsAsync<ArgumentException>(() => e.AnswerAsync([new InlineArticle("t", Text: "a", Html: "b")]));
        await Assert.ThrowsAsync<ArgumentException>(() => e.AnswerAsync([new InlineArticle("", Text: "a")]));
        await Assert.ThrowsAsync<ArgumentException>(() => e.AnswerAsync([new InlineArticle("t", Text: "a") { Buttons = [[new Text("k")]] }]));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => e.AnswerAsync([], cacheTime: TimeSpan.FromSeconds(-1)));
        Assert.Empty(context.Invoked);
    }
}
