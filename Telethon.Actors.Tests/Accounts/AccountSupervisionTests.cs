using Telethon.Tests.EndToEnd;
using static Telethon.Tests.Accounts.AccountTesting;
using Fn = Telethon.Tl.Functions;

namespace Telethon.Tests.Accounts;

/// <summary>
/// Failures inside an account, against the test server: a failed child is stopped and made again from what the account
/// knows now (never restarted from its first props), and a failing account actor keeps its handlers and its session.
/// </summary>
public sealed class AccountSupervisionTests
{
    [Fact]
    public async Task A_failed_sender_is_made_again_with_the_key_the_session_holds_now()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        // The sender's first props had no key: a restart from them would make a new, signed-out key.
        var bot = runtime.GetClient("bot", server.Options());
        var seen = Record(bot);
        await bot.ConnectAsync();
        await bot.BotSignInAsync(BotToken);
        var keys = server.Host.AuthKeyCount;

        await KillAsync(await ChildAsync(runtime, "bot", "dc-2-"));

        Assert.True((await bot.GetMeAsync())!.IsBot);
        Assert.Equal(keys, server.Host.AuthKeyCount);
        var alice = await AliceAsync(runtime, server);
        await SendAndSettleAsync(alice, await ResolveAsync(alice, "echo_bot"), seen, "after the failure");
        Assert.Equal("after the failure", seen.First());
    }

    [Fact]
    public async Task Failed_update_handling_is_made_again_from_the_handled_watermark_and_misses_nothing()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var (bot, seen, alice, botPeer) = await BotHearingAliceAsync(runtime, server);

        await KillAsync(await ChildAsync(runtime, "bot", "updates-"));
        // Sent while update handling is being made again: the new updates actor catches up from the watermark.
        await alice.SendMessageAsync(botPeer, "during");
        await SendAndSettleAsync(alice, botPeer, seen, "after");

        var texts = seen.Where(t => !t.StartsWith("sentinel", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["before", "during", "after"], texts);
    }

    [Fact]
    public async Task A_failing_account_actor_keeps_its_handlers_and_its_session()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var (bot, seen, alice, botPeer) = await BotHearingAliceAsync(runtime, server);

        // The account's parent restarts it: everything is rebuilt from the journal, the handlers from their registry.
        var account = await AccountAsync(runtime, "bot");
        account.Tell(Akka.Actor.Kill.Instance, Akka.Actor.ActorRefs.NoSender);
        await SendAndSettleAsync(alice, botPeer, seen, "after");

        Assert.Contains("after", seen);
        Assert.True(await bot.IsAuthorizedAsync());
        Assert.True((await bot.GetMeAsync())!.IsBot);
    }

    [Fact]
    public async Task A_move_to_a_DC_without_an_address_fails_clearly_and_the_account_stays_where_it_is()
    {
        await using var server = await EndToEndServer.StartAsync();
        var options = server.Options();
        options = options with { DataCenters = options.DataCenters.Where(d => d.DcId != 4).ToArray() };
        var carol = server.Runtime().GetClient("carol", options);
        await carol.ConnectAsync();

        // Carol's number lives on DC 4 (PHONE_MIGRATE_4), which these options cannot reach.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => carol.RequestLoginCodeAsync("9996643333"));
        Assert.Contains("DC 4", error.Message, StringComparison.Ordinal);
        Assert.IsType<Telethon.Sender.MigrateRequiredException>(error.InnerException);

        Assert.IsType<global::Telethon.Tl.Types.Config>(await carol.InvokeAsync(new Fn.Help.GetConfig()));
        Assert.False(await carol.IsAuthorizedAsync());
        var alice = await carol.SignInAsync(await carol.RequestLoginCodeAsync(AlicePhone), "22222");
        Assert.Equal("Alice", alice.User!.FirstName);
    }
}
