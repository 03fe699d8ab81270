using System.Text;
using Telethon.TestServer.World;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>messages.getBotCallbackAnswer / setBotCallbackAnswer and updateBotCallbackQuery, against Telegram's rules.</summary>
public sealed class BotsCallbackTests
{
    private static byte[] Bytes(string s) => Encoding.UTF8.GetBytes(s);

    // The bot sends Alice a message with two callback buttons; returns Alice's id of it and the bot's.
    private static (int AliceId, int BotId) SendMenu(WorldHarness h, TestSession bot, TestSession alice)
    {
        var sent = Assert.IsType<T.UpdatesConstructor>(h.Call(bot, new M.SendMessage
        {
            Peer = h.PeerUser(bot, alice.UserId),
            Message = "Pick one",
            RandomId = 77,
            ReplyMarkup = BotsHarness.Callbacks(("Yes", "yes"), ("No", "no")),
        }));
        var own = Assert.IsType<T.Message>(sent.Updates.OfType<T.UpdateNewMessage>().Single().Message);
        var pushed = Assert.IsType<T.Message>(alice.Pushed<T.UpdateNewMessage>().Last().Message);
        return (pushed.Id, own.Id);
    }

    [Fact]
    public async Task TheBotsAnswerEndsTheUsersCall()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        var (aliceId, botMessageId) = SendMenu(h, bot, alice);

        var call = new M.GetBotCallbackAnswer { Peer = h.PeerUser(alice, bot.UserId), MsgId = aliceId, Data = Bytes("yes") };
        var pending = h.Start(alice, call);
        Assert.False(pending.IsCompleted);

        var query = Assert.Single(bot.Pushed<T.UpdateBotCallbackQuery>());
        Assert.Equal(alice.UserId, query.UserId);
        Assert.Equal(botMessageId, query.MsgId);
        Assert.Equal(alice.UserId, Assert.IsType<T.PeerUser>(query.Peer).UserId);
        Assert.Equal(Bytes("yes"), query.Data);
        Assert.NotEqual(0, query.ChatInstance);
        var container = bot.Sink.Pushes.OfType<T.UpdatesConstructor>().Single(u => u.Updates.Any(x => x is T.UpdateBotCallbackQuery));
        Assert.Equal(0, container.Seq);
        Assert.Contains(container.Users, u => u is T.User { Id: var id } && id == alice.UserId);
        Assert.Contains(h.Truth.Records, r => r.Account == bot.UserId && r.Kind == "updateBotCallbackQuery" && r.MessageId == botMessageId && r.Pts == 0);

        Assert.True(h.Call(bot, new M.SetBotCallbackAnswer { QueryId = query.QueryId, Message = "You said yes", Alert = true, CacheTime = 5 }));
        var answer = Assert.IsType<T.Messages.BotCallbackAnswer>(await BotsHarness.ResultAsync(pending, call));
        Assert.Equal("You said yes", answer.Message);
        Assert.True(answer.Alert);
        Assert.False(answer.HasUrl);
        Assert.Equal(5, answer.CacheTime);

