using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Telethon.TestServer.Network;
using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.Samples.Fleet;

/// <summary>
/// The crash scenario (<c>--crash-test</c>): an in-process test server, bots in a child process on a durable
/// session store with catch-up on, a steady message stream from test users to the bots, a SIGKILL of the child
/// part-way and a restart on the same store. Every new message the server delivered to a bot must be handled by
/// one of the child runs: a handler reports a message only once its work is done, so a runtime that saves its
/// update state before the handlers finish loses the messages in flight at the kill.
/// </summary>
public static class CrashTest
{
    /// <summary>The user id of bot 0 (a bot's id is its token's number, as on Telegram).</summary>
    public const long BotIdBase = 7_300_000;

    private const int SenderHomeDc = 2;

    /// <summary>The command line entry: runs the scenario, prints the JSON line, exits 1 when a message was lost.</summary>
    /// <param name="args">The command line (with <c>--crash-test</c>).</param>
    public static async Task<int> MainAsync(string[] args)
    {
        CrashTestOptions options;
        try
        {
            if (CrashTestOptions.Parse(args) is not { } read)
                return 0;
            options = read;
        }
        catch (ArgumentException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message}\n{CrashTestOptions.Usage}");
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        Action<string>? progress = options.JsonOnly ? null : line => Console.Error.WriteLine($"{DateTime.Now:HH:mm:ss} {line}");
        try
        {
            var result = await RunAsync(options, progress, cancel.Token);
            Console.WriteLine(result.ToJson());
            return result.Lost > 0 ? 1 : 0;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("crash test: cancelled");
            return 3;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            await Console.Error.WriteLineAsync($"crash test failed: {e.GetType().Name}: {e.Message}");
            return 3;
        }
    }

