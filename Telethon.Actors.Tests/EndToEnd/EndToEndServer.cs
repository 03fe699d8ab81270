using Akka.Actor;
using Akka.Configuration;
using Telethon.Connection;
using Telethon.Hosting;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.TestServer.World;

namespace Telethon.Tests.EndToEnd;

/// <summary>An in-process test server (loopback, free ports, the sample world on 5 DCs) and a runtime of accounts to point at it.</summary>
internal sealed class EndToEndServer : IAsyncDisposable
{
    private static readonly Lazy<Telethon.Crypto.RsaPrivateKey> Key = new(Telethon.Crypto.RsaPrivateKey.Generate);
    private readonly List<ActorSystem> _systems = [];

    private EndToEndServer(TestServerHost host, MemoryGroundTruthLog truth)
    {
        Host = host;
        GroundTruth = truth;
    }

    public TestServerHost Host { get; }

    public MemoryGroundTruthLog GroundTruth { get; }

    public static async Task<EndToEndServer> StartAsync(FaultOptions? faults = null, Func<WorldOptions, WorldOptions>? world = null,
        Action<Telethon.TestServer.Rpc.HandlerTable>? handlers = null)
    {
        var truth = new MemoryGroundTruthLog();
        var config = TestServerConfig.Load(Path.Combine(Tl.TlSchemaIdTests.RepoRoot(), "config", "testserver.sample.conf"));
        if (world is not null)
            config = config with { World = world(config.World) };
        var host = await TestServerHost.StartAsync(new TestServerOptions
        {
            RsaKey = Key.Value,
            DcCount = 5,
            Config = config,
            Faults = faults ?? FaultOptions.None,
            GroundTruth = truth,
            Handlers = handlers,
        });
        return new EndToEndServer(host, truth);
    }

    public ClientOptions Options(bool catchUp = false) => new()
    {
        ApiId = 1,
        ApiHash = "test",
        DataCenters = Host.Dcs.Select(d => new DcAddress(d.Id, d.Host, d.Port)).ToArray(),
        ServerKeys = [Host.PublicKey],
        InitialDataCenter = 2,
        CatchUp = catchUp,
        RequestTimeout = TimeSpan.FromSeconds(20),
    };

    /// <summary>Alice of the sample world (9996621111, @alice), signed in on a new runtime under <paramref name="key"/>.</summary>
    public async Task<Client> AliceAsync(string key = "alice")
    {
        var alice = Runtime().GetClient(key, Options());
        await alice.ConnectAsync();
        await alice.SignInAsync(await alice.RequestLoginCodeAsync("9996621111"), "22222");
        return alice;
    }

    /// <summary>Bob of the sample world (9996622222, @bobby, two-step password "correct horse"), signed in on a new runtime.</summary>
    public async Task<Client> BobAsync(string key = "bob")
    {
        var bob = Runtime().GetClient(key, Options());
        await bob.ConnectAsync();
        var login = await bob.SignInAsync(await bob.RequestLoginCodeAsync("9996622222"), "22222");
        await bob.CheckPasswordAsync(login.PasswordToken!, "correct horse");
        return bob;
    }

    /// <summary>The chat of <paramref name="client"/>'s dialog named <paramref name="name"/>.</summary>
    public static async Task<Telethon.Model.Peer> DialogNamedAsync(Client client, string name) =>
        (await client.GetDialogsAsync()).Single(d => d.Chat.Name == name).Chat;

    /// <summary>A runtime in a new actor system; sessions in memory unless a SQLite file is given.</summary>
    public TelethonRuntime Runtime(string? sqlitePath = null) => Runtime(TelethonRuntime.DefaultConfig(sqlitePath));

    /// <summary>A runtime in a new actor system with the given persistence configuration.</summary>
    public TelethonRuntime Runtime(Config persistence)
    {
        var config = ConfigurationFactory.ParseString("akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING")
            .WithFallback(persistence);
        var system = ActorSystem.Create("e2e-" + Guid.NewGuid().ToString("N")[..8], config);
        lock (_systems)
            _systems.Add(system);
        return TelethonRuntime.Get(system);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var system in _systems)
            await system.Terminate();
        await Host.DisposeAsync();
    }
}
