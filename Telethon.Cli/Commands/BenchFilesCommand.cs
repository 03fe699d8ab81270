using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Telethon.Connection;
using Telethon.Crypto;
using Telethon.Files;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Cli.Commands;

/// <summary>
/// <c>bench files</c>: the file transfer figures. It starts the test server in another process on loopback
/// (<c>telethon testserver</c>), signs a test account in, uploads a file of random bytes (100 MB by default) with
/// upload.saveBigFilePart, makes it a document (messages.uploadMedia), downloads it back with upload.getFile, each timed
/// separately (after an untimed round trip of a smaller file, 16 MB by default, so that neither process is still compiling
/// its hot paths), checks that the bytes came back unchanged, and measures the AES-256-IGE throughput of <c>bench crypto</c> in the
/// same run (the slower direction: a download is encrypted by the server and decrypted by the client, on different cores).
/// It prints one JSON line: <c>{"upload_mb_s":…,"download_mb_s":…,"aes_ige_mb_s":…,"parts_in_flight":…}</c> (MB = 10^6 bytes).
/// </summary>
public sealed class BenchFilesCommand : ICliCommand
{
    private const int DefaultSizeMb = 100;

    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["bench", "files"];

    /// <inheritdoc />
    public string Description => "upload/download MB/s against a test server process, as JSON";

