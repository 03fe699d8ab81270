using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Telethon.Crypto;
using Telethon.TestServer.Client;
using Telethon.TestServer.Layers;
using Telethon.TestServer.Network;
using Telethon.Tl;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

// Load measurements of the test server on loopback, server and clients in this one process (so the
// figures include the clients' own crypto). Every loop is bounded in count and time. Prints one JSON
// line per scenario:
//   dotnet run -c Release --project benchmarks/Telethon.TestServer.Load -- [--connections 2000] [--seconds 10] [--pairs 20]
//       [--messages 500] [--layers 223,189] [--scenarios handshakes,connections,messages]
// With several layers the messages scenario runs once per layer, the clients speaking that layer on the wire (the
// server converts their requests, answers and pushes, and so do the clients), rounds alternating between layers, and
// a last line compares each layer's rate with the first one's.
var (parsed, exitCode) = Options.Parse(args);
if (parsed is not { } options)
    return exitCode;
var key = RsaPrivateKey.Generate();
await using var host = await TestServerHost.StartAsync(new TestServerOptions { RsaKey = key, DcCount = 2 });
var dc = host.Dcs.Single(d => d.Id == 2);

if (options.Scenarios.Contains("handshakes"))
    Print(await Handshakes(dc, host, options));
if (options.Scenarios.Contains("connections"))
    Print(await Connections(dc, host, options));
if (options.Scenarios.Contains("messages"))
{
    var rates = options.Layers.ToDictionary(l => l, _ => new List<double>());
    var round = 0;
    for (var r = 0; r < options.Rounds; r++)
    {
        foreach (var layer in options.Layers)
        {
            var result = await Messages(dc, host, options, layer, round++);
            rates[layer].Add((double)result["messages_per_s"]);
            Print(result);
        }
    }
    if (options.Layers.Length > 1)
    {
        var baseline = rates[options.Layers[0]].Average();
        var comparison = new Dictionary<string, object> { ["scenario"] = "layers", ["baseline_layer"] = options.Layers[0], ["rounds"] = options.Rounds };
        foreach (var layer in options.Layers)
        {
            comparison[$"messages_per_s_{layer}"] = Math.Round(rates[layer].Average(), 0);
            comparison[$"ratio_{layer}"] = Math.Round(rates[layer].Average() / baseline, 3);
        }
        Print(comparison);
    }
}
return 0;

static void Print(Dictionary<string, object> result) => Console.WriteLine(JsonSerializer.Serialize(result));

// Full auth-key exchanges (RSA + 2048-bit DH on both sides), a few at a time, for a fixed time.
static async Task<Dictionary<string, object>> Handshakes(DcEndpoint dc, TestServerHost host, Options options)
{
    var done = 0;
    var watch = Stopwatch.StartNew();
    var deadline = TimeSpan.FromSeconds(options.Seconds);
    var workers = Enumerable.Range(0, Environment.ProcessorCount * 2).Select(async _ =>
    {
        while (watch.Elapsed < deadline && Volatile.Read(ref done) < 100_000)
        {
            await using var client = await TestClient.ConnectAsync(dc, host.PublicKey);
            Interlocked.Increment(ref done);
        }
    });
    await Task.WhenAll(workers);
    return new() { ["scenario"] = "handshakes", ["handshakes"] = done, ["seconds"] = Math.Round(watch.Elapsed.TotalSeconds, 2), ["handshakes_per_s"] = Math.Round(done / watch.Elapsed.TotalSeconds, 1) };
}

