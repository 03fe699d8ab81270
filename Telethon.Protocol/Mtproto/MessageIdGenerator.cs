namespace Telethon.Mtproto;

/// <summary>
/// Makes MTProto msg_ids: the upper 32 bits are the unix time in seconds, the lower 32 bits the
/// nanoseconds of that second with the lowest two bits set by the sender's role (0 for a client,
/// 1 for a server's response, 3 for a server's own message). Ids are strictly increasing; the clock is
/// the local one plus <see cref="ClockOffset"/>, which a client learns from the server.
/// </summary>
public sealed class MessageIdGenerator
{
    private readonly TimeProvider _time;
    private long _last;

    /// <summary>Creates a generator over <paramref name="time"/> (the system clock when null).</summary>
    public MessageIdGenerator(TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Server time minus local time, added to the local clock for every id.</summary>
    public TimeSpan ClockOffset { get; set; }

    /// <summary>The last id handed out (0 before the first).</summary>
    public long LastId => _last;

    /// <summary>The corrected current time (local clock plus <see cref="ClockOffset"/>).</summary>
    public DateTimeOffset Now => _time.GetUtcNow() + ClockOffset;

    /// <summary>The next client msg_id (divisible by 4).</summary>
    public long NextClientId() => Next(0);

    /// <summary>The next server msg_id: ≡ 1 mod 4 for a response to a client message, ≡ 3 otherwise.</summary>
    public long NextServerId(bool isResponse) => Next(isResponse ? 1 : 3);

    /// <summary>
    /// Sets <see cref="ClockOffset"/> so that the local clock agrees with the time of a server msg_id
    /// (after a bad_msg_notification 16 or 17), and lets the next id start from the corrected time.
    /// </summary>
    public void SynchronizeWith(long serverMsgId)
    {
        ClockOffset = TimeSpan.FromSeconds((serverMsgId >> 32) - _time.GetUtcNow().ToUnixTimeSeconds());
        _last = 0;
    }

    /// <summary>The msg_id of <paramref name="time"/> with the two low bits clear.</summary>
    public static long FromTime(DateTimeOffset time)
    {
        var ticks = time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var seconds = ticks / TimeSpan.TicksPerSecond;
        var nanos = ticks % TimeSpan.TicksPerSecond * 100;
        return (seconds << 32) | (nanos & ~3L);
    }

    /// <summary>The time (whole seconds) a msg_id carries.</summary>
    public static DateTimeOffset ToTime(long msgId) => DateTimeOffset.FromUnixTimeSeconds(msgId >> 32);

    private long Next(int residue)
    {
        var candidate = FromTime(Now);
        var lastBase = _last & ~3L;
        if (candidate <= lastBase)
            candidate = lastBase + 4;
        _last = candidate | (long)residue;
        return _last;
    }
}
