using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Filters;
using Telethon.TestServer.Config;
using Telethon.Tests.EndToEnd;
using Telethon.Tests.Support;
using static Telethon.Tests.Accounts.AccountTesting;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Accounts;

/// <summary>
/// The account actor as the one owner of its account, against the test server: every request takes its path, whoever
/// makes it, and what a result changes (a sign-in, the account's own updates, a move to another DC) is seen there.
/// </summary>
public sealed class AccountOwnershipTests
{
    [Fact]
    public async Task A_raw_auth_call_signs_the_account_in_and_its_updates_start()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var bot = runtime.GetClient("bot", server.Options());
        var seen = Record(bot);
        await bot.ConnectAsync();

        var result = await bot.InvokeAsync(new Fn.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "test", BotAuthToken = BotToken });
        Assert.IsType<TlTypes.Auth.Authorization>(result);
        Assert.True(await bot.IsAuthorizedAsync());

        var alice = await AliceAsync(runtime, server);
        await SendAndSettleAsync(alice, await ResolveAsync(alice, "echo_bot"), seen, "hello bot");
        Assert.Equal("hello bot", seen.First());
    }

    [Fact]
    public async Task The_same_key_always_gives_the_same_client()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var first = runtime.GetClient("bot", server.Options());
        var second = runtime.GetClient("bot", server.Options() with { RequestTimeout = TimeSpan.FromSeconds(5) });
        Assert.Same(first, second);
        Assert.Same(first, runtime.GetClient("bot", server.Options()));

        await first.ConnectAsync();
        Assert.True(second.Connected);
        await second.BotSignInAsync(BotToken);
        Assert.True(await first.IsAuthorizedAsync());
    }

    [Fact]
    public async Task Concurrent_connects_and_disconnects_leave_one_working_account()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var bot = runtime.GetClient("bot", server.Options());
        await bot.ConnectAsync();
        await bot.BotSignInAsync(BotToken);

        for (var round = 0; round < 5; round++)
        {
            await Task.WhenAll(bot.ConnectAsync(), bot.DisconnectAsync(), bot.ConnectAsync(), bot.ConnectAsync());
            await bot.ConnectAsync();
            Assert.True(bot.Connected);
            Assert.True(await bot.IsAuthorizedAsync());
        }
        Assert.True((await bot.GetMeAsync())!.IsBot);
    }

    [Fact]
    public async Task Handlers_added_while_connecting_see_every_event_once()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var first = runtime.GetClient("bot", server.Options());
        await first.ConnectAsync();
        await first.BotSignInAsync(BotToken);
        await first.DisconnectAsync();

        var seen = new ConcurrentQueue<string>();
        var connecting = first.ConnectAsync();
        first.On<NewMessage>(m => { seen.Enqueue(m.Message.Text); return Task.CompletedTask; }, Filter.Incoming);
        await connecting;

        var alice = await AliceAsync(runtime, server);
        await SendAndSettleAsync(alice, await ResolveAsync(alice, "echo_bot"), seen, "one", "two");
        Assert.Equal(["one", "two"], seen.Take(2));
        Assert.Equal(3, seen.Count);
    }

    [Fact]
    public async Task The_account_s_own_Updates_move_the_state_it_persists()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var alice = await AliceAsync(runtime, server);
        var me = (await alice.GetMeAsync())!;
        var bob = await ResolveAsync(alice, "bobby");
        for (var i = 0; i < 5; i++)
            await alice.SendMessageAsync(bob, $"m{i}");
        await alice.DisconnectAsync();

        // The result of each sendMessage carried Alice's new pts; the account applied it without any push.
        var serverPts = server.GroundTruth.Records.Where(r => r.Account == me.Id && r.Channel is null).Max(r => r.Pts);
        Assert.Equal(serverPts, (await StoredSessionAsync(runtime, "alice")).UpdateState!.Pts);
    }

    [Fact]
    public async Task A_signed_in_account_that_Telegram_moves_follows_with_its_authorization()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();

        // Carol lives on DC 4. Her authorization is exported to DC 2 and imported there by a second session, raw: that
        // session believes DC 2 is home, and Telegram sends its requests on (USER_MIGRATE_4).
        var carol = runtime.GetClient("carol", server.Options());
        await carol.ConnectAsync();
        await carol.SignInAsync(await carol.RequestLoginCodeAsync("9996643333"), "44444");
        var exported = (TlTypes.Auth.ExportedAuthorization)await carol.InvokeAsync(new Fn.Auth.ExportAuthorization { DcId = 2 });

        var moved = runtime.GetClient("carol-elsewhere", server.Options());
        moved.AddEventHandler<NewMessage>(async m =>
        {
            await m.Message.ReplyAsync("got " + m.Message.Text);
            return global::Telethon.Handlers.HandlerResult.Continue;
        }, Filter.Incoming & Filter.Text("^ping"));
        var seen = Record(moved);
        await moved.ConnectAsync();
        await moved.InvokeAsync(new Fn.Auth.ImportAuthorization { Id = exported.Id, Bytes = exported.Bytes });

        // The updates actor's first request, the facade's and a handler's reply all take the account's one path.
        var alice = await AliceAsync(runtime, server);
        var aliceSeen = Record(alice);
        var carolPeer = await ResolvePhoneAsync(alice, "9996643333");
        await SendAndSettleAsync(alice, carolPeer, seen, "ping 1");
        await Eventually.UntilAsync(() => aliceSeen.Contains("got ping 1"), "the handler's reply");
        var aliceAsSeen = await ResolveAsync(moved, "alice");
        await SendAndSettleAsync(moved, aliceAsSeen, aliceSeen, "from the moved session");

        Assert.True(await moved.IsAuthorizedAsync());
        Assert.Equal((await carol.GetMeAsync())!.Id, (await moved.GetMeAsync())!.Id);
        await moved.DisconnectAsync();
        var stored = await StoredSessionAsync(runtime, "carol-elsewhere");
        Assert.Equal(4, stored.HomeDcId);
        Assert.Equal(4, stored.User!.DcId);
        Assert.NotNull(stored.GetAuthKey(4));
    }

    [Fact]
    public async Task Updates_Telegram_declares_gone_reach_the_handlers_as_UpdatesLost()
    {
        await using var server = await EndToEndServer.StartAsync(world: w => w with { DifferenceTooLong = 5 });
        var runtime = server.Runtime();
        var bob = runtime.GetClient("bob", server.Options(catchUp: true));
        var lost = new ConcurrentQueue<UpdatesLost>();
        bob.On<UpdatesLost>(e => { lost.Enqueue(e); return Task.CompletedTask; });
        await bob.ConnectAsync();
        var login = await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222");
        await bob.CheckPasswordAsync(login.PasswordToken!, "correct horse");
        await bob.DisconnectAsync();

        var alice = await AliceAsync(runtime, server);
        var bobPeer = await ResolveAsync(alice, "bobby");
        for (var i = 0; i < 10; i++)
            await alice.SendMessageAsync(bobPeer, $"while away {i}");

        await bob.ConnectAsync();
        await Eventually.UntilAsync(() => !lost.IsEmpty, "an UpdatesLost event");
        var gone = lost.Single();
        Assert.Null(gone.Chat);
        Assert.True(gone.ServerPts > gone.LocalPts, gone.ToString());
    }

    [Fact]
    public async Task A_cancelled_request_ends_with_the_callers_token_and_the_account_goes_on()
    {
        await using var server = await EndToEndServer.StartAsync(new FaultOptions
        {
            Delay = new DelayOptions(1, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30), ["help.getConfig"]),
        });
        var bot = await BotAsync(server.Runtime(), server);
        using var cancel = new CancellationTokenSource();
        var call = bot.InvokeAsync(new Fn.Help.GetConfig(), cancel.Token);
        await cancel.CancelAsync();
        var canceled = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Equal(cancel.Token, canceled.CancellationToken);
        Assert.True((await bot.GetMeAsync())!.IsBot);
    }
}
