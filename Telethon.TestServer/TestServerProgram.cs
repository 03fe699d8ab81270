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
    /// <summary>The usage text.</summary>
    public const string Usage = "[--host 127.0.0.1] [--port 0] [--dcs 3] [--world FILE] [--faults FILE] [--log FILE] [--key FILE] [--schema FILE.tl]...";

    /// <summary>Runs the program; returns the exit code (0 after a clean stop, 2 for bad arguments).</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextReader stdin, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        TestServerOptions options;
        JsonLinesGroundTruthLog? groundTruth = null;
        try
        {
            (options, groundTruth) = Parse(args, stderr);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or IOException or Akka.Configuration.ConfigurationException)
        {
            await stderr.WriteLineAsync($"testserver: {e.Message}\nusage: testserver {Usage}");
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

    private static (TestServerOptions, JsonLinesGroundTruthLog?) Parse(IReadOnlyList<string> args, TextWriter stderr)
    {
        var options = new TestServerOptions
        {
            RsaKeyFile = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "telethon", "testserver-rsa.pem"),
            Log = line => stderr.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}"),
        };
        JsonLinesGroundTruthLog? groundTruth = null;
        var schemas = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--host": options = options with { Host = Value() }; break;
                case "--port": options = options with { Port = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--dcs": options = options with { DcCount = int.Parse(Value(), CultureInfo.InvariantCulture) }; break;
                case "--world": options = options with { Config = TestServerConfig.Load(Value()) }; break;
                case "--faults": options = options with { Faults = TestServerConfig.Load(Value()).Faults }; break;
                case "--key": options = options with { RsaKeyFile = Value() }; break;
                // Another layer to serve, from Telegram's .tl text (its `// LAYER N` line names it); repeatable.
                case "--schema": schemas.Add(Value()); break;
                case "--log":
                    groundTruth = new JsonLinesGroundTruthLog(Value());
                    options = options with { GroundTruth = groundTruth };
                    break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'");
            }
        }
        if (schemas.Count > 0)
            options = options with { Layers = LayerCatalog.Load(schemas) };
        return (options, groundTruth);
    }
}
