using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;
using U = Telethon.Tl.Functions.Users;

namespace Telethon.Tests.TestServer;

/// <summary>Inline mode: messages.getInlineBotResults / setInlineBotResults / sendInlineBotResult and updateBotInlineQuery.</summary>
public sealed class BotsInlineTests
{
    private static T.InputBotInlineResult Article(string id, string title, string text, ReplyMarkup? markup = null) => new()
    {
        Id = id,
        Type = "article",
        Title = title,
        Description = "about " + title,
        SendMessage = new T.InputBotInlineMessageText { Message = text, ReplyMarkup = markup },
    };

    private static M.GetInlineBotResults Query(WorldHarness h, TestSession user, long botId, InputPeer peer, string query) =>
        new() { Bot = h.InputUser(user, botId), Peer = peer, Query = query, Offset = "" };

    [Fact]
    public async Task TheBotsResultsAnswerTheInlineQuery()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bob = h.Login("9996622222", "Bob");
        var bot = h.LoginBot("7000001:tok", "Finder", "finder_bot", inlinePlaceholder: "Search...");
        var seen = Assert.IsType<T.User>(Assert.Single(h.Call(alice, new U.GetUsers { Id = [h.InputUser(alice, bot.UserId)] })));
        Assert.Equal("Search...", seen.BotInlinePlaceholder);

        var call = Query(h, alice, bot.UserId, h.PeerUser(alice, bob.UserId), "cats");
        var pending = h.Start(alice, call);
        var query = Assert.Single(bot.Pushed<T.UpdateBotInlineQuery>());
        Assert.Equal(alice.UserId, query.UserId);
        Assert.Equal("cats", query.Query);
        Assert.Equal("", query.Offset);
        Assert.IsType<T.InlineQueryPeerTypePM>(query.PeerType);
        Assert.Contains(h.Truth.Records, r => r.Account == bot.UserId && r.Kind == "updateBotInlineQuery");