    /// <inheritdoc />
    public void Configure(Command command, CliConsole console)
    {
        var sizeMb = CliOptions.InRange("--size-mb", DefaultSizeMb, 1, 2000, "the size of the file, in MB (10^6 bytes)");
        var parts = new Option<int?>("--parts") { Description = "parts in flight (default: ClientOptions.FilePartsInFlight)" };
        parts.Validators.Add(result =>
        {
            if (CliOptions.ValueOf<int>(result) is < 1 or > 64)
                result.AddError("--parts must be from 1 to 64");
        });
        var seconds = CliOptions.Positive("--seconds", 2.0, "how long the AES-IGE measurement runs");
        var warmupMb = CliOptions.InRange("--warmup-mb", 16, 0, 2000, "the size of the untimed round trip first, in MB (0: none)");
        command.Add(sizeMb);
        command.Add(parts);
        command.Add(seconds);
        command.Add(warmupMb);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetValue(sizeMb), parsed.GetValue(parts), parsed.GetValue(seconds),
            parsed.GetValue(warmupMb), console, cancellationToken));
    }

    private static async Task<int> RunAsync(int sizeMb, int? parts, double seconds, int warmupMb, CliConsole console, CancellationToken cancellationToken)
    {
        var aes = BenchCryptoCommand.AesIgeMbPerSecond(seconds, cancellationToken);
        using var server = await TestServerProcess.StartAsync(cancellationToken);
        var options = new ClientOptions
        {
            ApiId = 1,
            ApiHash = "bench",
            DataCenters = server.Dcs,
            ServerKeys = [server.PublicKey],
            InitialDataCenter = server.Dcs[0].DcId,
            RequestTimeout = TimeSpan.FromSeconds(120),
        };
        if (parts is { } p)
            options = options with { FilePartsInFlight = p };

        var content = new byte[(long)sizeMb * 1_000_000];
        new Random(11).NextBytes(content);
        await using var client = new Client(":memory:", options);
        await client.ConnectAsync(cancellationToken);
        var dc = server.Dcs[0].DcId;
        var phone = string.Create(CultureInfo.InvariantCulture, $"99966{dc}{Random.Shared.Next(10_000):D4}");
        await client.SignInAsync(await client.RequestLoginCodeAsync(phone, cancellationToken), new string((char)('0' + dc), 5), "Bench",
            cancellationToken);

        // A first, untimed round trip of a smaller file lets both processes compile their hot paths (tiered JIT), so the
        // timed one measures the transfer rather than the compiler.
        if (warmupMb > 0)
        {
            var warmup = new byte[warmupMb * 1_000_000];
            new Random(12).NextBytes(warmup);
            if (await RoundTripAsync(client, warmup, cancellationToken) is { Error: { } warmupError })
                return await JsonLine.ErrorAsync(console, warmupError, 0);
        }
        var (upload, download, error) = await RoundTripAsync(client, content, cancellationToken);
        if (error is not null)
            return await JsonLine.ErrorAsync(console, error, 0);

        var result = new Dictionary<string, double>
        {
            ["upload_mb_s"] = Math.Round(content.Length / upload.TotalSeconds / 1e6, 1),
            ["download_mb_s"] = Math.Round(content.Length / download.TotalSeconds / 1e6, 1),
            ["aes_ige_mb_s"] = Math.Round(aes, 1),
            ["parts_in_flight"] = client.Options.FilePartsInFlight,
        };
        await console.Out.WriteLineAsync(JsonSerializer.Serialize(result));
        return 0;
    }

    /// <summary>Uploads <paramref name="content"/>, makes it a document and downloads it back, checking every byte; the two phases are timed.</summary>
    private static async Task<(TimeSpan Upload, TimeSpan Download, string? Error)> RoundTripAsync(Client client, byte[] content,
        CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var file = await FileUploader.UploadAsync(client, new MemoryStream(content, writable: false), content.Length, "bench.bin", null,
            cancellationToken);
        var upload = watch.Elapsed;

        var media = await client.InvokeAsync(new Fn.Messages.UploadMedia
        {
            Peer = new TlTypes.InputPeerSelf(),
            Media = new TlTypes.InputMediaUploadedDocument
            {
                File = file,
                MimeType = "application/octet-stream",
                Attributes = [new TlTypes.DocumentAttributeFilename { FileName = "bench.bin" }],
                ForceFile = true,
            },
        }, cancellationToken);
        if (media is not TlTypes.MessageMediaDocument { Document: TlTypes.Document document })
            return (upload, default, $"messages.uploadMedia answered {media.TlName} without a document");
        var location = new TlTypes.InputDocumentFileLocation
        {
            Id = document.Id,
            AccessHash = document.AccessHash,
            FileReference = document.FileReference,
            ThumbSize = "",
        };

        var sink = new VerifyingStream(content);
        watch.Restart();
        await FileDownloader.DownloadAsync(client, location, document.DcId, document.Size, sink, null, cancellationToken);
        var download = watch.Elapsed;
        return sink.Position != content.Length
            ? (upload, download, $"the download brought {sink.Position} bytes back, not {content.Length}")
            : (upload, download, null);
    }

    /// <summary>The test server as a child process (<c>telethon testserver</c> on 127.0.0.1, free ports), stopped by closing its input.</summary>
    private sealed class TestServerProcess : IDisposable
    {
        private readonly Process _process;

        private TestServerProcess(Process process, DcAddress[] dcs, RsaPublicKey key)
        {
            _process = process;
            Dcs = dcs;
            PublicKey = key;
        }

        public DcAddress[] Dcs { get; }

        public RsaPublicKey PublicKey { get; }

        public static async Task<TestServerProcess> StartAsync(CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo
            {
                FileName = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this program is not known."),
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            // Run as `dotnet telethon.dll`, the host needs the program's assembly first.
            if (System.IO.Path.GetFileNameWithoutExtension(start.FileName) == "dotnet" && Assembly.GetEntryAssembly()?.Location is { Length: > 0 } entry)
                start.ArgumentList.Add(entry);
            foreach (var arg in new[] { "testserver", "--host", "127.0.0.1", "--port", "0", "--dcs", "2" })
                start.ArgumentList.Add(arg);
            var process = Process.Start(start) ?? throw new InvalidOperationException("The test server did not start.");
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            try
            {
                var ready = await process.StandardOutput.ReadLineAsync(cancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), cancellationToken)
                    ?? throw new InvalidOperationException($"The test server exited ({(process.HasExited ? process.ExitCode : -1)}) before it was ready.");
                using var json = JsonDocument.Parse(ready);
                var dcs = json.RootElement.GetProperty("dcs").EnumerateArray()
                    .Select(d => new DcAddress(d.GetProperty("id").GetInt32(), d.GetProperty("host").GetString()!, d.GetProperty("port").GetInt32()))
                    .ToArray();
                var key = RsaPublicKey.FromPem(json.RootElement.GetProperty("rsa_public_key_pem").GetString()!);
                return new TestServerProcess(process, dcs, key);
            }
            catch
            {
                process.Kill(entireProcessTree: true);
                process.Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            try
            {
                _process.StandardInput.Close();
                if (!_process.WaitForExit(TimeSpan.FromSeconds(10)))
                    _process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            _process.Dispose();
        }
    }

    /// <summary>A write-only stream that checks every byte written against the expected content.</summary>
    private sealed class VerifyingStream(byte[] expected) : Stream
    {
        private long _position;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => _position;
        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (_position + buffer.Length > expected.Length || !buffer.SequenceEqual(expected.AsSpan((int)_position, buffer.Length)))
                throw new InvalidDataException($"The bytes downloaded at offset {_position} differ from the ones uploaded.");
            _position += buffer.Length;
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