    /// <summary>Runs the scenario once.</summary>
    /// <param name="options">The scenario.</param>
    /// <param name="progress">Receives progress lines, or null.</param>
    /// <param name="cancellationToken">Stops the run (the child is killed).</param>
    /// <exception cref="InvalidOperationException">A child did not get ready (it exited, or sent no ready line).</exception>
    /// <exception cref="TimeoutException">A child took longer than <see cref="CrashTestOptions.ReadyTimeout"/> to get ready.</exception>
    public static async Task<CrashTestResult> RunAsync(CrashTestOptions options, Action<string>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var log = progress ?? (_ => { });
        var command = options.ChildCommand ?? CrashChildCommand.ForCurrentAssembly();
        var runId = Guid.NewGuid().ToString("N")[..12];
        var scratch = Path.Combine(Path.GetTempPath(), "telethon-crash-" + runId);
        Directory.CreateDirectory(scratch);
        try
        {
            return await RunInAsync(options, log, command, runId, scratch, cancellationToken);
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temp cleaning.
            }
        }
    }

    private static async Task<CrashTestResult> RunInAsync(CrashTestOptions options, Action<string> log, CrashChildCommand command, string runId, string scratch,
        CancellationToken cancellationToken)
    {
        var truth = new TimedGroundTruthLog();
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { DcCount = 3, GroundTruth = truth }, cancellationToken);
        var world = server.World;
        log($"test server: {string.Join(", ", server.Dcs.Select(d => $"dc{d.Id}={d.Host}:{d.Port}"))}");

        // The bots (the child signs them in with these tokens) and the users who write to them.
        var botIds = new long[options.Bots];
        for (var i = 0; i < options.Bots; i++)
            botIds[i] = world.CreateBot($"{BotIdBase + i}:crash{i}", $"Crash bot {i}", $"crash_bot_{i}");
        var senders = new long[options.Senders];
        var peers = new InputPeer[options.Senders][];
        for (var s = 0; s < options.Senders; s++)
        {
            senders[s] = world.CreateUser($"99966{SenderHomeDc}{8000 + s:0000}", $"Sender{s}");
            peers[s] = botIds.Select(b => (InputPeer)new T.InputPeerUser { UserId = b, AccessHash = world.AccessHash(senders[s], new PeerKey(PeerKind.User, b)) }).ToArray();
        }
        var botSet = botIds.ToHashSet();

        var keyFile = Path.Combine(scratch, "server-key.pem");
        await File.WriteAllTextAsync(keyFile, server.PublicKey.ToPem(), cancellationToken);
        var childArgs = new List<string> { "--crash-child" };
        foreach (var dc in server.Dcs)
            childArgs.AddRange(["--dc", $"{dc.Id}={dc.Host}:{dc.Port}"]);
        childArgs.AddRange(["--key-file", keyFile, "--run-id", runId, "--bots", Num(options.Bots), "--bot-base", Num(BotIdBase), "--handler-ms", Num(options.HandlerMs)]);
        var environment = new Dictionary<string, string>();
        if (options.PostgresConnectionString is { } postgres)
        {
            childArgs.Add("--postgres-from-environment");
            environment[CrashChild.PostgresVariable] = postgres;
        }
        else
        {
            childArgs.AddRange(["--sessions", Path.GetFullPath(options.SessionsFile ?? Path.Combine(scratch, "sessions.db"))]);
        }

        // What the children report: every (bot, message) line, per run, and when the last new one came.
        var counts = new ConcurrentDictionary<(long Bot, int Message), int>();
        var perRun = new[] { new ConcurrentDictionary<(long, int), byte>(), new ConcurrentDictionary<(long, int), byte>() };
        long lines = 0, lastNew = Stopwatch.GetTimestamp();
        Action<long, int> Handled(int run) => (bot, message) =>
        {
            var key = (bot, message);
            if (counts.AddOrUpdate(key, 1, (_, n) => n + 1) == 1)
                Interlocked.Exchange(ref lastNew, Stopwatch.GetTimestamp());
            perRun[run].TryAdd(key, 0);
            Interlocked.Increment(ref lines);
        };
        CrashChildProcess StartChild(int number)
        {
            log($"starting child {number}: {options.Bots} bots, {options.HandlerMs} ms handlers, {options.StoreName}");
            return CrashChildProcess.Start(command, childArgs, environment, number, Handled(number - 1), log);
        }

        long sent = 0, failures = 0;
        var restarts = 0;
        var resumed = 0;
        var cleanExit = false;
        long streamStart = 0, killAt = 0, restartReadyAt = 0;
        TimeSpan catchUp;
        using var stopStream = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task stream = Task.CompletedTask;
        CrashChildProcess? child = null;
        try
        {
            child = StartChild(1);
            await child.Ready.WaitAsync(options.ReadyTimeout, cancellationToken);
            log($"child 1 ready; streaming {options.Rate} messages/s from {options.Senders} users for {options.Duration.TotalSeconds:0.#} s, kill after {options.EffectiveKillAfter.TotalSeconds:0.#} s");

            // The stream: message n goes to bot n mod B, from the users in turn, at a steady rate, through the world
            // directly (it pushes each one to the bot's session at once).
            streamStart = Stopwatch.GetTimestamp();
            var streamToken = stopStream.Token;
            stream = Task.Run(async () =>
            {
                var maxMessages = (long)(options.Rate * options.Duration.TotalSeconds) + 1;
                for (long n = 0; !streamToken.IsCancellationRequested;)
                {
                    var elapsed = Stopwatch.GetElapsedTime(streamStart);
                    if (elapsed >= options.Duration)
                        break;
                    var due = Math.Min((long)(elapsed.TotalSeconds * options.Rate), maxMessages);
                    for (; n < due; n++)
                    {
                        var bot = (int)(n % options.Bots);
                        var sender = (int)(n / options.Bots % options.Senders);
                        try
                        {
                            world.SendMessage(new Caller(new SessionKey(SenderHomeDc, 0, 0), senders[sender]), peers[sender][bot], $"crash {n}", n + 1);
                            Interlocked.Increment(ref sent);
                        }
                        catch (RpcError)
                        {
                            Interlocked.Increment(ref failures);
                        }
                    }
                    try
                    {
                        await Task.Delay(5, streamToken);
                    }
                    catch (OperationCanceledException)
                    {
                        break;
                    }
                }
            }, CancellationToken.None);
            var ticker = Task.Run(async () =>
            {
                while (!stream.IsCompleted)
                {
                    await Task.WhenAny(stream, Task.Delay(1000, CancellationToken.None));
                    log($"{Stopwatch.GetElapsedTime(streamStart).TotalSeconds:0} s: sent {Interlocked.Read(ref sent)}, handled {counts.Count} ({Interlocked.Read(ref lines)} lines)");
                }
            }, CancellationToken.None);

            // The crash: SIGKILL, then the same program on the same store, while the stream goes on.
            await Task.Delay(options.EffectiveKillAfter, cancellationToken);
            killAt = Stopwatch.GetTimestamp();
            await child.KillAsync();
            child.Dispose();
            child = null;
            log($"child 1 killed after {Stopwatch.GetElapsedTime(streamStart, killAt).TotalSeconds:0.0} s ({perRun[0].Count} handled)");
            child = StartChild(2);
            restarts++;
            (_, resumed) = await child.Ready.WaitAsync(options.ReadyTimeout, cancellationToken);
            restartReadyAt = Stopwatch.GetTimestamp();
            log($"child 2 ready {Stopwatch.GetElapsedTime(killAt, restartReadyAt).TotalSeconds:0.0} s after the kill; {resumed} of {options.Bots} sessions resumed");
            await stream;
            await ticker;
            log($"stream done: {Interlocked.Read(ref sent)} sent; waiting for the handlers (at most {options.CatchUpTimeout.TotalSeconds:0} s)");

            // The catch-up: until every delivered message is handled, nothing new comes for a while, or the time is up.
            var streamEnd = Stopwatch.GetTimestamp();
            Interlocked.Exchange(ref lastNew, Math.Max(Interlocked.Read(ref lastNew), streamEnd));
            while (true)
            {
                var missing = Delivered(truth, botSet).Keys.Count(k => !counts.ContainsKey(k));
                if (missing == 0 || Stopwatch.GetElapsedTime(Interlocked.Read(ref lastNew)) >= options.QuietPeriod || Stopwatch.GetElapsedTime(streamEnd) >= options.CatchUpTimeout)
                {
                    log($"catch-up ends with {missing} unhandled");
                    break;
                }
                await Task.Delay(200, cancellationToken);
            }
            catchUp = Stopwatch.GetElapsedTime(streamEnd);
            cleanExit = await child.StopAsync(TimeSpan.FromSeconds(30));
            log($"child 2 {(cleanExit ? "stopped" : "did not stop in 30 s and was killed")}");
        }
        finally
        {
            await stopStream.CancelAsync();
            await Task.WhenAny(stream, Task.Delay(TimeSpan.FromSeconds(10), CancellationToken.None));
            if (child is not null)
            {
                await child.KillAsync();
                child.Dispose();
            }
        }

        var delivered = Delivered(truth, botSet);
        var lost = delivered.Where(d => !counts.ContainsKey(d.Key)).ToList();
        return new CrashTestResult
        {
            Truth = delivered.Count,
            Handled = counts.Count,
            Lost = lost.Count,
            Duplicated = counts.Values.Sum(n => n - 1),
            MaxDuplicatedPerBot = counts.GroupBy(c => c.Key.Bot).Select(g => g.Sum(c => c.Value - 1)).DefaultIfEmpty(0).Max(),
            Restarts = restarts,
            Bots = options.Bots,
            HandlerMs = options.HandlerMs,
            Store = options.StoreName,
            DurationSeconds = options.Duration.TotalSeconds,
            KillAfterSeconds = options.EffectiveKillAfter.TotalSeconds,
            Sent = Interlocked.Read(ref sent),
            SendFailures = Interlocked.Read(ref failures),
            HandledFirstRun = perRun[0].Count,
            HandledAfterRestart = perRun[1].Count,
            LostBeforeKill = lost.Count(l => l.Value < killAt),
            LostWhileDown = lost.Count(l => l.Value >= killAt && l.Value < restartReadyAt),
            LostAfterRestart = lost.Count(l => l.Value >= restartReadyAt),
            Unexpected = counts.Keys.Count(k => !delivered.ContainsKey(k)),
            ResumedSessions = resumed,
            CatchUpSeconds = catchUp.TotalSeconds,
            CleanExit = cleanExit,
        };
    }

    /// <summary>The new private messages the server delivered to the bots, by (bot, message id), with when each was delivered.</summary>
    private static Dictionary<(long Bot, int Message), long> Delivered(TimedGroundTruthLog truth, HashSet<long> bots)
    {
        var delivered = new Dictionary<(long, int), long>();
        foreach (var (record, timestamp) in truth.Since(0))
        {
            if (record.Kind == "updateNewMessage" && record.Channel is null && record.MessageId is { } id && bots.Contains(record.Account))
                delivered.TryAdd((record.Account, id), timestamp);
        }
        return delivered;
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);
}
