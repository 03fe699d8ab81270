using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Telethon.TestServer.Config;
using Telethon.TestServer.Layers;
using Telethon.TestServer.Network;
using Telethon.TestServer.World;

namespace Telethon.TestServer;

/// <summary>
/// The test server as a program (also <c>telethon testserver</c>): starts the DCs, prints one JSON
/// line describing them, serves until standard input closes or SIGTERM/SIGINT arrives, and exits 0.
/// Logs go to standard error.
/// </summary>
public static class TestServerProgram
{
    /// <summary>What the program does, in one line.</summary>
    public const string Description = "a local MTProto test DC: prints its DCs and key as one JSON line, serves until stdin closes";

    /// <summary>Runs the program; returns the exit code (0 after a clean stop, 2 for bad arguments).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand($"testserver: {Description}");
        Configure(root, stdin, stdout, stderr);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await stderr.WriteLineAsync($"testserver: {error.Message}");
            await stderr.WriteLineAsync("usage: testserver [options] (--help lists them)");
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = stderr }, cancellationToken);
    }

    /// <summary>Adds the program's options to <paramref name="command"/> and makes serving its action (for <c>telethon testserver</c> too).</summary>
    public static void Configure(Command command, TextReader stdin, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(command);
        var host = new Option<string>("--host") { Description = "the address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--port") { Description = "the first DC's port (0: free ports)", DefaultValueFactory = _ => 0 };
        port.Validators.Add(result =>
        {
            if (NumberOf(result) is < 0 or > 65535)
                result.AddError("--port must be from 0 to 65535");
        });
        var dcs = new Option<int?>("--dcs") { Description = "how many DCs to run (default 3)" };
        dcs.Validators.Add(result =>
        {
            if (NumberOf(result) is < 1 or > 5)
                result.AddError("--dcs must be from 1 to 5");
        });
        var world = new Option<string?>("--world") { Description = "a HOCON file with the world (accounts, bots, files) and faults" };
        var faults = new Option<string?>("--faults") { Description = "a HOCON file whose faults replace the world file's" };
        var log = new Option<string?>("--log") { Description = "write the ground-truth log (JSON lines) to this file" };
        var key = new Option<string?>("--key") { Description = "the RSA key's PEM file (made when missing)" };
        // Another layer to serve, from Telegram's .tl text (its `// LAYER N` line names it).
        var schemas = new Option<string[]>("--schema") { Description = "a .tl file of another layer to serve (repeatable)" };
        foreach (var option in new Option[] { host, port, dcs, world, faults, log, key, schemas })
            command.Add(option);
        command.SetAction((parsed, cancellationToken) =>
        {
            var arguments = new Arguments(parsed.GetValue(host)!, parsed.GetValue(port), parsed.GetValue(dcs), parsed.GetValue(world),
                parsed.GetValue(faults), parsed.GetValue(log), parsed.GetValue(key), parsed.GetValue(schemas) ?? []);
            return ServeAsync(arguments, stdin, stdout, stderr, cancellationToken);
        });
    }

    // A number option's value when its text is one (else the parser reports the text itself).
    private static int? NumberOf(System.CommandLine.Parsing.OptionResult result) =>
        result.Tokens.Count == 1 && int.TryParse(result.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static async Task<int> ServeAsync(Arguments arguments, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        TestServerOptions options;
        JsonLinesGroundTruthLog? groundTruth = null;
        try
        {
            (options, groundTruth) = Build(arguments, stderr);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or Akka.Configuration.ConfigurationException)
        {
            await stderr.WriteLineAsync($"testserver: {e.Message}");
            return 2;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; stop.Cancel(); });
        using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; stop.Cancel(); });
        TestServerHost host;
        try
        {
            host = await TestServerHost.StartAsync(options, stop.Token);
        }
        catch (Exception e) when (e is ArgumentException or System.Net.Sockets.SocketException or IOException)
        {
            groundTruth?.Dispose();
            await stderr.WriteLineAsync($"testserver: cannot start: {e.Message}");
            return 2;
        }
        try
        {
            await using var running = host;
            await stdout.WriteLineAsync(ReadyLine(host));
            await stdout.FlushAsync(CancellationToken.None);

            // Serve until standard input closes (the parent went away) or a signal arrives.
            var stdinClosed = Task.Run(async () =>
            {
                var buffer = new char[256];
                while (await stdin.ReadAsync(buffer, stop.Token) > 0)
                {
                }
            }, CancellationToken.None);
            await Task.WhenAny(stdinClosed, Task.Delay(Timeout.Infinite, stop.Token)).ContinueWith(_ => { }, CancellationToken.None);
            await stderr.WriteLineAsync("testserver: stopping");
            return 0;
        }
        finally
        {
            groundTruth?.Dispose();
        }
    }

    /// <summary>The JSON line printed once the DCs listen.</summary>
    public static string ReadyLine(TestServerHost host) => JsonSerializer.Serialize<Dictionary<string, object>>(new()
    {
        ["dcs"] = host.Dcs.Select(d => new Dictionary<string, object> { ["id"] = d.Id, ["host"] = d.Host, ["port"] = d.Port }).ToArray(),
        ["rsa_public_key_pem"] = host.PublicKey.ToPem(),
        ["rsa_fingerprint"] = ((ulong)host.PublicKey.Fingerprint).ToString("x16", CultureInfo.InvariantCulture),
        ["layer"] = TestServerHost.Layer,
    }, new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private sealed record Arguments(string Host, int Port, int? DcCount, string? World, string? Faults, string? Log, string? Key, string[] Schemas);

    private static (TestServerOptions, JsonLinesGroundTruthLog?) Build(Arguments arguments, TextWriter stderr)
    {
        var options = new TestServerOptions
        {
            RsaKeyFile = arguments.Key ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "telethon", "testserver-rsa.pem"),
            Log = line => stderr.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"),
            Host = arguments.Host,
            Port = arguments.Port,
        };
        if (arguments.DcCount is { } count)
            options = options with { DcCount = count };
        if (arguments.World is { } world)
            options = options with { Config = TestServerConfig.Load(world) };
        if (arguments.Faults is { } faults)
            options = options with { Faults = TestServerConfig.Load(faults).Faults };
        if (arguments.Schemas.Length > 0)
            options = options with { Layers = LayerCatalog.Load(arguments.Schemas) };
        JsonLinesGroundTruthLog? groundTruth = null;
        if (arguments.Log is { } log)
        {
            groundTruth = new JsonLinesGroundTruthLog(log);
            options = options with { GroundTruth = groundTruth };
        }
        return (options, groundTruth);
    }
}
