using Telethon.Transport;

namespace Telethon.Connection;

/// <summary>How a <see cref="DcConnectionActor"/> connects, frames and reconnects.</summary>
internal sealed record DcConnectionOptions
{
    /// <summary>The DC to connect to.</summary>
    public required DcAddress Address { get; init; }

    /// <summary>The transport framing; intermediate by default (abridged is a byte shorter per frame).</summary>
    public TransportKind Transport { get; init; } = TransportKind.Intermediate;

    /// <summary>Wraps the framing in obfuscated2 (needed by MTProxy and where plain MTProto is filtered); not with <see cref="TransportKind.Full"/>.</summary>
    public bool Obfuscated { get; init; }

    /// <summary>The DC id the obfuscated2 header announces; null uses <see cref="DcAddress.DcId"/> (negate it for a media DC).</summary>
    public short? ObfuscatedDcId { get; init; }

    /// <summary>Opens the stream (a direct TCP socket by default; a proxy route when replaced).</summary>
    public IDcConnector Connector { get; init; } = TcpDcConnector.Instance;

    /// <summary>How long one connection attempt may take before it counts as failed.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The first reconnect delay; each further failed attempt doubles it, up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest reconnect delay.</summary>
    public TimeSpan ReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How many failed attempts in a row before the actor stops trying (until told to <see cref="Reconnect"/>); null: forever.</summary>
    public int? MaxReconnectAttempts { get; init; }

    /// <summary>
    /// The most frames waiting to be written. A <see cref="SendFrame"/> beyond it (or beyond
    /// <see cref="MaxQueuedBytes"/>) is refused with <see cref="SendFrameRejected"/>; nothing is dropped silently.
    /// </summary>
    public int MaxQueuedFrames { get; init; } = 256;

    /// <summary>The most payload bytes waiting to be written.</summary>
    public long MaxQueuedBytes { get; init; } = 32L * 1024 * 1024;

    /// <summary>
    /// The most frames read from the connection and told to the owner that it has not yet reported consumed
    /// (<see cref="FramesConsumed"/>). At the limit the connection stops reading: the server's writes wait in TCP.
    /// </summary>
    public int MaxUnconsumedFrames { get; init; } = 64;

    /// <summary>The largest frame accepted in either direction (a longer incoming length prefix closes the connection).</summary>
    public int MaxFrameLength { get; init; } = TransportOptions.DefaultMaxFrameLength;
}