        // A query is answered once.
        Assert.Equal("QUERY_ID_INVALID", h.Fail(bot, new M.SetBotCallbackAnswer { QueryId = query.QueryId, CacheTime = 0 }).RawMessage);
        Assert.Equal(0, h.World.Bots.PendingCount);
        h.AssertClean();
    }

    [Fact]
    public async Task ABotThatDoesNotAnswerInTimeGivesBotResponseTimeout()
    {
        var h = new WorldHarness(o => o with { BotResponseTimeout = TimeSpan.FromSeconds(3) });
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        var (aliceId, _) = SendMenu(h, bot, alice);

        var pending = h.Start(alice, new M.GetBotCallbackAnswer { Peer = h.PeerUser(alice, bot.UserId), MsgId = aliceId, Data = Bytes("no") });
        h.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(pending.IsCompleted);
        h.Time.Advance(TimeSpan.FromSeconds(1));
        var error = await BotsHarness.ErrorAsync(pending);
        Assert.Equal(400, error.Code);
        Assert.Equal("BOT_RESPONSE_TIMEOUT", error.RawMessage);

        // The late answer finds no query.
        var query = Assert.Single(bot.Pushed<T.UpdateBotCallbackQuery>());
        Assert.Equal("QUERY_ID_INVALID", h.Fail(bot, new M.SetBotCallbackAnswer { QueryId = query.QueryId, CacheTime = 0 }).RawMessage);
        Assert.Equal(0, h.World.Bots.PendingCount);
        h.AssertClean();
    }

    [Fact]
    public void ACallbackNeedsTheMessageAndAButtonWithExactlyThatData()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bob = h.Login("9996622222", "Bob");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        var (aliceId, _) = SendMenu(h, bot, alice);
        var botPeer = h.PeerUser(alice, bot.UserId);

        Assert.Equal("DATA_INVALID", h.Fail(alice, new M.GetBotCallbackAnswer { Peer = botPeer, MsgId = aliceId, Data = Bytes("maybe") }).RawMessage);
        Assert.Equal("DATA_INVALID", h.Fail(alice, new M.GetBotCallbackAnswer { Peer = botPeer, MsgId = aliceId, Data = Bytes("ye") }).RawMessage);
        Assert.Equal("DATA_INVALID", h.Fail(alice, new M.GetBotCallbackAnswer { Peer = botPeer, MsgId = aliceId }).RawMessage);
        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(alice, new M.GetBotCallbackAnswer { Peer = botPeer, MsgId = 999, Data = Bytes("yes") }).RawMessage);
        // The message exists, but in another chat than the one named.
        h.Send(bob, h.PeerUser(bob, alice.UserId), "hi");
        Assert.Equal("MESSAGE_ID_INVALID", h.Fail(alice, new M.GetBotCallbackAnswer { Peer = h.PeerUser(alice, bob.UserId), MsgId = aliceId, Data = Bytes("yes") }).RawMessage);
        // A message without a keyboard.
        var plain = alice.Sink.Pushes.OfType<T.UpdateShortMessage>().Single().Id;
        Assert.Equal("DATA_INVALID", h.Fail(alice, new M.GetBotCallbackAnswer { Peer = h.PeerUser(alice, bob.UserId), MsgId = plain, Data = Bytes("yes") }).RawMessage);
        // Who may call which side.
        Assert.Equal("USER_BOT_REQUIRED", h.Fail(alice, new M.SetBotCallbackAnswer { QueryId = 1, CacheTime = 0 }).RawMessage);
        Assert.Equal("BOT_METHOD_INVALID", h.Fail(bot, new M.GetBotCallbackAnswer { Peer = h.PeerUser(bot, alice.UserId), MsgId = 1, Data = Bytes("yes") }).RawMessage);
        Assert.Equal("QUERY_ID_INVALID", h.Fail(bot, new M.SetBotCallbackAnswer { QueryId = 12345, CacheTime = 0 }).RawMessage);

        Assert.Empty(bot.Pushed<T.UpdateBotCallbackQuery>());
        Assert.Equal(0, h.World.Bots.PendingCount);
        h.AssertClean();
    }

    [Fact]
    public async Task ACallbackInAChannelReachesThePostingBot()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        var channelId = h.World.CreateChannel(alice.UserId, "News", broadcast: true, memberIds: [bot.UserId]);
        h.World.PromoteToAdmin(channelId, bot.UserId);
        var sent = Assert.IsType<T.UpdatesConstructor>(h.Call(bot, new M.SendMessage
        {
            Peer = h.PeerChannel(bot, channelId),
            Message = "Vote",
            RandomId = 5,
            ReplyMarkup = BotsHarness.Callbacks(("Up", "up")),
        }));
        var post = Assert.IsType<T.Message>(sent.Updates.OfType<T.UpdateNewChannelMessage>().Single().Message);
        var seen = Assert.IsType<T.Message>(alice.Pushed<T.UpdateNewChannelMessage>().Single(u => u.Message is T.Message { Id: var id } && id == post.Id).Message);
        Assert.IsType<T.ReplyInlineMarkup>(seen.ReplyMarkup);

        var call = new M.GetBotCallbackAnswer { Peer = h.PeerChannel(alice, channelId), MsgId = post.Id, Data = Bytes("up") };
        var pending = h.Start(alice, call);
        var query = Assert.Single(bot.Pushed<T.UpdateBotCallbackQuery>());
        Assert.Equal(channelId, Assert.IsType<T.PeerChannel>(query.Peer).ChannelId);
        Assert.Equal(post.Id, query.MsgId);
        h.Call(bot, new M.SetBotCallbackAnswer { QueryId = query.QueryId, Url = "https://example.org/vote", CacheTime = 0 });
        var answer = Assert.IsType<T.Messages.BotCallbackAnswer>(await BotsHarness.ResultAsync(pending, call));
        Assert.True(answer.HasUrl);
        Assert.Equal("https://example.org/vote", answer.Url);
        h.AssertClean();
    }
}
