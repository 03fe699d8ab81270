using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using Telethon.Connection;
using Telethon.Crypto;
using Telethon.Events;
using Telethon.Hosting;

namespace Telethon.Samples.Fleet;

/// <summary>
/// The child of the crash scenario (<c>--crash-child</c>, started by <see cref="CrashTest"/>): one runtime on the
/// given session store with catch-up on, N bots (signed in with their tokens on the first run, resumed from the store
/// later), each with a handler that works for a while and only then prints <c>handled &lt;bot&gt; &lt;message&gt;</c>.
/// Standard output carries only the protocol lines (<c>ready …</c>, <c>handled …</c>); everything else goes to
/// standard error. It stops cleanly when its standard input closes (so it ends with its parent) or on SIGTERM.
/// </summary>
internal static class CrashChild
{
    /// <summary>The environment variable that carries the PostgreSQL connection string (kept off the command line).</summary>
    public const string PostgresVariable = "TELETHON_CRASH_POSTGRES";

    private static readonly Lock StdoutGate = new();
    private static Stream _stdout = Stream.Null;

    public static async Task<int> RunAsync(string[] args)
    {
        // Protocol lines go straight to the stdout stream, one write each; Console.Out (Akka's logger too) goes to stderr.
        _stdout = Console.OpenStandardOutput();
        Console.SetOut(new StreamWriter(Console.OpenStandardError()) { AutoFlush = true });

        var dcOption = new Option<string[]>("--dc") { Description = "a DC of the test server as ID=HOST:PORT (repeatable)" };
        var keyFileOption = new Option<string?>("--key-file") { Description = "the server's public key (PEM)" };
        var sessionsOption = new Option<string?>("--sessions") { Description = "the SQLite session file" };
        var postgresOption = new Option<bool>("--postgres-from-environment") { Description = $"the PostgreSQL store named by {PostgresVariable}" };
        var runIdOption = new Option<string?>("--run-id") { Description = "the run this child belongs to" };
        var botsOption = new Option<int>("--bots") { Description = "how many bots, 1..500" };
        var botBaseOption = new Option<long>("--bot-base") { Description = "the user id of bot 0" };
        var handlerMsOption = new Option<int>("--handler-ms") { Description = "how long each handler works" };
        var root = new RootCommand("Fleet --crash-child: the crash scenario's child process (started by --crash-test)")
        {
            FleetCommandLine.Mode("--crash-child", "run as the crash scenario's child", hidden: true),
            dcOption, keyFileOption, sessionsOption, postgresOption, runIdOption, botsOption, botBaseOption, handlerMsOption,
        };
        if (FleetCommandLine.Parse(root, args) is not { } parsed)
            return 0;
        var dcs = new List<DcAddress>();
        foreach (var dc in parsed.GetValue(dcOption) ?? [])
        {
            var (id, endpoint) = dc.Split('=', 2) switch { [var a, var b] => (a, b), _ => throw new ArgumentException("--dc needs ID=HOST:PORT") };
            var colon = endpoint.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var dcId)
                || !int.TryParse(endpoint[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                throw new ArgumentException($"--dc needs ID=HOST:PORT, not '{dc}'");
            dcs.Add(new DcAddress(dcId, endpoint[..colon], port));
        }
        var keyFile = parsed.GetValue(keyFileOption);
        var sessions = parsed.GetValue(sessionsOption);
        var postgres = parsed.GetValue(postgresOption);
        var runId = parsed.GetValue(runIdOption);
        var bots = parsed.GetValue(botsOption);
        var botBase = parsed.GetValue(botBaseOption);
        var handlerMs = parsed.GetValue(handlerMsOption);
        if (dcs.Count == 0 || keyFile is null || runId is null || bots is < 1 or > 500 || botBase <= 0 || handlerMs < 0 || (sessions is null) == !postgres)
            throw new ArgumentException("the crash child needs --dc, --key-file, --run-id, --bots, --bot-base, --handler-ms and one store");

        using var stop = new CancellationTokenSource();
        // The parent closes stdin to stop the child, and a dead parent closes it too.
        _ = Task.Run(async () =>
        {
            var buffer = new byte[256];
            using var stdin = Console.OpenStandardInput();
            try
            {
                while (await stdin.ReadAsync(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
            }
            stop.Cancel();
        });
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

        var persistence = postgres
            ? TelethonPersistence.PostgreSql(Environment.GetEnvironmentVariable(PostgresVariable) ?? throw new ArgumentException($"{PostgresVariable} is not set"))
            : TelethonPersistence.Sqlite(sessions!);
        var system = ActorSystem.Create("crash", ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")
            .WithFallback(persistence));
        var runtime = TelethonRuntime.Get(system);
        var options = new ClientOptions
        {
            ApiId = 1,
            ApiHash = "crash",
            DataCenters = dcs,
            ServerKeys = [RsaPublicKey.FromPem(await File.ReadAllTextAsync(keyFile))],
            InitialDataCenter = 2,
            CatchUp = true,
            RequestTimeout = TimeSpan.FromSeconds(30),
        };

        var clients = new Client[bots];
        var resumed = 0;
        var exitCode = 0;
        try
        {
            using (var gate = new SemaphoreSlim(6))
            {
                await Task.WhenAll(Enumerable.Range(0, bots).Select(async i =>
                {
                    await gate.WaitAsync(stop.Token);
                    try
                    {
                        var botId = botBase + i;
                        var client = runtime.GetClient($"crash-{runId}-bot{i}", options);
                        // The handler goes in before connecting: the catch-up of a restart must find it.
                        client.On<NewMessage>(async e =>
                        {
                            if (handlerMs > 0)
                                await Task.Delay(handlerMs);
                            Emit($"handled {botId} {e.Message.Id}\n");
                        });
                        await client.ConnectAsync(stop.Token);
                        if (await client.IsAuthorizedAsync(stop.Token))
                            Interlocked.Increment(ref resumed);
                        else
                            await client.BotSignInAsync($"{botId}:crash{i}", stop.Token);
                        clients[i] = client;
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
            Emit($"ready {bots} {resumed}\n");
            await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Asked to stop while signing in.
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"crash child failed: {e.GetType().Name}: {e.Message}");
            exitCode = 3;
        }

        // A clean stop saves what is pending; bounded, so a stuck account cannot keep the child alive.
        var disconnects = clients.Where(c => c is not null).Select(c => c.DisconnectAsync());
        await Task.WhenAny(Task.WhenAll(disconnects), Task.Delay(TimeSpan.FromSeconds(20)));
        await Task.WhenAny(system.Terminate(), Task.Delay(TimeSpan.FromSeconds(10)));
        return exitCode;
    }

    /// <summary>Writes one protocol line in one write, flushed, so a kill never leaves half a line behind.</summary>
    private static void Emit(string line)
    {
        var bytes = Encoding.ASCII.GetBytes(line);
        lock (StdoutGate)
        {
            _stdout.Write(bytes);
            _stdout.Flush();
        }
    }
}