// Connections held open at once: one auth key, a session per connection, one request each.
static async Task<Dictionary<string, object>> Connections(DcEndpoint dc, TestServerHost host, Options options)
{
    await using var first = await TestClient.ConnectAsync(dc, host.PublicKey);
    await first.InvokeAsync(new Fn.Help.GetNearestDc());
    GC.Collect();
    var before = Process.GetCurrentProcess().WorkingSet64;
    var clients = new List<TestClient>(options.Connections);
    var watch = Stopwatch.StartNew();
    string? stoppedBy = null;
    try
    {
        while (clients.Count < options.Connections && watch.Elapsed < TimeSpan.FromSeconds(options.Seconds * 6))
        {
            var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(50, options.Connections - clients.Count)).Select(async _ =>
            {
                var client = await TestClient.ConnectAsync(dc, host.PublicKey, key: first.Key);
                await client.InvokeAsync(new Fn.Help.GetNearestDc());
                return client;
            }));
            clients.AddRange(batch);
        }
    }
    catch (Exception e)
    {
        stoppedBy = e.GetType().Name + ": " + e.Message;
    }
    var opened = watch.Elapsed;
    // Every held connection still answers.
    var alive = (await Task.WhenAll(clients.Select(async c =>
    {
        try
        {
            await c.InvokeAsync(new Fn.Help.GetNearestDc(), TimeSpan.FromSeconds(30));
            return 1;
        }
        catch (Exception)
        {
            return 0;
        }
    }))).Sum();
    GC.Collect();
    var after = Process.GetCurrentProcess().WorkingSet64;
    var result = new Dictionary<string, object>
    {
        ["scenario"] = "connections",
        ["held"] = clients.Count,
        ["answering"] = alive,
        ["server_open_connections"] = host.OpenConnections,
        ["open_seconds"] = Math.Round(opened.TotalSeconds, 2),
        ["rss_mb"] = Math.Round(after / 1048576.0, 1),
        ["kb_per_connection_both_ends"] = clients.Count == 0 ? 0 : Math.Round((after - before) / 1024.0 / clients.Count, 1),
    };
    if (stoppedBy is not null)
        result["stopped_by"] = stoppedBy;
    foreach (var client in clients)
        await client.DisposeAsync();
    return result;
}

// Messages routed: pairs of signed-up accounts; each sender writes to its partner with a window of
// requests in flight; counted when the partner receives the push.
static async Task<Dictionary<string, object>> Messages(DcEndpoint dc, TestServerHost host, Options options, int layer, int round)
{
    var schema = layer == TlRegistry.Layer ? null : LayerCatalog.Packaged.Schema(layer);
    var pairs = new List<(TestClient From, TestClient To, Types.InputPeerUser Peer)>();
    for (var i = 0; i < options.Pairs; i++)
    {
        var a = await TestClient.ConnectAsync(dc, host.PublicKey, layer: schema);
        var b = await TestClient.ConnectAsync(dc, host.PublicKey, layer: schema);
        // Test numbers 99966 2 YYYY live on DC 2; each round signs up its own accounts.
        var aPhone = $"999662{1000 + (round * options.Pairs + i) * 2:0000}";
        var bPhone = $"999662{1001 + (round * options.Pairs + i) * 2:0000}";
        await SignUp(a, aPhone);
        var bUser = await SignUp(b, bPhone);
        var resolved = (Types.Contacts.ResolvedPeer)await a.InvokeAsync(new Fn.Contacts.ResolvePhone { Phone = bPhone });
        var seen = (Types.User)resolved.Users.Single();
        pairs.Add((a, b, new Types.InputPeerUser { UserId = seen.Id, AccessHash = seen.AccessHash!.Value }));
        _ = bUser;
    }
    var perPair = options.MessagesPerPair;
    var received = 0;
    var watch = Stopwatch.StartNew();
    var receivers = pairs.Select(async p =>
    {
        for (var n = 0; n < perPair; n++)
        {
            await p.To.NextUpdateAsync<Types.UpdateShortMessage>(timeout: TimeSpan.FromSeconds(60));
            Interlocked.Increment(ref received);
        }
    }).ToArray();
    var senders = pairs.Select(async p =>
    {
        const int window = 16;
        var inFlight = new List<Task>(window);
        for (var n = 0; n < perPair; n++)
        {
            inFlight.Add(p.From.InvokeAsync(new Fn.Messages.SendMessage { Peer = p.Peer, Message = $"message {n}", RandomId = n + 1 }, TimeSpan.FromSeconds(60)));
            if (inFlight.Count == window)
            {
                await Task.WhenAny(inFlight);
                inFlight.RemoveAll(t => t.IsCompleted);
            }
        }
        await Task.WhenAll(inFlight);
    }).ToArray();
    await Task.WhenAll(senders);
    await Task.WhenAll(receivers).WaitAsync(TimeSpan.FromSeconds(120));
    var elapsed = watch.Elapsed;
    foreach (var (from, to, _) in pairs)
    {
        await from.DisposeAsync();
        await to.DisposeAsync();
    }
    return new()
    {
        ["scenario"] = "messages",
        ["layer"] = layer,
        ["pairs"] = options.Pairs,
        ["messages"] = received,
        ["seconds"] = Math.Round(elapsed.TotalSeconds, 2),
        ["messages_per_s"] = Math.Round(received / elapsed.TotalSeconds, 0),
    };
}

