using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Tests.Support;
using Telethon.Filters;
using Telethon.Model;
using Client = Telethon.Client;

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
        Assert.Equal(me.Id, (await bot.GetMeAsync())!.Id);
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
        Assert.Equal(TimeSpan.FromSeconds(60), carolToken.Timeout); // an existing account gets the code in the app, SMS later
        var carolResult = await carol.SignInAsync(carolToken, "44444");
        Assert.Equal("Carol", carolResult.User!.FirstName);
        Assert.Equal(carolResult.User.Id, (await carol.GetMeAsync())!.Id);
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
        var bobPeer = Peer.FromRaw(bobAsSeen.Users.Single())!;
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
        var botPeer = Peer.FromRaw(resolved.Users.Single())!;
        await alice.SendMessageAsync(botPeer, "first");
        await alice.SendMessageAsync(botPeer, "boom");
        await alice.SendMessageAsync(botPeer, "after");
        await WaitUntil(() => handled.Contains("after"));
        Assert.Equal(["first", "after"], handled.ToArray());
    }

    [Fact]
    public async Task InteractiveLoginAsksForWhatItNeedsAndSignOutForgetsTheUser()
    {
        await using var server = await EndToEndServer.StartAsync();
        var bob = server.Runtime().GetClient("bob", server.Options());
        await bob.ConnectAsync();
        var asked = new List<string>();
        var answers = new Queue<string>(["9996622222", "22222", "correct horse"]);
        var me = await bob.InteractiveLoginAsync(question =>
        {
            asked.Add(question);
            return Task.FromResult(answers.Dequeue());
        });
        Assert.Equal("Bob", me.FirstName);
        Assert.Equal(3, asked.Count);
        Assert.Contains("horse", asked[2]); // the hint
        Assert.True(await bob.IsAuthorizedAsync());

        await bob.SignOutAsync();
        Assert.False(await bob.IsAuthorizedAsync());
        Assert.Null(await bob.GetMeAsync()); // Telethon's get_me: None when signed out
        var refused = await Assert.ThrowsAsync<RpcError>(() => bob.InvokeAsync(new Telethon.Tl.Functions.Users.GetUsers { Id = [new Telethon.Tl.Types.InputUserSelf()] }));
        Assert.Equal(401, refused.Code);
    }

    [Fact]
    public async Task ABotAnswersAUserItHasNeverSeen()
    {
        // The bot learns the user from a short update (an id, no access hash): it fetches the difference to answer.
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var bot = runtime.GetClient("bot", server.Options());
        bot.On<NewMessage>(m => m.Message.ReplyAsync(m.Message.Text), new IncomingFilter());
        await bot.ConnectAsync();
        await bot.BotSignInAsync("7000001:AAtestsecret");

        var dave = runtime.GetClient("dave", server.Options());
        var echoes = new ConcurrentQueue<string>();
        dave.On<NewMessage>(m => { echoes.Enqueue(m.Message.Text); return Task.CompletedTask; }, new IncomingFilter());
        await dave.ConnectAsync();
        await dave.SignInAsync(await dave.RequestLoginCodeAsync("9996627777"), "22222", "Dave");
        var resolved = (Telethon.Tl.Types.Contacts.ResolvedPeer)await dave.InvokeAsync(new Telethon.Tl.Functions.Contacts.ResolveUsername { Username = "echo_bot" });
        var botPeer = Peer.FromRaw(resolved.Users.Single())!;
        await dave.SendMessageAsync(botPeer, "say it back");
        await WaitUntil(() => echoes.Contains("say it back"));
    }

    [Fact]
    public async Task ARestartedRuntimeWithCatchUpReceivesExactlyWhatItMissed()
    {
        await using var server = await EndToEndServer.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"telethon-e2e-{Guid.NewGuid():N}.db");
        try
        {
            var alice = server.Runtime().GetClient("alice", server.Options());
            await alice.ConnectAsync();
            await alice.SignInAsync(await alice.RequestLoginCodeAsync("9996621111"), "22222");
            var bobPeer = Peer.FromRaw(((Telethon.Tl.Types.Contacts.ResolvedPeer)await alice.InvokeAsync(
                new Telethon.Tl.Functions.Contacts.ResolveUsername { Username = "bobby" })).Users.Single())!;

            // Bob signs in on a runtime backed by a SQLite file, sees one message live, then goes offline.
            var live = new ConcurrentQueue<string>();
            var bob = server.Runtime(file).GetClient("bob", server.Options(catchUp: true));
            bob.On<NewMessage>(m => { live.Enqueue(m.Message.Text); return Task.CompletedTask; });
            await bob.ConnectAsync();
            var login = await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222");
            await bob.CheckPasswordAsync(login.PasswordToken!, "correct horse");
            await alice.SendMessageAsync(bobPeer, "while online");
            await WaitUntil(() => live.Contains("while online"));
            await bob.DisconnectAsync();

            for (var i = 1; i <= 3; i++)
                await alice.SendMessageAsync(bobPeer, $"missed {i}");

            // A new runtime on the same file resumes the session and catches up: the three, in order, once.
            var caught = new ConcurrentQueue<string>();
            var again = server.Runtime(file).GetClient("bob", server.Options(catchUp: true));
            again.On<NewMessage>(m => { caught.Enqueue(m.Message.Text); return Task.CompletedTask; });
            await again.ConnectAsync();
            Assert.True(await again.IsAuthorizedAsync());
            // A message sent after them arrives after them: once it is here, anything repeated would be too.
            await alice.SendMessageAsync(bobPeer, "after the restart");
            await WaitUntil(() => caught.Contains("after the restart"));
            Assert.Equal(["missed 1", "missed 2", "missed 3", "after the restart"], caught.ToArray());
            await again.DisconnectAsync();
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
                System.IO.File.Delete(f);
        }
    }

    [Fact]
    public async Task WithFaultsEveryDeliveredUpdateReachesTheHandlersOnceAndInOrder()
    {
        var faults = Telethon.TestServer.Config.TestServerConfig.Parse("""
            telethon.test-server.faults {
              seed = 11
              connection.drop-probability = 0.01
              updates { reorder-probability = 0.1, duplicate-probability = 0.1, withhold-probability = 0.05 }
              salt-rotation-interval = 2s
            }
            """).Faults;
        await using var server = await EndToEndServer.StartAsync(faults);
        var runtime = server.Runtime();
        var alice = runtime.GetClient("alice", server.Options());
        var bob = runtime.GetClient("bob", server.Options());
        var seen = new ConcurrentQueue<int>();
        var texts = new ConcurrentQueue<string>();
        bob.On<NewMessage>(m => { seen.Enqueue(m.Message.Id); texts.Enqueue(m.Message.Text); return Task.CompletedTask; }, new IncomingFilter());
        await alice.ConnectAsync();
        await bob.ConnectAsync();
        await alice.SignInAsync(await alice.RequestLoginCodeAsync("9996621111"), "22222");
        var login = await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222");
        var bobMe = await bob.CheckPasswordAsync(login.PasswordToken!, "correct horse");
        var bobPeer = Peer.FromRaw(((Telethon.Tl.Types.Contacts.ResolvedPeer)await alice.InvokeAsync(
            new Telethon.Tl.Functions.Contacts.ResolveUsername { Username = "bobby" })).Users.Single())!;

        // The server's record of what it delivered to Bob is the ground truth (the seed's own messages before).
        var truth = () => server.GroundTruth.Records
            .Where(r => r.Account == bobMe.Id && r.Kind == "updateNewMessage" && r.MessageId is not null)
            .Select(r => r.MessageId!.Value).ToArray();
        var before = truth().Length;

        const int count = 60;
        for (var i = 0; i < count; i++)
            await alice.SendMessageAsync(bobPeer, $"m{i}");

        // Under faults a push may be withheld until a later one shows the gap: the last messages (a sentinel last) are
        // followed by a catch-up, as a client does after a quiet spell. Once the sentinel is handled, every delivered
        // update must be there, once, in order.
        await alice.SendMessageAsync(bobPeer, "sentinel");
        bob.CatchUp();
        await WaitUntil(() => texts.Contains("sentinel"));
        Assert.Equal(count + 1, truth().Length - before);
        Assert.Equal(truth()[before..], seen.ToArray());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task AHundredAccountsInOneActorSystemLogInAndExchangeMessages()
    {
        await using var server = await EndToEndServer.StartAsync();
        var runtime = server.Runtime();
        var clients = new Client[100];
        var received = new ConcurrentDictionary<long, int>();
        var users = new Telethon.Model.User[clients.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, clients.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var client = runtime.GetClient($"u{i}", server.Options());
            client.On<NewMessage>(m => { received.AddOrUpdate(m.Context.SelfId!.Value, 1, (_, n) => n + 1); return Task.CompletedTask; }, new IncomingFilter());
            await client.ConnectAsync();
            var phone = $"999662{7000 + i:0000}";
            users[i] = (await client.SignInAsync(await client.RequestLoginCodeAsync(phone), "22222", $"U{i}")).User!;
            clients[i] = client;
        });

        // Each account writes to the next one.
        await Parallel.ForEachAsync(Enumerable.Range(0, clients.Length), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var next = (i + 1) % clients.Length;
            var resolved = (Telethon.Tl.Types.Contacts.ResolvedPeer)await clients[i].InvokeAsync(
                new Telethon.Tl.Functions.Contacts.ResolvePhone { Phone = $"999662{7000 + next:0000}" });
            await clients[i].SendMessageAsync(Peer.FromRaw(resolved.Users.Single())!, $"hello {next}");
        });
        await WaitUntil(() => received.Count == clients.Length);
        Assert.All(users, u => Assert.Equal(1, received[u.Id]));
    }

    internal static Task WaitUntil(Func<bool> condition) => Eventually.UntilAsync(condition, "the events to arrive");
}
