using Telethon.TestServer.Client;
using Telethon.TestServer.World;
using Telethon.Tests.TestServer.Network;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>A callback and an inline query over real loopback connections: the user's call waits while the connection goes on.</summary>
public sealed class BotsNetworkTests
{
    [Fact]
    public async Task AUsersCallbackAndInlineQueryWaitForTheBotOverTheWire()
    {
        await using var server = await RunningServer.StartAsync();
        var world = server.Host.World;
        var aliceId = world.CreateUser("9996621111", "Alice");
        var botId = world.CreateBot("7000001:AAsecret", "Menu", "menu_bot", dc: 2);
        world.SetBotInlinePlaceholder(botId, "Search...");
        await using var alice = await server.ConnectAsync(dc: 2);
        await using var bot = await server.ConnectAsync(dc: 2);
        var code = Assert.IsType<Types.Auth.SentCode>(await alice.InvokeAsync(new Fn.Auth.SendCode
        {
            PhoneNumber = "9996621111", ApiId = 1, ApiHash = "hash", Settings = new Types.CodeSettings(),
        }));
        await alice.InvokeAsync(new Fn.Auth.SignIn { PhoneNumber = "9996621111", PhoneCodeHash = code.PhoneCodeHash, PhoneCode = "22222" });
        await bot.InvokeAsync(new Fn.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "h", BotAuthToken = "7000001:AAsecret" });
        await alice.InvokeAsync(new Fn.Updates.GetState());
        await bot.InvokeAsync(new Fn.Updates.GetState());

        // The bot's keyboard reaches Alice in full updates.
        await bot.InvokeAsync(new Fn.Messages.SendMessage
        {
            Peer = new Types.InputPeerUser { UserId = aliceId, AccessHash = world.AccessHash(botId, new PeerKey(PeerKind.User, aliceId)) },
            Message = "Pick",
            RandomId = 1,
            ReplyMarkup = BotsHarness.Callbacks(("Yes", "yes")),
        });
        var pushed = await alice.NextUpdateAsync<Types.UpdatesConstructor>(u => u.Updates.Any(x => x is Types.UpdateNewMessage));
        var menu = Assert.IsType<Types.Message>(pushed.Updates.OfType<Types.UpdateNewMessage>().Single().Message);
        Assert.IsType<Types.ReplyInlineMarkup>(menu.ReplyMarkup);
        var botPeer = new Types.InputPeerUser { UserId = botId, AccessHash = world.AccessHash(aliceId, new PeerKey(PeerKind.User, botId)) };

        // Alice presses the button; while her call waits, the same connection answers her other requests.
        var click = alice.InvokeAsync(new Fn.Messages.GetBotCallbackAnswer { Peer = botPeer, MsgId = menu.Id, Data = "yes"u8.ToArray() });
        var queryPush = await bot.NextUpdateAsync<Types.UpdatesConstructor>(u => u.Updates.Any(x => x is Types.UpdateBotCallbackQuery));
        var query = queryPush.Updates.OfType<Types.UpdateBotCallbackQuery>().Single();
        Assert.Equal(aliceId, query.UserId);
        Assert.False(click.IsCompleted);
        Assert.IsType<Types.NearestDc>(await alice.InvokeAsync(new Fn.Help.GetNearestDc()));
        Assert.False(click.IsCompleted);
        Assert.True(await bot.InvokeAsync(new Fn.Messages.SetBotCallbackAnswer { QueryId = query.QueryId, Message = "Noted", CacheTime = 0 }));
        var answer = Assert.IsType<Types.Messages.BotCallbackAnswer>(await click);
        Assert.Equal("Noted", answer.Message);

        // An inline query, answered, then sent via the bot.
        var ask = alice.InvokeAsync(new Fn.Messages.GetInlineBotResults
        {
            Bot = new Types.InputUser { UserId = botId, AccessHash = botPeer.AccessHash }, Peer = new Types.InputPeerSelf(), Query = "hi", Offset = "",
        });
        var inlinePush = await bot.NextUpdateAsync<Types.UpdatesConstructor>(u => u.Updates.Any(x => x is Types.UpdateBotInlineQuery));
        var inline = inlinePush.Updates.OfType<Types.UpdateBotInlineQuery>().Single();
        Assert.Equal("hi", inline.Query);
        await bot.InvokeAsync(new Fn.Messages.SetInlineBotResults
        {
            QueryId = inline.QueryId,
            CacheTime = 0,
            Results = [new Types.InputBotInlineResult { Id = "1", Type = "article", Title = "Hello", SendMessage = new Types.InputBotInlineMessageText { Message = "Hello!" } }],
        });
        var results = Assert.IsType<Types.Messages.BotResults>(await ask);
        Assert.Equal("1", Assert.IsType<Types.BotInlineResult>(Assert.Single(results.Results)).Id);
        var sent = Assert.IsType<Types.UpdatesConstructor>(await alice.InvokeAsync(new Fn.Messages.SendInlineBotResult
        {
            Peer = new Types.InputPeerSelf(), QueryId = results.QueryId, Id = "1", RandomId = 2,
        }));
        Assert.Equal(botId, Assert.IsType<Types.Message>(sent.Updates.OfType<Types.UpdateNewMessage>().Single().Message).ViaBotId);
        Assert.Equal(0, server.Host.Dispatcher.InternalErrorCount);
    }
}
