using Telethon.TestServer.Client;
using Telethon.TestServer.Network;

namespace Telethon.Tests.TestServer.Network;

/// <summary>Starts a test server on loopback (free ports) for one test and collects its log lines.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private readonly List<string> _log = [];

    private RunningServer()
    {
    }

    public TestServerHost Host { get; private set; } = null!;

    public IReadOnlyList<string> Log
    {
        get
        {
            lock (_log)
                return [.. _log];
        }
    }

    public DcEndpoint Dc(int id) => Host.Dcs.Single(d => d.Id == id);

    public static async Task<RunningServer> StartAsync(TestServerOptions? options = null)
    {
        var server = new RunningServer();
        options ??= new TestServerOptions();
        server.Host = await TestServerHost.StartAsync(options with
        {
            RsaKey = options.RsaKey ?? SharedKey.Value,
            Log = line =>
            {
                lock (server._log)
                    server._log.Add(line);
            },
        });
        return server;
    }

    public Task<TestClient> ConnectAsync(int dc = 2, Telethon.Transport.TransportKind kind = Telethon.Transport.TransportKind.Intermediate, bool obfuscated = false) =>
        TestClient.ConnectAsync(Dc(dc), Host.PublicKey, kind, obfuscated);

    public ValueTask DisposeAsync() => Host.DisposeAsync();

    // Generating an RSA-2048 key takes a moment: the tests share one.
    private static readonly Lazy<Telethon.Crypto.RsaPrivateKey> SharedKey = new(Telethon.Crypto.RsaPrivateKey.Generate);
}
