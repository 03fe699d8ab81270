using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Model;

namespace Telethon.Tests.EndToEnd;

/// <summary>The whole runtime (client facade, account actors, senders, updates, handlers, sessions) against the test server.</summary>
public sealed class ClientEndToEndTests
{
    [Fact]
    public async Task BotSignsInWithItsToken()
    {
        await using var server = await EndToEndServer.StartAsync();
        var bot = server.Runtime().GetClient("bot", server.Options());
        await bot.ConnectAsync();
        Assert.False(await bot.IsAuthorizedAsync());
        var me = await bot.BotSignInAsync("7000001:AAtestsecret");
        Assert.True(me.IsBot);
        Assert.Equal("echo_bot", me.Username);
        Assert.True(await bot.IsAuthorizedAsync());
        Assert.Equal(me.Id, (await bot.GetMeAsync()).Id);
        await bot.DisconnectAsync();
    }

    [Fact]
    public async Task UsersSignInByCodeWithPasswordAndAcrossDcs()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();

        // A new number signs up; Bob needs his password; Carol lives on DC 4 (PHONE_MIGRATE from DC 2).
        var dave = runtime.GetClient("dave", server.Options());
        await dave.ConnectAsync();
        var daveResult = await dave.SignInAsync(await dave.RequestLoginCodeAsync("9996625555"), "22222", "Dave");
        Assert.Equal("Dave", daveResult.User!.FirstName);

        var bob = runtime.GetClient("bob", server.Options());
        await bob.ConnectAsync();
        var bobResult = await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222");
        Assert.True(bobResult.NeedsPassword);
        Assert.Equal("horse", bobResult.PasswordToken!.Hint);
        var wrong = await Assert.ThrowsAsync<RpcError>(() => bob.CheckPasswordAsync(bobResult.PasswordToken, "nope"));
        Assert.Equal("PASSWORD_HASH_INVALID", wrong.Name);
        var bobUser = await bob.CheckPasswordAsync((await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222")).PasswordToken!, "correct horse");
        Assert.Equal("Bob", bobUser.FirstName);

        var carol = runtime.GetClient("carol", server.Options());
        await carol.ConnectAsync();
        var carolToken = await carol.RequestLoginCodeAsync("9996643333");
        var carolResult = await carol.SignInAsync(carolToken, "44444");
        Assert.Equal("Carol", carolResult.User!.FirstName);
        Assert.Equal(carolResult.User.Id, (await carol.GetMeAsync()).Id);
    }

    [Fact]
    public async Task TwoAccountsExchangeMessagesAndSeeNewMessageEvents()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var alice = runtime.GetClient("alice", server.Options());
        var bob = runtime.GetClient("bob", server.Options());
        await alice.ConnectAsync();
        await bob.ConnectAsync();
        await alice.SignInAsync(await alice.RequestLoginCodeAsync("9996621111"), "22222");
        var bobLogin = await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222");
        var bobMe = await bob.CheckPasswordAsync(bobLogin.PasswordToken!, "correct horse");

        var seenByBob = new ConcurrentQueue<NewMessage>();
        var seenByAlice = new ConcurrentQueue<NewMessage>();
        bob.On<NewMessage>(m => { seenByBob.Enqueue(m); return Task.CompletedTask; }, new IncomingFilter());
        alice.On<NewMessage>(async m =>
        {
            seenByAlice.Enqueue(m);
            await m.Message.ReplyAsync("pong: " + m.Message.Text);
        }, new IncomingFilter());

        // Each knows the other (resolving puts the peer and its access hash in the account's entity cache).
        await bob.InvokeAsync(new Telethon.Tl.Functions.Contacts.ResolveUsername { Username = "alice" });
        var bobAsSeen = (Telethon.Tl.Types.Contacts.ResolvedPeer)await alice.InvokeAsync(new Telethon.Tl.Functions.Contacts.ResolveUsername { Username = "bobby" });
        var bobPeer = Telethon.Updates.EntityCache.FromTl(bobAsSeen.Users.Single())!;
        var sent = await alice.SendMessageAsync(bobPeer, "hello Bob");
        Assert.True(sent.Id > 0);

        await WaitUntil(() => seenByBob.Any(m => m.Message.Text == "hello Bob"));
        var atBob = seenByBob.Single(m => m.Message.Text == "hello Bob");
        Assert.True(atBob.Message.IsIncoming);

        // Bob answers on the event; Alice's handler replies on hers.
        await atBob.Message.RespondAsync("ping");
        await WaitUntil(() => seenByBob.Any(m => m.Message.Text == "pong: ping"));
        Assert.Single(seenByAlice, m => m.Message.Text == "ping");
        Assert.Equal(bobMe.Id, seenByAlice.Single().Message.Sender?.Id ?? seenByAlice.Single().Message.Chat.Id);
    }

    [Fact]
    public async Task AThrowingHandlerDoesNotStopLaterEvents()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var alice = runtime.GetClient("alice", server.Options());
        var bot = runtime.GetClient("bot", server.Options());
        await alice.ConnectAsync();
        await bot.ConnectAsync();
        await alice.SignInAsync(await alice.RequestLoginCodeAsync("9996621111"), "22222");
        await bot.BotSignInAsync("7000001:AAtestsecret");

        var handled = new ConcurrentQueue<string>();
        bot.On<NewMessage>(m =>
        {
            if (m.Message.Text == "boom")
                throw new InvalidOperationException("a handler bug");
            handled.Enqueue(m.Message.Text);
            return Task.CompletedTask;
        });
        var resolved = (Telethon.Tl.Types.Contacts.ResolvedPeer)await alice.InvokeAsync(new Telethon.Tl.Functions.Contacts.ResolveUsername { Username = "echo_bot" });
        var botPeer = Telethon.Updates.EntityCache.FromTl(resolved.Users.Single())!;
        await alice.SendMessageAsync(botPeer, "first");
        await alice.SendMessageAsync(botPeer, "boom");
        await alice.SendMessageAsync(botPeer, "after");
        await WaitUntil(() => handled.Contains("after"));
        Assert.Equal(["first", "after"], handled.ToArray());
    }

    internal static async Task WaitUntil(Func<bool> condition, double seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting");
            await Task.Delay(25);
        }
    }
}
