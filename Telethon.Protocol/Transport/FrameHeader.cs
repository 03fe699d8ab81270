namespace Telethon.Transport;

/// <summary>What a framing made of the first bytes of an item on the wire.</summary>
internal enum FrameHeaderKind
{
    NeedMore,
    Frame,
    QuickAck,
}

/// <summary>The parsed header of the next item in a received byte stream.</summary>
internal readonly struct FrameHeader
{
    private FrameHeader(FrameHeaderKind kind, int headerLength, int bodyLength, int trailerLength, bool quickAckRequested, uint token)
    {
        Kind = kind;
        HeaderLength = headerLength;
        BodyLength = bodyLength;
        TrailerLength = trailerLength;
        QuickAckRequested = quickAckRequested;
        Token = token;
    }

    public FrameHeaderKind Kind { get; }

    /// <summary>For NeedMore: header bytes needed. For Frame and QuickAck: header bytes on the wire.</summary>
    public int HeaderLength { get; }

    public int BodyLength { get; }

    public int TrailerLength { get; }

    public bool QuickAckRequested { get; }

    public uint Token { get; }

    public long TotalLength => (long)HeaderLength + BodyLength + TrailerLength;

    public static FrameHeader NeedMore(int headerBytes) => new(FrameHeaderKind.NeedMore, headerBytes, 0, 0, false, 0);

    public static FrameHeader Frame(int headerLength, int bodyLength, int trailerLength, bool quickAckRequested) =>
        new(FrameHeaderKind.Frame, headerLength, bodyLength, trailerLength, quickAckRequested, 0);

    /// <summary>A quick ack of <paramref name="length"/> bytes on the wire (4, or a padded frame of up to 20).</summary>
    public static FrameHeader QuickAck(uint token, int length = 4) => new(FrameHeaderKind.QuickAck, length, 0, 0, false, token);
}
