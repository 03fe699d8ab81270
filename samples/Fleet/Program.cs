using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Akka.Actor;
using Akka.Configuration;
using Telethon;
using Telethon.Connection;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Hosting;
using Telethon.Model;
using Telethon.Samples.Fleet;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.TestServer.World;

// The main job on the embedded default: an in-process test server and a fleet of accounts in one
// actor system. Users are paired and echo each other's pings; bots get messages from users. At the
// end, what the handlers saw is checked against the server's record of every update it delivered.
//   dotnet run --project samples/Fleet [-- --accounts 100 --duration 20 --faults FILE --sessions FILE|--postgres CONNSTRING --json]
// The crash scenario (CrashTest.cs) and its child process (CrashChild.cs) share this entry point.
switch (FleetOptions.ModeOf(args))
{
    case FleetMode.CrashTest:
        return await CrashTest.MainAsync(args);
    case FleetMode.CrashChild:
        return await CrashChild.RunAsync(args);
}

FleetOptions options;
try
{
    if (FleetOptions.Parse(args) is not { } read)
        return 0;
    options = read;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"{e.Message}\n{FleetOptions.Usage}");
    return 2;
}

void Progress(string line)
{
    if (!options.JsonOnly)
        Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
}

var truth = new MemoryGroundTruthLog();
var faults = options.FaultsFile is null ? FaultOptions.None : TestServerConfig.Load(options.FaultsFile).Faults;
await using var server = await TestServerHost.StartAsync(new TestServerOptions
{
    DcCount = 3,
    Config = new TestServerConfig { World = new WorldOptions { AllowBotAutocreate = true } },
    Faults = faults,
    GroundTruth = truth,
});
Progress($"test server: {string.Join(", ", server.Dcs.Select(d => $"dc{d.Id}={d.Host}:{d.Port}"))}");

var system = ActorSystem.Create("fleet", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")
    .WithFallback(options.PostgresConnectionString is { } postgres
        ? TelethonPersistence.PostgreSql(postgres)
        : TelethonRuntime.DefaultConfig(options.SessionsFile)));
var runtime = TelethonRuntime.Get(system);
var clientOptions = new ClientOptions
{
    ApiId = 1,
    ApiHash = "fleet",
    DataCenters = server.Dcs.Select(d => new DcAddress(d.Id, d.Host, d.Port)).ToArray(),
    ServerKeys = [server.PublicKey],
    InitialDataCenter = 2,
    RequestTimeout = TimeSpan.FromSeconds(30),
};

var userCount = Math.Max(2, options.Accounts / 2 / 2 * 2);
var botCount = options.Accounts - userCount;
var accounts = new List<Account>();
var seen = new ConcurrentDictionary<(long Account, int MessageId), int>();
var own = new ConcurrentDictionary<(long Account, int MessageId), byte>();
var latencies = new ConcurrentBag<double>();
long sent = 0, received = 0, failures = 0;

GC.Collect();
var rssBefore = Process.GetCurrentProcess().WorkingSet64;
var loginWatch = Stopwatch.StartNew();
using (var gate = new SemaphoreSlim(6))
{
    var logins = Enumerable.Range(0, userCount + botCount).Select(async i =>
    {
        await gate.WaitAsync();
        try
        {
            var isBot = i >= userCount;
            var client = runtime.GetClient(isBot ? $"bot{i - userCount}" : $"user{i}", clientOptions);
            await client.ConnectAsync();
            User me;
            if (isBot)
            {
                me = await client.BotSignInAsync($"{7_100_000 + i - userCount}:fleet{i}");
            }
            else
            {
                var dc = 1 + i % 3; // test numbers 99966XYYYY live on DC X: two in three start with a migration
                var phone = $"99966{dc}{i:0000}";
                var result = await client.SignInAsync(await client.RequestLoginCodeAsync(phone), new string((char)('0' + dc), 5), $"User{i}");
                me = result.User!;
            }
            var account = new Account(client, me, isBot, i < userCount ? $"99966{1 + i % 3}{i:0000}" : null);
            lock (accounts)
                accounts.Add(account);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref failures);
            Progress($"login {i} failed: {e.GetType().Name}: {e.Message}");
        }
        finally
        {
            gate.Release();
        }
    });
    await Task.WhenAll(logins);
}
GC.Collect();
var rssAfterLogin = Process.GetCurrentProcess().WorkingSet64;
var loginSeconds = loginWatch.Elapsed.TotalSeconds;
Progress($"{accounts.Count} of {userCount + botCount} accounts logged in in {loginWatch.Elapsed.TotalSeconds:F1} s");

var users = accounts.Where(a => !a.IsBot).OrderBy(a => a.Phone, StringComparer.Ordinal).ToList();
var bots = accounts.Where(a => a.IsBot).ToList();