        Assert.True(h.Call(bot, new M.SetInlineBotResults
        {
            QueryId = query.QueryId,
            Results = [Article("r1", "Cat", "A cat", BotsHarness.Callbacks(("More", "more"))), Article("r2", "Kitten", "A kitten")],
            CacheTime = 30,
            NextOffset = "2",
        }));
        var results = Assert.IsType<T.Messages.BotResults>(await BotsHarness.ResultAsync(pending, call));
        Assert.Equal(query.QueryId, results.QueryId);
        Assert.Equal("2", results.NextOffset);
        Assert.Equal(30, results.CacheTime);
        Assert.False(results.Gallery);
        Assert.Equal(["r1", "r2"], results.Results.Cast<T.BotInlineResult>().Select(r => r.Id));
        var first = results.Results.Cast<T.BotInlineResult>().First();
        Assert.Equal("article", first.Type);
        Assert.Equal("Cat", first.Title);
        Assert.Equal("about Cat", first.Description);
        var message = Assert.IsType<T.BotInlineMessageText>(first.SendMessage);
        Assert.Equal("A cat", message.Message);
        Assert.IsType<T.ReplyInlineMarkup>(message.ReplyMarkup);
        Assert.Contains(results.Users, u => u is T.User { Id: var id } && id == bot.UserId);
        Assert.Equal("QUERY_ID_INVALID", h.Fail(bot, new M.SetInlineBotResults { QueryId = query.QueryId, Results = [], CacheTime = 0 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public async Task ASentResultIsAMessageViaTheBotWithItsKeyboard()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bob = h.Login("9996622222", "Bob");
        var carol = h.Login("9996623333", "Carol");
        var bot = h.LoginBot("7000001:tok", "Finder", "finder_bot", inlinePlaceholder: "Search...");
        var call = Query(h, alice, bot.UserId, h.PeerUser(alice, bob.UserId), "cats");
        var pending = h.Start(alice, call);
        var queryId = Assert.Single(bot.Pushed<T.UpdateBotInlineQuery>()).QueryId;
        h.Call(bot, new M.SetInlineBotResults { QueryId = queryId, Results = [Article("r1", "Cat", "A **cat**", BotsHarness.Callbacks(("More", "more")))], CacheTime = 0 });
        await BotsHarness.ResultAsync(pending, call);
        bob.Sink.Clear();

        var sent = Assert.IsType<T.UpdatesConstructor>(h.Call(alice, new M.SendInlineBotResult { Peer = h.PeerUser(alice, bob.UserId), QueryId = queryId, Id = "r1", RandomId = 42 }));
        Assert.Equal(42, sent.Updates.OfType<T.UpdateMessageID>().Single().RandomId);
        var own = Assert.IsType<T.Message>(sent.Updates.OfType<T.UpdateNewMessage>().Single().Message);
        Assert.Equal(bot.UserId, own.ViaBotId);
        Assert.Equal("A **cat**", own.MessageValue);
        Assert.IsType<T.ReplyInlineMarkup>(own.ReplyMarkup);
        Assert.Contains(sent.Users, u => u is T.User { Id: var id } && id == bot.UserId);

        var pushed = Assert.IsType<T.UpdatesConstructor>(Assert.Single(bob.Sink.Pushes));
        var bobs = Assert.IsType<T.Message>(pushed.Updates.OfType<T.UpdateNewMessage>().Single().Message);
        Assert.Equal(bot.UserId, bobs.ViaBotId);
        Assert.Equal(alice.UserId, Assert.IsType<T.PeerUser>(bobs.PeerId).UserId);
        Assert.Contains(pushed.Users, u => u is T.User { Id: var id } && id == bot.UserId);
        var history = Assert.IsType<T.Messages.Messages>(h.Call(bob, new M.GetHistory { Peer = h.PeerUser(bob, alice.UserId), Limit = 1 }));
        Assert.Equal(bot.UserId, Assert.IsType<T.Message>(Assert.Single(history.MessagesValue)).ViaBotId);
        Assert.Contains(history.Users, u => u is T.User { Id: var id } && id == bot.UserId);

        Assert.Equal("RESULT_ID_INVALID", h.Fail(alice, new M.SendInlineBotResult { Peer = h.PeerUser(alice, bob.UserId), QueryId = queryId, Id = "r9", RandomId = 43 }).RawMessage);
        Assert.Equal("QUERY_ID_INVALID", h.Fail(alice, new M.SendInlineBotResult { Peer = h.PeerUser(alice, bob.UserId), QueryId = queryId + 1, Id = "r1", RandomId = 44 }).RawMessage);
        // Only the user who asked may send the results.
        Assert.Equal("QUERY_ID_INVALID", h.Fail(carol, new M.SendInlineBotResult { Peer = h.PeerUser(carol, bob.UserId), QueryId = queryId, Id = "r1", RandomId = 45 }).RawMessage);
        Assert.Equal("QUERY_ID_EMPTY", h.Fail(alice, new M.SendInlineBotResult { Peer = h.PeerUser(alice, bob.UserId), QueryId = 0, Id = "r1", RandomId = 46 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public async Task ABotThatDoesNotAnswerAnInlineQueryInTimeGivesBotResponseTimeout()
    {
        var h = new WorldHarness(o => o with { BotResponseTimeout = TimeSpan.FromSeconds(2) });
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Finder", "finder_bot", inlinePlaceholder: "Search...");
        var pending = h.Start(alice, Query(h, alice, bot.UserId, h.PeerUser(alice, bot.UserId), "slow"));
        var query = Assert.Single(bot.Pushed<T.UpdateBotInlineQuery>());
        Assert.IsType<T.InlineQueryPeerTypeSameBotPM>(query.PeerType);
        h.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("BOT_RESPONSE_TIMEOUT", (await BotsHarness.ErrorAsync(pending)).RawMessage);
        Assert.Equal("QUERY_ID_INVALID", h.Fail(bot, new M.SetInlineBotResults { QueryId = query.QueryId, Results = [Article("a", "A", "a")], CacheTime = 0 }).RawMessage);
        h.AssertClean();
    }

    [Fact]
    public void ABotWithoutInlineModeOrAUserIsRefusedAtOnce()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bob = h.Login("9996622222", "Bob");
        var bot = h.LoginBot("7000001:tok", "Plain", "plain_bot");
        Assert.Null(Assert.IsType<T.User>(Assert.Single(h.Call(alice, new U.GetUsers { Id = [h.InputUser(alice, bot.UserId)] }))).BotInlinePlaceholder);
        Assert.Equal("BOT_INLINE_DISABLED", h.Fail(alice, Query(h, alice, bot.UserId, h.PeerUser(alice, bob.UserId), "x")).RawMessage);
        Assert.Equal("BOT_INVALID", h.Fail(alice, Query(h, alice, bob.UserId, h.PeerUser(alice, bob.UserId), "x")).RawMessage);
        Assert.Equal("BOT_INVALID", h.Fail(alice, new M.GetInlineBotResults { Bot = new T.InputUser { UserId = bot.UserId, AccessHash = 1 }, Peer = new T.InputPeerSelf(), Query = "", Offset = "" }).RawMessage);
        Assert.Equal("USER_BOT_REQUIRED", h.Fail(alice, new M.SetInlineBotResults { QueryId = 1, Results = [], CacheTime = 0 }).RawMessage);
        Assert.Empty(bot.Pushed<T.UpdateBotInlineQuery>());

        // Turned on later, it answers.
        h.World.SetBotInlinePlaceholder(bot.UserId, "Type...");
        h.Start(alice, Query(h, alice, bot.UserId, new T.InputPeerSelf(), "x"));
        Assert.Single(bot.Pushed<T.UpdateBotInlineQuery>());
        h.AssertClean();
    }

    [Fact]
    public async Task BadResultsAreRefusedAndTheQueryStaysOpen()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Finder", "finder_bot", inlinePlaceholder: "Search...");
        var call = Query(h, alice, bot.UserId, new T.InputPeerSelf(), "q");
        var pending = h.Start(alice, call);
        var queryId = Assert.Single(bot.Pushed<T.UpdateBotInlineQuery>()).QueryId;
        string Refusal(params InputBotInlineResult[] results) =>
            h.Fail(bot, new M.SetInlineBotResults { QueryId = queryId, Results = results, CacheTime = 0 }).RawMessage;

        Assert.Equal("RESULT_ID_DUPLICATE", Refusal(Article("a", "A", "a"), Article("a", "B", "b")));
        Assert.Equal("RESULT_ID_EMPTY", Refusal(Article("", "A", "a")));
        Assert.Equal("ARTICLE_TITLE_EMPTY", Refusal(Article("a", "", "a")));
        Assert.Equal("RESULT_TYPE_INVALID", Refusal(new T.InputBotInlineResult { Id = "a", Type = "hologram", SendMessage = new T.InputBotInlineMessageText { Message = "a" } }));
        Assert.Equal("MESSAGE_EMPTY", Refusal(Article("a", "A", " ")));
        Assert.Equal("REPLY_MARKUP_INVALID", Refusal(Article("a", "A", "a", new T.ReplyKeyboardHide())));
        Assert.Equal("RESULTS_TOO_MUCH", Refusal([.. Enumerable.Range(0, 51).Select(i => (InputBotInlineResult)Article($"r{i}", "A", "a"))]));
        Assert.Equal("NEXT_OFFSET_INVALID", h.Fail(bot, new M.SetInlineBotResults { QueryId = queryId, Results = [], CacheTime = 0, NextOffset = new string('o', 65) }).RawMessage);
        Assert.False(pending.IsCompleted);

        h.Call(bot, new M.SetInlineBotResults { QueryId = queryId, Results = [], CacheTime = 0, Gallery = true });
        var results = Assert.IsType<T.Messages.BotResults>(await BotsHarness.ResultAsync(pending, call));
        Assert.Empty(results.Results);
        Assert.True(results.Gallery);
        Assert.Null(results.NextOffset);
        h.AssertClean();
    }
}
