using Telethon.Crypto;
using Telethon.TestServer.Rpc;

namespace Telethon.TestServer.Network;

/// <summary>
/// The auth keys each DC has created: a key made on one DC is unknown to the others, as on Telegram. A temporary key
/// (made with expires_in) is forgotten once it expires on the server's clock, and may be bound to a permanent key with
/// auth.bindTempAuthKey; it then acts for that key, one temporary key per permanent key at a time.
/// </summary>
internal sealed class AuthKeyStore : ITempKeyDirectory
{
    private readonly Dictionary<(int Dc, long Id), Entry> _keys = [];
    // Which temporary key acts for a permanent key now.
    private readonly Dictionary<(int Dc, long PermanentId), long> _boundTemporary = [];
    private readonly object _gate = new();
    private readonly TimeProvider _time;
    private long _bindings;

    public AuthKeyStore(TimeProvider time) => _time = time;

    /// <summary>
    /// Tells (outside the store's lock) that a key stopped acting as it did: a temporary key expired, was forgotten, or
    /// lost its binding to a newer one.
    /// </summary>
    public event Action<int, long>? Retired;

    public int Count
    {
        get
        {
            lock (_gate)
                return _keys.Count;
        }
    }

    /// <summary>How many bindings succeeded.</summary>
    public long Bindings => Interlocked.Read(ref _bindings);

    /// <summary>Whether the id is taken (expired keys included: an exchange never makes a key with a known id).</summary>
    public bool Contains(int dc, long id)
    {
        lock (_gate)
            return _keys.ContainsKey((dc, id));
    }

    /// <summary>Adds a key; a temporary one expires at <paramref name="expiresAt"/>.</summary>
    public bool TryAdd(int dc, AuthKey key, DateTimeOffset? expiresAt = null)
    {
        lock (_gate)
            return _keys.TryAdd((dc, key.Id), new Entry(key, expiresAt));
    }

    /// <inheritdoc />
    public AuthKey? Find(int dc, long id) => Read(dc, id, entry => entry?.Key);

    /// <inheritdoc />
    public bool IsTemporary(int dc, long id) => Read(dc, id, entry => entry?.ExpiresAt is not null);

    /// <summary>The key a message on <paramref name="id"/> acts for: the permanent key a live temporary key is bound to, or the key itself.</summary>
    public long ActingKeyId(int dc, long id) => Read(dc, id, entry => entry?.BoundTo ?? id);

    /// <summary>The temporary key bound to a permanent key now, or null.</summary>
    public long? BoundTemporaryKey(int dc, long permanentId)
    {
        List<long>? retired = null;
        long? bound;
        lock (_gate)
            bound = _boundTemporary.TryGetValue((dc, permanentId), out var temporary) && Live(dc, temporary, ref retired) is not null ? temporary : null;
        Announce(dc, retired);
        return bound;
    }

    /// <inheritdoc />
    public TempKeyBindOutcome Bind(int dc, long temporaryId, long permanentId, DateTimeOffset expiresAt)
    {
        List<long>? retired = null;
        TempKeyBindOutcome outcome;
        lock (_gate)
            outcome = BindLocked(dc, temporaryId, permanentId, expiresAt, ref retired);
        Announce(dc, retired);
        return outcome;
    }

    /// <summary>Forgets a key at once, as a server that lost it (temporary keys live in RAM only); true when it was known.</summary>
    public bool Forget(int dc, long id)
    {
        lock (_gate)
        {
            if (!_keys.Remove((dc, id)))
                return false;
        }
        Retired?.Invoke(dc, id);
        return true;
    }

    private TempKeyBindOutcome BindLocked(int dc, long temporaryId, long permanentId, DateTimeOffset expiresAt, ref List<long>? retired)
    {
        if (Live(dc, temporaryId, ref retired) is not { ExpiresAt: not null } temporary)
            return TempKeyBindOutcome.NotTemporary;
        if (temporary.BoundTo is { } bound && bound != permanentId)
            return TempKeyBindOutcome.AlreadyBound;
        if (_boundTemporary.TryGetValue((dc, permanentId), out var previous) && previous != temporaryId
            && _keys.TryGetValue((dc, previous), out var old))
        {
            // One temporary key per permanent key: the previous one acts for nobody from now on.
            old.BoundTo = null;
            (retired ??= []).Add(previous);
        }
        temporary.BoundTo = permanentId;
        if (expiresAt < temporary.ExpiresAt)
            temporary.ExpiresAt = expiresAt;
        _boundTemporary[(dc, permanentId)] = temporaryId;
        Interlocked.Increment(ref _bindings);
        return TempKeyBindOutcome.Bound;
    }

    private T Read<T>(int dc, long id, Func<Entry?, T> read)
    {
        List<long>? retired = null;
        T value;
        lock (_gate)
            value = read(Live(dc, id, ref retired));
        Announce(dc, retired);
        return value;
    }

    // The entry of a key that has not expired; an expired one is noted in retired the first time it is seen.
    private Entry? Live(int dc, long id, ref List<long>? retired)
    {
        if (!_keys.TryGetValue((dc, id), out var entry))
            return null;
        if (entry.ExpiresAt is not { } expiresAt || _time.GetUtcNow() < expiresAt)
            return entry;
        // An expired key keeps its id (Contains), so that no exchange makes it again; only its use ends.
        if (!entry.Expired)
        {
            entry.Expired = true;
            entry.BoundTo = null;
            (retired ??= []).Add(id);
        }
        return null;
    }

    private void Announce(int dc, List<long>? retired)
    {
        if (retired is null)
            return;
        foreach (var id in retired)
            Retired?.Invoke(dc, id);
    }

    private sealed class Entry(AuthKey key, DateTimeOffset? expiresAt)
    {
        public AuthKey Key { get; } = key;

        /// <summary>When a temporary key stops being accepted (the earlier of its expires_in and its binding's expires_at); null for a permanent key.</summary>
        public DateTimeOffset? ExpiresAt { get; set; } = expiresAt;

        /// <summary>The permanent key a temporary key acts for.</summary>
        public long? BoundTo { get; set; }

        public bool Expired { get; set; }
    }
}
