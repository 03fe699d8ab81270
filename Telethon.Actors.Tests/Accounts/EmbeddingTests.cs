using System.Collections.Concurrent;
using Akka.Actor;
using Telethon.Embedding;
using Telethon.Events;
using Telethon.Hosting;
using Telethon.Tests.EndToEnd;
using Telethon.Tests.Support;
using static Telethon.Tests.Accounts.AccountTesting;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Accounts;

/// <summary>An application's own actor system hosts an account actor and talks to it with the Telethon.Embedding messages only.</summary>
public sealed class EmbeddingTests : Akka.TestKit.Xunit2.TestKit
{
    public EmbeddingTests()
        : base(Akka.Configuration.ConfigurationFactory.ParseString("akka.loglevel = WARNING").WithFallback(TelethonPersistence.InMemory()))
    {
    }

    [Fact]
    public async Task An_embedded_account_answers_requests_runs_handlers_and_stops_cleanly()
    {
        await using var server = await EndToEndServer.StartAsync();
        var handlers = new HandlerRegistry();
        var texts = new ConcurrentQueue<string>();
        handlers.Add<NewMessage>(m => { texts.Enqueue(m.Message.Text); return Task.CompletedTask; }, global::Telethon.Filters.Filter.Incoming);
        var account = Sys.ActorOf(AccountProps.Create("embedded-bot", server.Options(), handlers), "my-bot");

        var status = await account.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30));
        Assert.Equal((2, null), (status.HomeDc, status.User));

        var id = Guid.NewGuid();
        account.Tell(new AccountRequest(id, new Fn.Auth.ImportBotAuthorization { ApiId = 1, ApiHash = "test", BotAuthToken = BotToken }));
        var signedIn = ExpectMsg<AccountResult>(TimeSpan.FromSeconds(30));
        Assert.Equal(id, signedIn.Id);
        Assert.IsType<TlTypes.Auth.Authorization>(signedIn.Value);
        Assert.True((await account.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30))).User!.Bot);

        var refused = Guid.NewGuid();
        account.Tell(new AccountRequest(refused, new Fn.Contacts.ResolveUsername { Username = "nobody_is_called_this" }));
        var failure = ExpectMsg<AccountFailure>(TimeSpan.FromSeconds(30));
        Assert.Equal(refused, failure.Id);
        Assert.IsAssignableFrom<RpcError>(failure.Cause);

        var alice = await AliceAsync(server.Runtime(), server);
        await alice.SendMessageAsync(await ResolveAsync(alice, "echo_bot"), "to the embedded bot");
        await Eventually.UntilAsync(() => texts.Contains("to the embedded bot"), "the embedded bot's handler");

        Watch(account);
        account.Tell(StopAccount.Instance);
        ExpectMsg<AccountStopped>(TimeSpan.FromSeconds(30));
        ExpectTerminated(account, TimeSpan.FromSeconds(30));
    }
}
