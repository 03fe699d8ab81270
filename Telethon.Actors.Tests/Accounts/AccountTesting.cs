using System.Collections.Concurrent;
using Akka.Actor;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Hosting;
using Telethon.Model;
using Telethon.Session;
using Telethon.Tests.EndToEnd;
using Telethon.Tests.Support;

namespace Telethon.Tests.Accounts;

/// <summary>Shared steps of the account tests: sign-ins from the sample world, peers, the account's children, messages.</summary>
internal static class AccountTesting
{
    public const string BotToken = "7000001:AAtestsecret";
    public const string AlicePhone = "9996621111";

    public static async Task<Client> BotAsync(TelethonRuntime runtime, EndToEndServer server, string key = "bot", ClientOptions? options = null)
    {
        var bot = runtime.GetClient(key, options ?? server.Options());
        await bot.ConnectAsync();
        await bot.BotSignInAsync(BotToken);
        return bot;
    }

    public static async Task<Client> AliceAsync(TelethonRuntime runtime, EndToEndServer server)
    {
        var alice = runtime.GetClient("alice", server.Options());
        await alice.ConnectAsync();
        await alice.SignInAsync(await alice.RequestLoginCodeAsync(AlicePhone), "22222");
        return alice;
    }

    public static async Task<Peer> ResolveAsync(Client client, string username)
    {
        var resolved = (global::Telethon.Tl.Types.Contacts.ResolvedPeer)await client.InvokeAsync(new global::Telethon.Tl.Functions.Contacts.ResolveUsername { Username = username });
        return Peer.FromRaw(resolved.Users.Single())!;
    }

    public static async Task<Peer> ResolvePhoneAsync(Client client, string phone)
    {
        var resolved = (global::Telethon.Tl.Types.Contacts.ResolvedPeer)await client.InvokeAsync(new global::Telethon.Tl.Functions.Contacts.ResolvePhone { Phone = phone });
        return Peer.FromRaw(resolved.Users.Single())!;
    }

    /// <summary>The bot, signed in, recording what it gets; Alice, signed in, who has just had a first message through to it.</summary>
    public static async Task<(Client Bot, ConcurrentQueue<string> Seen, Client Alice, Peer BotPeer)> BotHearingAliceAsync(
        TelethonRuntime runtime, EndToEndServer server)
    {
        var bot = runtime.GetClient("bot", server.Options());
        var seen = Record(bot);
        await BotAsync(runtime, server);
        var alice = await AliceAsync(runtime, server);
        var botPeer = await ResolveAsync(alice, "echo_bot");
        await SendAndSettleAsync(alice, botPeer, seen, "before");
        return (bot, seen, alice, botPeer);
    }

    /// <summary>Collects the texts of incoming messages, in order.</summary>
    public static ConcurrentQueue<string> Record(Client client)
    {
        var texts = new ConcurrentQueue<string>();
        client.On<NewMessage>(m => { texts.Enqueue(m.Message.Text); return Task.CompletedTask; }, Filter.Incoming);
        return texts;
    }

    /// <summary>Sends the texts in order, then a sentinel, and waits for the sentinel: everything before it has arrived.</summary>
    public static async Task SendAndSettleAsync(Client from, Peer to, ConcurrentQueue<string> seen, params string[] texts)
    {
        foreach (var text in texts)
            await from.SendMessageAsync(to, text);
        var sentinel = "sentinel " + Guid.NewGuid().ToString("N")[..8];
        await from.SendMessageAsync(to, sentinel);
        await Eventually.UntilAsync(() => seen.Contains(sentinel), $"'{sentinel}' to arrive");
    }

    /// <summary>The child of account <paramref name="key"/> whose name starts with <paramref name="prefix"/>.</summary>
    public static async Task<IActorRef> ChildAsync(TelethonRuntime runtime, string key, string prefix)
    {
        IActorRef? child = null;
        await Eventually.UntilAsync(async () =>
        {
            var identity = await runtime.System.ActorSelection($"/user/telethon/account-{key}/{prefix}*")
                .Ask<ActorIdentity>(new Identify(prefix), TimeSpan.FromSeconds(5));
            child = identity.Subject;
            return child is not null;
        }, $"the {prefix} child of account {key}");
        return child!;
    }

    /// <summary>The account actor of <paramref name="key"/>.</summary>
    public static async Task<IActorRef> AccountAsync(TelethonRuntime runtime, string key)
    {
        var identity = await runtime.System.ActorSelection($"/user/telethon/account-{key}")
            .Ask<ActorIdentity>(new Identify(key), TimeSpan.FromSeconds(5));
        return identity.Subject ?? throw new InvalidOperationException($"account {key} is not running");
    }

    /// <summary>Kills <paramref name="actor"/> (it fails with ActorKilledException) and waits until it is gone.</summary>
    public static async Task KillAsync(IActorRef actor)
    {
        var gone = actor.WatchAsync();
        actor.Tell(Kill.Instance);
        await gone;
    }

    /// <summary>The session of <paramref name="key"/> as its journal holds it, read by a new session actor (the account is stopped).</summary>
    public static Task<SessionData> StoredSessionAsync(TelethonRuntime runtime, string key) =>
        runtime.System.ActorOf(SessionActor.Props(key)).Ask<SessionData>(GetSessionData.Instance, TimeSpan.FromSeconds(30));
}
