using System.Collections.Concurrent;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.TestServer.Config;
using Telethon.TestServer.Layers;
using Telethon.TestServer.Rpc;
using Telethon.TestServer.World;
using Telethon.Tl.Mtproto.Abcs;
using Telethon.Tl.Mtproto.Types;

namespace Telethon.TestServer.Network;

/// <summary>What the connections of one DC share: the world, the dispatcher, the keys and the sessions.</summary>
internal sealed class DcContext
{
    // Sessions by auth key and session_id: one auth key may run several sessions at once (a client's
    // main and media connections, or many clients sharing a key), each with its own state.
    private readonly ConcurrentDictionary<(long KeyId, long SessionId), ServerSession> _sessions = new();

    // The salts of each auth key, which all its sessions share (on Telegram a salt belongs to the key).
    private readonly ConcurrentDictionary<long, ServerSaltSchedule> _salts = new();

    public DcContext(int dcId, TelegramWorld world, RpcDispatcher dispatcher, AuthKeyStore keys, IReadOnlyList<RsaPrivateKey> rsaKeys,
        FaultPlan? faults, TestServerOptions options)
    {
        DcId = dcId;
        World = world;
        Dispatcher = dispatcher;
        Keys = keys;
        RsaKeys = rsaKeys;
        Faults = faults;
        Options = options;
        Layers = options.Layers ?? LayerCatalog.Packaged;
    }

    public int DcId { get; }

    public TelegramWorld World { get; }

    public RpcDispatcher Dispatcher { get; }

    public AuthKeyStore Keys { get; }

    public IReadOnlyList<RsaPrivateKey> RsaKeys { get; }

    public FaultPlan? Faults { get; }

    public TestServerOptions Options { get; }

    public IEnumerable<ServerSession> Sessions => _sessions.Values;

    public LayerCatalog Layers { get; }

    // The layer each auth key announced last: a new session that does not say it again is served in it.
    public ConcurrentDictionary<long, int> AnnouncedLayers { get; } = new();

    public void Log(string line) => Options.Log?.Invoke($"dc{DcId}: {line}");

    public IEnumerable<ServerSaltSchedule> SaltSchedules => _salts.Values;

    /// <summary>A new auth key's salts start with the salt both sides derived in the exchange.</summary>
    public void StartSalts(AuthKeyResult created) =>
        _salts[created.KeyId] = new ServerSaltSchedule(SessionOptions, created.ServerSalt);

    public MtprotoServerSession NewProtocol(AuthKey key) =>
        new(key, SessionOptions, _salts.GetOrAdd(key.Id, _ => new ServerSaltSchedule(SessionOptions))) { DestroyAuthKeyHandler = DestroyKey };

    // destroy_auth_key: the key is forgotten (its sessions retire with it) and so are its salts; its auth_key_id meets -404 from now on.
    private DestroyAuthKeyRes DestroyKey(AuthKey key)
    {
        if (!Keys.Forget(DcId, key.Id))
            return new DestroyAuthKeyNone();
        _salts.TryRemove(key.Id, out _);
        Log($"auth key {key.Id:x16} destroyed by destroy_auth_key");
        return new DestroyAuthKeyOk();
    }

    private MtprotoSessionOptions SessionOptions => new() { Time = Options.Time };

    public ServerSession SessionFor(AuthKey key, long sessionId) =>
        _sessions.GetOrAdd((key.Id, sessionId), _ => new ServerSession(this, NewProtocol(key)));

    /// <summary>Ends the sessions of a key that no longer acts as it did (expired, forgotten, or its binding replaced): no more pushes reach them.</summary>
    public void RetireSessions(long keyId)
    {
        foreach (var (id, session) in _sessions)
        {
            if (id.KeyId == keyId && _sessions.TryRemove(id, out _))
                session.Dispose();
        }
    }

    public void DisposeSessions()
    {
        foreach (var session in _sessions.Values)
            session.Dispose();
    }
}
