using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Telethon.TestServer;
using Telethon.TestServer.Config;
using Telethon.TestServer.Layers;
using Telethon.TestServer.Network;
using Xunit.Abstractions;

namespace Telethon.Tests.Compat;

/// <summary>
/// Runs GramJS (npm <c>telegram</c>, an MTProto client written independently of this repository)
/// against the in-process test server with tools/compat/gramjs-smoke.mjs: handshake with the server's
/// RSA key over every TCP transport GramJS offers, sign-up, sign-in, 2FA, bot login, getMe, messages
/// and their updates, dialogs, history, a DC migration and keep-alive pings.
/// Skipped when node or tools/compat/node_modules is missing (<c>npm ci --prefix tools/compat</c>).
/// </summary>
public sealed class GramJsCompatibilityTests(ITestOutputHelper output)
{
    private static readonly Lazy<Telethon.Crypto.RsaPrivateKey> Key = new(Telethon.Crypto.RsaPrivateKey.Generate);

    /// <summary>
    /// GramJS as published: it announces its own layer (198 in 2.26.22) with invokeWithLayer. No @mtcute/tl version
    /// publishes that layer, so the server is given GramJS's own schema with <c>--schema</c>, as any client's can be,
    /// and serves GramJS in exactly its layer.
    /// </summary>
    [SkippableFact]
    public async Task GramJsRunsTheWholeFlow()
    {
        var layer = GramJsLayer();
        Skip.If(layer == 0, "tools/compat/node_modules is missing: run `npm ci --prefix tools/compat`");
        var schema = Path.Combine(Path.GetTempPath(), $"gramjs-api-{layer}-{Guid.NewGuid():n}.tl");
        try
        {
            await File.WriteAllTextAsync(schema, GramJsSchemaText(layer));
            var result = await RunSmokeAsync([], LayerCatalog.Load([schema]));
            AssertPassed(result);
            Assert.Contains(result.ServerLog, l => l.Contains($"announces layer {layer}, served in layer {layer}", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(schema);
        }
    }

    // GramJS keeps Telegram's api.tl as a JavaScript string (tl/apiTl.js); the file is that text with its layer line.
    private static string GramJsSchemaText(int layer)
    {
        var module = File.ReadAllText(Path.Combine(RepoRoot(), "tools", "compat", "node_modules", "telegram", "tl", "apiTl.js"));
        var start = module.IndexOf('`', StringComparison.Ordinal) + 1;
        var end = module.LastIndexOf('`');
        Assert.True(start > 0 && end > start, "tl/apiTl.js does not hold the schema as one template string");
        return module[start..end] + $"\n// LAYER {layer}\n";
    }

    /// <summary>
    /// GramJS with its TL classes rebuilt from the server's own schema (node_modules/@mtcute/tl) and
    /// announcing that layer: everything but answering an older layer in that layer.
    /// </summary>
    [SkippableFact]
    public async Task GramJsAtTheServerLayerRunsTheWholeFlow()
    {
        var schema = Path.Combine(RepoRoot(), "node_modules", "@mtcute", "tl", "api-schema.json");
        Skip.IfNot(File.Exists(schema), $"{schema} is missing (npm ci at the repository root restores it)");
        var result = await RunSmokeAsync(["--adopt-layer", schema]);
        Assert.Equal($"adopted-layer-{TestServerHost.Layer}", result.Line.RootElement.GetProperty("mode").GetString());
        AssertPassed(result);
    }

    // The layer the installed GramJS announces (its generated API module states it), or 0 when it is not installed.
    private static int GramJsLayer()
    {
        var file = Path.Combine(RepoRoot(), "tools", "compat", "node_modules", "telegram", "tl", "AllTLObjects.js");
        if (!File.Exists(file))
            return 0;
        var match = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(file), @"LAYER\s*=\s*(\d+)");
        return match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }

    private sealed record SmokeResult(int ExitCode, JsonDocument Line, string Stdout, string Stderr, IReadOnlyList<string> ServerLog);

    private async Task<SmokeResult> RunSmokeAsync(IReadOnlyList<string> extraArgs, LayerCatalog? layers = null)
    {
        var root = RepoRoot();
        var compat = Path.Combine(root, "tools", "compat");
        var node = FindOnPath("node");
        Skip.If(node is null, "node is not installed (GramJS runs on Node.js)");
        Skip.IfNot(File.Exists(Path.Combine(compat, "node_modules", "telegram", "package.json")),
            "tools/compat/node_modules is missing: run `npm ci --prefix tools/compat`");

        var serverLog = new List<string>();
        // The sample world seeds an account and a bot on DC 4, so the server runs DCs 1..5.
        await using var host = await TestServerHost.StartAsync(new TestServerOptions
        {
            RsaKey = Key.Value,
            DcCount = 5,
            Layers = layers,
            Config = TestServerConfig.Load(Path.Combine(root, "config", "testserver.sample.conf")),
            Log = line =>
            {
                lock (serverLog)
                    serverLog.Add(line);
            },
        });
        var ready = TestServerProgram.ReadyLine(host);

        var start = new ProcessStartInfo(node!)
        {
            WorkingDirectory = compat,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(compat, "gramjs-smoke.mjs"));
        start.ArgumentList.Add("--verbose");
        foreach (var arg in extraArgs)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        // The script reads the server's line from standard input, as when piped from the program.
        await process.StandardInput.WriteLineAsync(ready);
        process.StandardInput.Close();

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        var (outText, errText) = (await stdout, await stderr);
        string[] log;
        lock (serverLog)
            log = [.. serverLog];

        output.WriteLine($"exit code {process.ExitCode}");
        output.WriteLine(outText);
        output.WriteLine("--- server log ---");
        foreach (var line in log)
            output.WriteLine(line);
        output.WriteLine("--- gramjs-smoke stderr (last 200 lines) ---");
        foreach (var line in errText.Split('\n').TakeLast(200))
            output.WriteLine(line);

        var json = outText.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        Assert.True(json is not null, $"gramjs-smoke printed no result line (exit code {process.ExitCode}); stderr:\n{Tail(errText, 40)}");
        return new SmokeResult(process.ExitCode, JsonDocument.Parse(json!), outText, errText, log);
    }

    private static void AssertPassed(SmokeResult result)
    {
        var root = result.Line.RootElement;
        var failures = new StringBuilder();
        if (root.TryGetProperty("error", out var error))
            failures.AppendLine($"error: {error.GetString()}");
        foreach (var failed in root.GetProperty("failed").EnumerateArray())
            failures.AppendLine($"{failed.GetProperty("step").GetString()}: {failed.GetProperty("error").GetString()}");
        foreach (var skipped in root.GetProperty("skipped").EnumerateArray())
            failures.AppendLine($"{skipped.GetProperty("step").GetString()} not run: {skipped.GetProperty("reason").GetString()}");
        Assert.True(root.GetProperty("ok").GetBoolean() && result.ExitCode == 0,
            $"GramJS {root.GetProperty("gramjs")} (layer {root.GetProperty("layer")}) against the test server (layer {TestServerHost.Layer}) failed, exit code {result.ExitCode}:\n{failures}");
        Assert.True(root.GetProperty("passed").GetArrayLength() >= 20, $"only {root.GetProperty("passed")} passed");
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static string? FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, OperatingSystem.IsWindows() ? name + ".exe" : name);
            if (File.Exists(candidate))
                return candidate;
        }
        return null;
    }

    private static string RepoRoot() => Tl.TlSchemaIdTests.RepoRoot();
}
