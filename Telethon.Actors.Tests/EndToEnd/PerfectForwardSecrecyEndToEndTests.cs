using Telethon.Crypto;
using Telethon.Tests.Support;
using static Telethon.Tests.Accounts.AccountTesting;

namespace Telethon.Tests.EndToEnd;

/// <summary>
/// <see cref="ClientOptions.PerfectForwardSecrecy"/> through the whole runtime: the account signs in and talks over bound
/// temporary keys, its session stores the permanent key only, and a key that runs out is replaced without a request lost.
/// </summary>
public sealed class PerfectForwardSecrecyEndToEndTests
{
    [Fact]
    public async Task A_bot_signs_in_and_talks_over_temporary_keys_and_its_session_keeps_only_the_permanent_key()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var bot = runtime.GetClient("bot", server.Options() with { PerfectForwardSecrecy = true });
        var heard = Record(bot);
        await bot.ConnectAsync();
        var me = await bot.BotSignInAsync(BotToken);
        Assert.True(me.IsBot);

        // Alice (no PFS) writes to the bot; the bot answers her.
        var alice = await AliceAsync(runtime, server);
        var aliceHeard = Record(alice);
        await SendAndSettleAsync(alice, await ResolveAsync(alice, "echo_bot"), heard, "hello bot");
        Assert.Equal("hello bot", heard.First());
        await SendAndSettleAsync(bot, await ResolveAsync(bot, "alice"), aliceHeard, "hello Alice");
        Assert.Equal("hello Alice", aliceHeard.First());
        Assert.Equal(1, server.Host.World.AuthorizationCount(me.Id));
        await bot.DisconnectAsync();

        // The session holds one key, the permanent one: the server knows it as such and has a temporary key bound to it.
        var stored = await StoredSessionAsync(runtime, "bot");
        var key = Assert.Single(stored.AuthKeys);
        Assert.False(key.Temporary);
        var keyId = new AuthKey(key.Key.AsSpan()).Id;
        Assert.False(server.Host.IsTemporaryKey(2, keyId));
        var bound = Assert.IsType<long>(server.Host.BoundTemporaryKey(2, keyId));
        Assert.True(server.Host.IsTemporaryKey(2, bound));
        Assert.Equal(me.Id, stored.User!.Id);

        // Connected again from the stored session, the account is still signed in: a new temporary key acts for the same key.
        await bot.ConnectAsync();
        Assert.Equal(me.Id, (await bot.GetMeAsync())!.Id);
        var next = Assert.IsType<long>(server.Host.BoundTemporaryKey(2, keyId));
        Assert.NotEqual(bound, next);
        Assert.Equal(1, server.Host.World.AuthorizationCount(me.Id));
        Assert.Single((await StoredSessionAfterStopAsync(runtime, bot)).AuthKeys, k => !k.Temporary);
    }

    private static async Task<Telethon.Session.SessionData> StoredSessionAfterStopAsync(Telethon.Hosting.TelethonRuntime runtime, Client client)
    {
        await client.DisconnectAsync();
        return await StoredSessionAsync(runtime, "bot");
    }

    [Fact]
    public async Task Short_lived_temporary_keys_are_replaced_while_requests_go_on()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        // A new key every two seconds or so (half of four): the lifetime is short here to see renewals within the test.
        var bot = runtime.GetClient("bot", server.Options() with { PerfectForwardSecrecy = true, TemporaryKeyLifetime = TimeSpan.FromSeconds(4) });
        await bot.ConnectAsync();
        var me = await bot.BotSignInAsync(BotToken);
        var heard = Record(bot);
        var alice = await AliceAsync(runtime, server);
        var aliceHeard = Record(alice);
        await SendAndSettleAsync(alice, await ResolveAsync(alice, "echo_bot"), heard, "hello bot");
        var alicePeer = await ResolveAsync(bot, "alice");
        var bindings = server.Host.TemporaryKeyBindings;

        // Requests one after the other until the key has been replaced: each is answered, none is lost.
        var sent = new List<string>();
        await Eventually.UntilAsync(async () =>
        {
            var text = $"message {sent.Count}";
            await bot.SendMessageAsync(alicePeer, text);
            sent.Add(text);
            Assert.Equal(me.Id, (await bot.GetMeAsync())!.Id);
            return server.Host.TemporaryKeyBindings > bindings;
        }, "the temporary key to be replaced");
        await SendAndSettleAsync(bot, alicePeer, aliceHeard, "after the new key");
        Assert.Equal([.. sent, "after the new key"], aliceHeard.Where(t => !t.StartsWith("sentinel", StringComparison.Ordinal)));
        Assert.Equal(1, server.Host.World.AuthorizationCount(me.Id));
    }
}
