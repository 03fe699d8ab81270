using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Telethon.Crypto;

namespace Telethon.Cli.Commands;

/// <summary>
/// <c>bench crypto</c>: a quick look at AES-256-IGE throughput on 512 KiB buffers (about two seconds
/// each way) and the cost of a whole auth-key exchange on each side, as one JSON line. The
/// BenchmarkDotNet suite in benchmarks/ stays the reference.
/// </summary>
public sealed class BenchCryptoCommand : ICliCommand
{
    private const int BufferSize = 512 * 1024;

    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["bench", "crypto"];

    /// <inheritdoc />
    public string Description => "AES-IGE MB/s and handshake ms as JSON";

    /// <inheritdoc />
    public void Configure(Command command, CliConsole console)
    {
        var seconds = CliOptions.Positive("--seconds", 2.0, "how long each measurement runs");
        command.Add(seconds);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(seconds), console, cancellationToken));
    }

    private static async Task<int> RunAsync(double seconds, CliConsole console, CancellationToken cancellationToken)
    {

        var (encrypt, decrypt) = AesIgeThroughput(seconds, cancellationToken);
        var (client, server) = HandshakeBench.Measure(seconds, cancellationToken);
        var result = new Dictionary<string, double>
        {
            ["aes_ige_encrypt_mb_s"] = Math.Round(encrypt, 1),
            ["aes_ige_decrypt_mb_s"] = Math.Round(decrypt, 1),
            ["handshake_client_ms"] = Math.Round(client, 3),
            ["handshake_server_ms"] = Math.Round(server, 3),
        };
        await console.Out.WriteLineAsync(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>
    /// The AES-256-IGE figure of this command for other benchmarks: MB/s of the slower direction (encryption or decryption)
    /// on 512 KiB buffers, each measured for about <paramref name="seconds"/>.
    /// </summary>
    internal static double AesIgeMbPerSecond(double seconds, CancellationToken cancellationToken)
    {
        var (encrypt, decrypt) = AesIgeThroughput(seconds, cancellationToken);
        return Math.Min(encrypt, decrypt);
    }

    // AES-256-IGE encryption and decryption in MB/s on 512 KiB buffers of random data, each for about `seconds`.
    private static (double Encrypt, double Decrypt) AesIgeThroughput(double seconds, CancellationToken cancellationToken)
    {
        var key = new byte[AesIge.KeySize];
        var iv = new byte[AesIge.IvSize];
        var data = new byte[BufferSize];
        Random.Shared.NextBytes(key);
        Random.Shared.NextBytes(iv);
        Random.Shared.NextBytes(data);
        var encrypt = Throughput(() => AesIge.Encrypt(key, iv, data), seconds, cancellationToken);
        var decrypt = Throughput(() => AesIge.Decrypt(key, iv, data), seconds, cancellationToken);
        return (encrypt, decrypt);
    }

    // MB/s (10^6 bytes) over repeated passes for about `seconds`, after a warm-up.
    private static double Throughput(Action pass, double seconds, CancellationToken cancellationToken)
    {
        for (var i = 0; i < 20; i++)
            pass();
        var passes = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds && !cancellationToken.IsCancellationRequested)
        {
            pass();
            passes++;
        }
        return passes * (double)BufferSize / watch.Elapsed.TotalSeconds / 1e6;
    }
}