static async Task<Types.User> SignUp(TestClient client, string phone)
{
    var code = (Types.Auth.SentCode)await client.InvokeAsync(new Fn.Auth.SendCode { PhoneNumber = phone, ApiId = 1, ApiHash = "h", Settings = new Types.CodeSettings() });
    await client.InvokeAsync(new Fn.Auth.SignIn { PhoneNumber = phone, PhoneCodeHash = code.PhoneCodeHash, PhoneCode = new string(phone[5], 5) });
    var auth = (Types.Auth.Authorization)await client.InvokeAsync(new Fn.Auth.SignUp { PhoneNumber = phone, PhoneCodeHash = code.PhoneCodeHash, FirstName = phone, LastName = "" });
    return (Types.User)auth.User;
}

internal sealed record Options(int Connections, double Seconds, int Pairs, int MessagesPerPair, int[] Layers, string[] Scenarios, int Rounds)
{
    private static readonly string[] KnownScenarios = ["handshakes", "connections", "messages"];

    /// <summary>The options of a command line, or null and the exit code when it asked for help or was wrong (the reason on stderr).</summary>
    public static (Options? Options, int ExitCode) Parse(string[] args)
    {
        var connections = Positive("--connections", 2000, "connections the connections scenario holds open");
        var seconds = new Option<double>("--seconds") { Description = "how long each timed scenario runs", DefaultValueFactory = _ => 10 };
        seconds.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && double.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var v) && !(v > 0 && v <= 3600))
                r.AddError("--seconds must be more than 0 and at most 3600");
        });
        var pairs = Positive("--pairs", 20, "user pairs in the messages scenario");
        var messages = Positive("--messages", 500, "messages each pair sends");
        var rounds = Positive("--rounds", 1, "rounds of the messages scenario (alternating layers)");
        var layers = new Option<int[]>("--layers")
        {
            Description = "comma-separated layers the clients speak in the messages scenario",
            DefaultValueFactory = _ => [TlRegistry.Layer],
            CustomParser = r =>
            {
                var values = new List<int>();
                foreach (var part in r.Tokens[0].Value.Split(','))
                {
                    if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var layer))
                    {
                        r.AddError($"--layers takes comma-separated layer numbers, not '{part}'");
                        return [];
                    }
                    values.Add(layer);
                }
                return [.. values];
            },
        };
        var scenarios = new Option<string[]>("--scenarios")
        {
            Description = "comma-separated scenarios: handshakes, connections, messages",
            DefaultValueFactory = _ => KnownScenarios,
            CustomParser = r =>
            {
                var names = r.Tokens[0].Value.Split(',');
                foreach (var name in names)
                {
                    if (!KnownScenarios.Contains(name))
                        r.AddError($"unknown scenario '{name}' (known: {string.Join(", ", KnownScenarios)})");
                }
                return names;
            },
        };
        var root = new RootCommand("Telethon.TestServer.Load: test server load on loopback, one JSON line per scenario")
        {
            connections, seconds, pairs, messages, layers, scenarios, rounds,
        };
        Options? options = null;
        root.SetAction(r => options = new Options(r.GetValue(connections), r.GetValue(seconds), r.GetValue(pairs), r.GetValue(messages),
            r.GetValue(layers)!, r.GetValue(scenarios)!, r.GetValue(rounds)));
        var exitCode = root.Parse(args).Invoke();
        return (options, exitCode);
    }

    private static Option<int> Positive(string name, int fallback, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.Validators.Add(r =>
        {
            if (r.Tokens.Count > 0 && int.TryParse(r.Tokens[0].Value, CultureInfo.InvariantCulture, out var v) && v < 1)
                r.AddError($"{name} must be at least 1");
        });
        return option;
    }
}
