using Akka.Persistence;
using Akka.Persistence.TestKit;
using Telethon.Hosting;
using Telethon.Session;
using Telethon.Tests.EndToEnd;
using Telethon.Tests.Persistence;
using Telethon.Tests.Support;
using static Telethon.Tests.Accounts.AccountTesting;

namespace Telethon.Tests.Accounts;

/// <summary>
/// Journal failures injected with Akka.Persistence.TestKit under a whole account against the test server: a failed
/// write, a rejected write and a failed recovery. The session actor stops on each; the account makes it again from the
/// journal and sends again what it had not acknowledged, so no fact is lost: the auth key, the sign-in, the home DC, the
/// peers and the handled update state.
/// </summary>
public sealed class AccountJournalFailureTests
{
    private static ITestJournal Journal(TelethonRuntime runtime) =>
        TestJournal.FromRef(Akka.Persistence.Persistence.Instance.Apply(runtime.System).JournalFor(null));

    /// <summary>Alice writes to the bot; the bot stops; every fact it should have is read back from the journal.</summary>
    private static async Task AssertNothingLostAsync(EndToEndServer server, TelethonRuntime runtime, Client bot)
    {
        var seen = Record(bot);
        var alice = await AliceAsync(runtime, server);
        await SendAndSettleAsync(alice, await ResolveAsync(alice, "echo_bot"), seen, "remember me");
        var me = (await bot.GetMeAsync())!;
        await bot.DisconnectAsync();

        var stored = await StoredSessionAsync(runtime, "bot");
        Assert.Equal(2, stored.HomeDcId);
        Assert.NotNull(stored.GetAuthKey(2));
        Assert.Equal(me.Id, stored.User!.Id);
        Assert.Contains(stored.Peers.Values, p => p.Kind == PeerKind.User && p.Username == "alice");
        var handledPts = server.GroundTruth.Records.Where(r => r.Account == me.Id && r.Channel is null).Max(r => r.Pts);
        Assert.Equal(handledPts, stored.UpdateState!.Pts);

        // The stored key is the one the server signed in: a new connection on it is authorized at once.
        await bot.ConnectAsync();
        Assert.True(await bot.IsAuthorizedAsync());
        Assert.Equal(me.Id, (await bot.GetMeAsync())!.Id);
    }

    [Fact]
    public async Task A_failed_write_is_sent_again_and_no_fact_is_lost()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime(PersistenceTestSupport.TestJournalConfig);
        var failed = 0;
        await Journal(runtime).OnWrite.FailIf(p => p.Payload is SignedIn && Interlocked.Exchange(ref failed, 1) == 0);

        var bot = await BotAsync(runtime, server);
        Assert.Equal(1, failed);
        await AssertNothingLostAsync(server, runtime, bot);
    }

    [Fact]
    public async Task A_rejected_write_is_sent_again_and_no_fact_is_lost()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime(PersistenceTestSupport.TestJournalConfig);
        var rejected = 0;
        await Journal(runtime).OnWrite.RejectIf(p => p.Payload is AuthKeyCreated && Interlocked.Exchange(ref rejected, 1) == 0);

        var bot = await BotAsync(runtime, server);
        Assert.Equal(1, rejected);
        await AssertNothingLostAsync(server, runtime, bot);
    }

    [Fact]
    public async Task A_failed_recovery_is_tried_again_and_the_session_comes_back_whole()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime(PersistenceTestSupport.TestJournalConfig);
        var bot = await BotAsync(runtime, server);
        var me = (await bot.GetMeAsync())!;
        await bot.DisconnectAsync();

        var attempts = 0;
        await Journal(runtime).OnRecovery.FailIf(_ => Interlocked.Increment(ref attempts) == 1);
        await bot.ConnectAsync();
        Assert.True(attempts > 1, "recovery was not tried again");
        Assert.True(await bot.IsAuthorizedAsync());
        Assert.Equal(me.Id, (await bot.GetMeAsync())!.Id);
        await AssertNothingLostAsync(server, runtime, bot);
    }

    [Fact]
    public async Task A_new_auth_key_is_stored_before_the_sign_in_is_sent()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime(PersistenceTestSupport.TestJournalConfig);
        var journal = Journal(runtime);
        await journal.OnWrite.Fail();

        var bot = runtime.GetClient("bot", server.Options() with { RequestTimeout = TimeSpan.FromSeconds(2) });
        await bot.ConnectAsync();
        await Assert.ThrowsAsync<TimeoutException>(() => bot.BotSignInAsync(BotToken));
        // The exchange made a key on the server, but no request used it: the key could not be stored.
        Assert.Equal(1, server.Host.AuthKeyCount);
        Assert.Equal(0, server.Host.World.AuthorizationCount(7000001));

        await journal.OnWrite.Pass();
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await bot.BotSignInAsync(BotToken);
                return true;
            }
            catch (TimeoutException)
            {
                return false; // the session is still being made again
            }
        }, "the sign-in once the journal writes again");
        Assert.Equal(1, server.Host.World.AuthorizationCount(7000001));
        Assert.Equal(1, server.Host.AuthKeyCount);
    }
}
