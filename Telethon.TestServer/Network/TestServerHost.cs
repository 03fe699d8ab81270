using System.Net;
using System.Net.Sockets;
using Telethon.Crypto;
using Telethon.TestServer.Config;
using Telethon.TestServer.Rpc;
using Telethon.TestServer.World;
using Telethon.Tl;

namespace Telethon.TestServer.Network;

/// <summary>
/// The test DC: a real MTProto server on loopback with several DCs (one port each) sharing one
/// in-memory Telegram. Start it in-process with <see cref="StartAsync"/>; dispose it to stop.
/// </summary>
public sealed class TestServerHost : IAsyncDisposable
{
    private readonly List<TcpListener> _listeners = [];
    private readonly List<DcContext> _dcs = [];
    private readonly List<Task> _acceptLoops = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly HashSet<Task> _connections = [];
    private readonly TestServerOptions _options;
    private readonly AuthKeyStore _keys;
    private ITimer? _saltRotation;
    private long _connectionIds;

    private TestServerHost(TestServerOptions options, RsaPrivateKey key, TelegramWorld world, RpcDispatcher dispatcher, FaultPlan? faults, AuthKeyStore keys)
    {
        _options = options;
        _keys = keys;
        RsaKey = key;
        World = world;
        Dispatcher = dispatcher;
        Faults = faults;
    }

    /// <summary>The DCs and where they listen.</summary>
    public IReadOnlyList<DcEndpoint> Dcs { get; private set; } = [];

    /// <summary>The server's RSA key (clients need its public part).</summary>
    public RsaPrivateKey RsaKey { get; }

    /// <summary>The public key clients encrypt the auth-key exchange with.</summary>
    public RsaPublicKey PublicKey => RsaKey.PublicKey;

    /// <summary>The in-memory Telegram behind the DCs.</summary>
    public TelegramWorld World { get; }

    /// <summary>The RPC dispatcher (for statistics such as unimplemented calls).</summary>
    public RpcDispatcher Dispatcher { get; }

    /// <summary>The fault decisions, or null when the server runs without faults (release held answers here).</summary>
    public FaultPlan? Faults { get; }

    /// <summary>The API layer the server speaks.</summary>
    public static int Layer => TlRegistry.Layer;

    /// <summary>Connections open now.</summary>
    public int OpenConnections
    {
        get
        {
            lock (_connections)
                return _connections.Count;
        }
    }

    /// <summary>Auth keys created so far on all DCs (temporary ones included).</summary>
    public int AuthKeyCount => _keys.Count;

    /// <summary>How many times auth.bindTempAuthKey bound a temporary key (perfect forward secrecy).</summary>
    public long TemporaryKeyBindings => _keys.Bindings;

    /// <summary>Whether <paramref name="keyId"/> is a live temporary key of DC <paramref name="dcId"/>.</summary>
    public bool IsTemporaryKey(int dcId, long keyId) => _keys.IsTemporary(dcId, keyId);

    /// <summary>The temporary key that acts for permanent key <paramref name="permanentKeyId"/> on DC <paramref name="dcId"/> now, or null.</summary>
    public long? BoundTemporaryKey(int dcId, long permanentKeyId) => _keys.BoundTemporaryKey(dcId, permanentKeyId);

    /// <summary>
    /// Forgets an auth key at once, as Telegram may forget a temporary key before it expires (they live in RAM only):
    /// its next message is answered with -404. True when the key was known.
    /// </summary>
    public bool ForgetAuthKey(int dcId, long keyId) => _keys.Forget(dcId, keyId);

    /// <summary>Binds every DC and starts accepting connections.</summary>
    /// <exception cref="ArgumentException">The host is not a loopback address, or the DC count is not 1..99.</exception>
    public static Task<TestServerHost> StartAsync(TestServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.TryParse(options.Host, out var address) || !IPAddress.IsLoopback(address))
            throw new ArgumentException($"The test server only listens on loopback addresses, not '{options.Host}'.", nameof(options));
        if (options.DcCount is < 1 or > 99)
            throw new ArgumentException($"The DC count must be 1..99, not {options.DcCount}.", nameof(options));
        cancellationToken.ThrowIfCancellationRequested();

