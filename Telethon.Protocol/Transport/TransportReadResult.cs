namespace Telethon.Transport;

/// <summary>The outcome of one read from a transport codec.</summary>
public readonly record struct TransportReadResult
{
    private TransportReadResult(TransportReadStatus status, int payloadLength, bool quickAckRequested, uint quickAckToken, long requiredLength)
    {
        Status = status;
        PayloadLength = payloadLength;
        QuickAckRequested = quickAckRequested;
        QuickAckToken = quickAckToken;
        RequiredLength = requiredLength;
    }

    /// <summary>What was read.</summary>
    public TransportReadStatus Status { get; }

    /// <summary>
    /// For <see cref="TransportReadStatus.Frame"/>: the number of payload bytes written to the output.
    /// For the padded intermediate transport it includes the sender's 0 to 15 padding bytes, which this
    /// layer cannot tell from the payload (the MTProto message layer knows its own lengths).
    /// </summary>
    public int PayloadLength { get; }

    /// <summary>For a <see cref="TransportReadStatus.Frame"/> received by a server codec: the client asked for a quick ack.</summary>
    public bool QuickAckRequested { get; }

    /// <summary>For <see cref="TransportReadStatus.QuickAck"/>: the token as the server computed it, most significant bit set.</summary>
    public uint QuickAckToken { get; }

    /// <summary>
    /// For <see cref="TransportReadStatus.NeedMoreData"/>: the input length (counted from the same
    /// start) needed before another read can make progress; the reader need not call again sooner.
    /// Otherwise 0.
    /// </summary>
    public long RequiredLength { get; }

    internal static TransportReadResult NeedMore(long requiredLength) =>
        new(TransportReadStatus.NeedMoreData, 0, false, 0, requiredLength);

    internal static TransportReadResult ForFrame(int payloadLength, bool quickAckRequested) =>
        new(TransportReadStatus.Frame, payloadLength, quickAckRequested, 0, 0);

    internal static TransportReadResult ForQuickAck(uint token) =>
        new(TransportReadStatus.QuickAck, 0, false, token, 0);
}
