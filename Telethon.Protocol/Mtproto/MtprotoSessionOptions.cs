using Telethon.Crypto;

namespace Telethon.Mtproto;

/// <summary>Settings shared by <see cref="MtprotoClientSession"/> and <see cref="MtprotoServerSession"/>.</summary>
public sealed class MtprotoSessionOptions
{
    /// <summary>The clock (msg_ids, time windows, salts). Tests pass a manual one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Random bytes for session ids, padding, salts and unique ids.</summary>
    public IRandomSource Random { get; init; } = SecureRandomSource.Instance;

    /// <summary>Bodies of at least this many bytes are sent as gzip_packed when that makes them smaller; 0 turns compression off.</summary>
    public int CompressionThreshold { get; init; } = 512;

    /// <summary>The most messages one msg_container carries.</summary>
    public int MaxContainerMessages { get; init; } = 1020;

    /// <summary>The most bytes of inner messages (headers included) one msg_container carries.</summary>
    public int MaxContainerBytes { get; init; } = 1024 * 1024;

    /// <summary>The largest body (after compression) a single outgoing message may have.</summary>
    public int MaxBodySize { get; init; } = 1024 * 1024;

    /// <summary>The largest incoming encrypted message accepted.</summary>
    public int MaxIncomingSize { get; init; } = 16 * 1024 * 1024 + 64;

    /// <summary>Incoming msg_ids older than this (by the corrected clock) are rejected.</summary>
    public TimeSpan MaxMsgIdAge { get; init; } = TimeSpan.FromSeconds(300);

    /// <summary>Incoming msg_ids further ahead than this are rejected.</summary>
    public TimeSpan MaxMsgIdLead { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many incoming msg_ids the replay window remembers.</summary>
    public int ReplayWindowSize { get; init; } = 4096;

    /// <summary>Client: answer msg_new_detailed_info with msg_resend_req (true) or only acknowledge it (false).</summary>
    public bool RequestMissedAnswers { get; init; } = true;

    /// <summary>Server: how long a salt stays current before the next one takes over.</summary>
    public TimeSpan SaltLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Server: how long a replaced salt is still accepted.</summary>
    public TimeSpan SaltGracePeriod { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>A copy of these settings on another clock (a runtime that keeps one clock for all its timing).</summary>
    /// <param name="time">The clock of the copy.</param>
    public MtprotoSessionOptions WithTime(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        // Every setting above is copied: keep this list in step with them.
        return new MtprotoSessionOptions
        {
            Time = time,
            Random = Random,
            CompressionThreshold = CompressionThreshold,
            MaxContainerMessages = MaxContainerMessages,
            MaxContainerBytes = MaxContainerBytes,
            MaxBodySize = MaxBodySize,
            MaxIncomingSize = MaxIncomingSize,
            MaxMsgIdAge = MaxMsgIdAge,
            MaxMsgIdLead = MaxMsgIdLead,
            ReplayWindowSize = ReplayWindowSize,
            RequestMissedAnswers = RequestMissedAnswers,
            SaltLifetime = SaltLifetime,
            SaltGracePeriod = SaltGracePeriod,
        };
    }
}
