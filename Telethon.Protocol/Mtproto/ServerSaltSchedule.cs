using System.Buffers.Binary;
using Telethon.Crypto;
using Telethon.Tl.Mtproto.Types;

namespace Telethon.Mtproto;

/// <summary>
/// The server salts of one auth key. On Telegram a salt belongs to the auth key, not to a session: every
/// session of the key (a new session_id, a second connection) accepts the salt that is valid now, and
/// get_future_salts announces the same schedule to all of them. The first salt is the one both sides
/// derived in the auth-key exchange (new_nonce[0:8] XOR server_nonce[0:8]); each salt is current for
/// <see cref="MtprotoSessionOptions.SaltLifetime"/>, then the next (an announced future salt, or a new
/// random one) takes over, and a replaced salt stays accepted for <see cref="MtprotoSessionOptions.SaltGracePeriod"/>.
/// Thread-safe: the sessions of one key share an instance.
/// </summary>
public sealed class ServerSaltSchedule
{
    private const int MaxFutureSalts = 64;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly IRandomSource _random;
    private readonly long _lifetime;
    private readonly TimeSpan _grace;
    private readonly List<FutureSalt> _future = [];
    private FutureSalt _current;
    private long _previous;
    private DateTimeOffset _previousUntil;

    /// <summary>Starts a schedule whose first salt is current from now.</summary>
    /// <param name="options">Clock, randomness (for later salts), salt lifetime and grace period; defaults when null.</param>
    /// <param name="firstSalt">The first salt: the one derived in the auth-key exchange; a random one when null.</param>
    public ServerSaltSchedule(MtprotoSessionOptions? options = null, long? firstSalt = null)
    {
        options ??= new MtprotoSessionOptions();
        _time = options.Time;
        _random = options.Random;
        _lifetime = Math.Max(1, (long)options.SaltLifetime.TotalSeconds);
        _grace = options.SaltGracePeriod;
        var now = Now.ToUnixTimeSeconds();
        _current = firstSalt is { } salt
            ? new FutureSalt { ValidSince = (int)now, ValidUntil = (int)(now + _lifetime), Salt = salt }
            : NewSalt(now, now + _lifetime);
    }

    /// <summary>The salt valid now (what bad_server_salt and new_session_created announce).</summary>
    public long Current
    {
        get
        {
            lock (_gate)
            {
                Advance();
                return _current.Salt;
            }
        }
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Whether a client message with <paramref name="salt"/> is accepted now: the current salt, or the one it replaced during the grace period.</summary>
    public bool Accepts(long salt)
    {
        lock (_gate)
        {
            Advance();
            return salt == _current.Salt || (salt == _previous && Now < _previousUntil);
        }
    }

    /// <summary>
    /// Replaces the current salt with a new random one valid from now; the old one is still accepted for
    /// <paramref name="keepPreviousFor"/> (the grace period when null). Announced future salts are dropped.
    /// </summary>
    /// <returns>The new salt.</returns>
    public long Rotate(TimeSpan? keepPreviousFor = null)
    {
        lock (_gate)
        {
            Advance();
            _previous = _current.Salt;
            _previousUntil = Now + (keepPreviousFor ?? _grace);
            _future.Clear();
            var now = Now.ToUnixTimeSeconds();
            _current = NewSalt(now, now + _lifetime);
            return _current.Salt;
        }
    }

    /// <summary>
    /// The current salt followed by the next ones, <paramref name="count"/> in all (1 to 64), as future_salts
    /// carries them; the schedule keeps them, so every session of the key announces the same salts.
    /// </summary>
    public FutureSalt[] Upcoming(int count)
    {
        count = Math.Clamp(count, 1, MaxFutureSalts);
        lock (_gate)
        {
            Advance();
            while (_future.Count < count - 1)
            {
                var since = _future.Count > 0 ? _future[^1].ValidUntil : _current.ValidUntil;
                _future.Add(NewSalt(since, since + _lifetime));
            }
            return [Copy(_current), .. _future.Take(count - 1).Select(Copy)];
        }
    }

    private static FutureSalt Copy(FutureSalt salt) => new() { ValidSince = salt.ValidSince, ValidUntil = salt.ValidUntil, Salt = salt.Salt };

    // Moves to the salt of the current time window; what was replaced stays accepted for the grace period.
    private void Advance()
    {
        var now = Now.ToUnixTimeSeconds();
        while (now >= _current.ValidUntil)
        {
            _previous = _current.Salt;
            _previousUntil = DateTimeOffset.FromUnixTimeSeconds(_current.ValidUntil) + _grace;
            if (_future.Count > 0)
            {
                _current = _future[0];
                _future.RemoveAt(0);
            }
            else
            {
                var since = now - _current.ValidUntil >= _lifetime ? now : _current.ValidUntil;
                _current = NewSalt(since, since + _lifetime);
            }
        }
    }

    private FutureSalt NewSalt(long since, long until)
    {
        Span<byte> bytes = stackalloc byte[8];
        _random.Fill(bytes);
        return new FutureSalt { ValidSince = (int)since, ValidUntil = (int)until, Salt = BinaryPrimitives.ReadInt64LittleEndian(bytes) };
    }
}