// Every account counts what it receives; a user answers a partner's ping with an echo.
foreach (var account in accounts)
{
    var self = account;
    self.Client.On<NewMessage>(async e =>
    {
        seen.AddOrUpdate((self.Me.Id, e.Message.Id), 1, (_, n) => n + 1);
        Interlocked.Increment(ref received);
        // Pings carry the moment they were sent: the time to the recipient's handler is the update latency.
        var parts = e.Message.Text.Split(' ');
        if (parts.Length == 3 && parts[0] == "ping" && long.TryParse(parts[2], out var sentAt))
            latencies.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
        if (!self.IsBot && e.Message.Text.StartsWith("ping ", StringComparison.Ordinal))
        {
            var echo = await e.Message.RespondAsync("echo " + parts[1]);
            own.TryAdd((self.Me.Id, echo.Id), 0);
            Interlocked.Increment(ref sent);
        }
    }, new IncomingFilter());
}

// Pairs of users know each other (by phone) and each knows one bot (by username).
var pairs = new List<(Account From, Peer To, Peer Bot)>();
for (var i = 0; i + 1 < users.Count; i += 2)
{
    var (a, b) = (users[i], users[i + 1]);
    var bPeer = await ResolvePhoneAsync(a, b.Phone!);
    await ResolvePhoneAsync(b, a.Phone!);
    Peer? bot = null;
    if (bots.Count > 0 && bots[(i / 2) % bots.Count].Me.Username is { } botName)
    {
        bot = await a.Client.ResolveUsernameAsync(botName);
    }
    pairs.Add((a, bPeer, bot!));
}

// The echo scenario: each pair's first user pings its partner (one message in flight) and now and then its bot.
Progress($"echo scenario: {pairs.Count} pairs for {options.Duration.TotalSeconds:F0} s");
var runWatch = Stopwatch.StartNew();
using var stop = new CancellationTokenSource(options.Duration);
var progress = Task.Run(async () =>
{
    while (!stop.IsCancellationRequested)
    {
        try
        {
            await Task.Delay(1000, stop.Token);
        }
        catch (OperationCanceledException)
        {
            break;
        }
        Progress($"sent {Interlocked.Read(ref sent)}, received {Interlocked.Read(ref received)}");
    }
});
var senders = pairs.Select(async pair =>
{
    for (var n = 0; !stop.IsCancellationRequested && n < 100_000; n++)
    {
        try
        {
            var to = pair.Bot is not null && n % 10 == 9 ? pair.Bot : pair.To;
            var message = await pair.From.Client.SendMessageAsync(to, $"ping {n} {Stopwatch.GetTimestamp()}");
            own.TryAdd((pair.From.Me.Id, message.Id), 0);
            Interlocked.Increment(ref sent);
        }
        catch (Exception e) when (e is RpcError or TimeoutException)
        {
            Interlocked.Increment(ref failures);
        }
    }
}).ToArray();
await Task.WhenAll(senders);
await progress;
var elapsed = runWatch.Elapsed;

// An update withheld at the very end has no later update to reveal its gap: every account asks for
// its difference once, as a client does after a quiet spell, then the last pushes and echoes arrive:
// wait until nothing new comes for 2 s (at most 20 s).
await Task.Delay(1000);
foreach (var account in accounts)
    account.Client.CatchUp();
var quietSince = Interlocked.Read(ref received);
for (var waited = 0; waited < 20; waited += 2)
{
    await Task.Delay(2000);
    var now = Interlocked.Read(ref received);
    if (now == quietSince)
        break;
    quietSince = now;
}

// Every new private message the server delivered to an account, except its own copies, must have reached
// that account's handlers exactly once.
var expected = truth.Records
    .Where(r => r.Kind == "updateNewMessage" && r.Channel is null && r.MessageId is not null)
    .Select(r => (r.Account, MessageId: r.MessageId!.Value))
    .Where(k => !own.ContainsKey(k))
    .ToHashSet();
var lost = expected.Count(k => !seen.ContainsKey(k));
var duplicated = seen.Values.Sum(n => n - 1);
var rss = Process.GetCurrentProcess().WorkingSet64;

foreach (var account in accounts)
    await account.Client.DisconnectAsync();
await system.Terminate();

var summary = new Dictionary<string, object>
{
    ["accounts"] = userCount + botCount,
    ["logged_in"] = accounts.Count,
    ["messages_sent"] = Interlocked.Read(ref sent),
    ["updates_received"] = Interlocked.Read(ref received),
    ["lost"] = lost,
    ["duplicated"] = duplicated,
    ["rss_mb"] = Math.Round(rss / 1048576.0, 1),
    ["kb_per_account"] = accounts.Count == 0 ? 0 : Math.Round((rssAfterLogin - rssBefore) / 1024.0 / accounts.Count, 1),
    ["messages_per_s"] = Math.Round(Interlocked.Read(ref sent) / elapsed.TotalSeconds, 1),
    ["failed_requests"] = Interlocked.Read(ref failures),
    ["logins_per_s"] = Math.Round(accounts.Count / loginSeconds, 1),
    ["update_latency_p50_ms"] = Percentile(latencies, 0.50),
    ["update_latency_p99_ms"] = Percentile(latencies, 0.99),
};
Console.WriteLine(JsonSerializer.Serialize(summary));
return lost == 0 && duplicated == 0 && accounts.Count == userCount + botCount ? 0 : 1;

static double Percentile(IEnumerable<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))], 2);
}

static Task<Peer> ResolvePhoneAsync(Account account, string phone) => account.Client.ResolvePhoneAsync(phone);

internal sealed record Account(Client Client, User Me, bool IsBot, string? Phone);
