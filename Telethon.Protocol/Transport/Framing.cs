namespace Telethon.Transport;

/// <summary>
/// The header and trailer rules of one framing for one end of a connection. Parsing never
/// changes state (it may run many times over the same bytes while more arrive); the codec calls
/// <see cref="OnFrameReceived"/> once a frame is consumed.
/// </summary>
internal abstract class Framing
{
    /// <summary>Room for the longest header (full: length and sequence number).</summary>
    public const int MaxHeaderLength = 8;

    protected Framing(TransportRole role, int maxFrameLength)
    {
        Role = role;
        MaxFrameLength = maxFrameLength;
    }

    public TransportRole Role { get; }

    public int MaxFrameLength { get; }

    public abstract TransportKind Kind { get; }

    /// <summary>The tag a client sends once before its first frame when not obfuscated.</summary>
    public abstract ReadOnlySpan<byte> Tag { get; }

    public abstract bool SupportsQuickAck { get; }

    /// <summary>Whether a CRC-32 over header and body follows the body.</summary>
    public virtual bool HasCrc => false;

    /// <summary>The longest body a client treats as a candidate transport error (a negative int32 and any padding).</summary>
    public virtual int MaxErrorBodyLength => 4;

    /// <summary>Number of random padding bytes to append to a payload of this length.</summary>
    public virtual int ChoosePadding(int payloadLength, TransportOptions options) => 0;

    /// <summary>Writes the header of a frame whose body (payload and padding) has <paramref name="bodyLength"/> bytes.</summary>
    public abstract int WriteHeader(Span<byte> destination, int bodyLength, bool requestQuickAck);

    /// <summary>The most bytes <see cref="WriteQuickAck"/> writes (padded intermediate: length, marker, token and 8 bytes of padding).</summary>
    public const int MaxQuickAckLength = 4 + 16;

    /// <summary>
    /// Writes the quick-ack answer as this framing sends it (at most <see cref="MaxQuickAckLength"/> bytes) and returns
    /// its length; the token already has its top bit set.
    /// </summary>
    public abstract int WriteQuickAck(Span<byte> destination, uint token, TransportOptions options);

    /// <summary>
    /// Writes a transport error the way this framing's clients recognise it, or returns false when
    /// it goes as an ordinary frame whose payload is the code.
    /// </summary>
    public virtual bool TryWriteBareError(Span<byte> destination, int code) => false;

    /// <summary>Parses the start of the next item from the first (decrypted) bytes available.</summary>
    public abstract FrameHeader ParseHeader(ReadOnlySpan<byte> head);

    public virtual void OnFrameReceived()
    {
    }

    protected void CheckLength(long bodyLength)
    {
        if (bodyLength > MaxFrameLength)
            throw new FrameTooLargeException(bodyLength, MaxFrameLength);
    }
}