        var key = options.RsaKey ?? LoadOrCreateKey(options.RsaKeyFile);
        var faults = options.Faults == FaultOptions.None ? null : new FaultPlan(options.Faults);
        var dcIds = Enumerable.Range(1, options.DcCount).ToArray();
        var world = new TelegramWorld(options.Config.World with
        {
            DcIds = dcIds,
            Time = options.Time,
            GroundTruth = options.GroundTruth,
            UpdateFaults = faults?.Updates,
            Log = options.Log,
        });
        try
        {
            options.Config.Seed.ApplyTo(world);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"The seed does not fit DCs 1..{options.DcCount}: {e.Message} (start more DCs, e.g. --dcs 5)", nameof(options), e);
        }

        var listeners = new List<TcpListener>();
        try
        {
            foreach (var dc in dcIds)
            {
                var listener = new TcpListener(address, options.Port == 0 ? 0 : options.Port + dc - 1);
                listener.Start(512);
                listeners.Add(listener);
            }
        }
        catch
        {
            foreach (var listener in listeners)
                listener.Stop();
            throw;
        }
        var endpoints = listeners.Select((l, i) => new DcEndpoint(dcIds[i], options.Host, ((IPEndPoint)l.LocalEndpoint).Port)).ToArray();
        var keys = new AuthKeyStore(options.Time);
        var dispatcher = new RpcDispatcher(world, new RpcDispatcherOptions
        {
            DcEndpoints = endpoints.Select(e => (e.Id, e.Host, e.Port)).ToArray(),
            Faults = faults,
            Log = options.Log,
            TempKeys = keys,
        }, options.Handlers);
        var host = new TestServerHost(options, key, world, dispatcher, faults, keys) { Dcs = endpoints };
        keys.Retired += (dc, id) => host._dcs.FirstOrDefault(d => d.DcId == dc)?.RetireSessions(id);
        for (var i = 0; i < listeners.Count; i++)
        {
            var dc = new DcContext(dcIds[i], world, dispatcher, host._keys, [key], faults, options);
            host._dcs.Add(dc);
            host._listeners.Add(listeners[i]);
            host._acceptLoops.Add(host.AcceptLoopAsync(listeners[i], dc));
        }
        if (faults?.SaltRotationInterval is { } interval && interval > TimeSpan.Zero)
            host._saltRotation = options.Time.CreateTimer(_ => host.RotateSalts(), null, interval, interval);
        options.Log?.Invoke($"listening: {string.Join(", ", endpoints.Select(e => $"dc{e.Id}={e.Host}:{e.Port}"))}");
        return Task.FromResult(host);
    }

    private static RsaPrivateKey LoadOrCreateKey(string? file)
    {
        if (file is not null && File.Exists(file))
            return RsaPrivateKey.FromPem(File.ReadAllText(file));
        var key = RsaPrivateKey.Generate();
        if (file is not null)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(file));
            if (!string.IsNullOrEmpty(folder))
                Directory.CreateDirectory(folder);
            File.WriteAllText(file, key.ToPem());
        }
        return key;
    }

    private async Task AcceptLoopAsync(TcpListener listener, DcContext dc)
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                if (_stopping.IsCancellationRequested)
                    return;
                continue;
            }
            socket.NoDelay = true;
            var connection = new ServerConnection(dc, socket, Interlocked.Increment(ref _connectionIds));
            var task = connection.RunAsync(_stopping.Token);
            lock (_connections)
                _connections.Add(task);
            _ = task.ContinueWith(t =>
            {
                lock (_connections)
                    _connections.Remove(t);
            }, TaskScheduler.Default);
        }
    }

    private void RotateSalts()
    {
        // Salts belong to auth keys: one rotation per key reaches every session of it.
        foreach (var dc in _dcs)
        {
            foreach (var salts in dc.SaltSchedules)
                salts.Rotate();
        }
    }

    /// <summary>Stops listening, closes every connection and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
            return;
        _stopping.Cancel();
        _saltRotation?.Dispose();
        foreach (var listener in _listeners)
            listener.Stop();
        await Task.WhenAll(_acceptLoops);
        Task[] open;
        lock (_connections)
            open = [.. _connections];
        await Task.WhenAll(open);
        foreach (var dc in _dcs)
            dc.DisposeSessions();
        _stopping.Dispose();
    }
}
