using System.Buffers.Binary;

namespace Telethon.Transport;

/// <summary>
/// Abridged: one length byte (length / 4) below 0x7f, else 0x7f and the length / 4 in three
/// little-endian bytes. A client sets the top bit of the first byte to request a quick ack; the
/// server's quick ack is the token big-endian, so its first byte has the top bit set.
/// </summary>
internal sealed class AbridgedFraming(TransportRole role, int maxFrameLength) : Framing(role, maxFrameLength)
{
    private static readonly byte[] TagBytes = [0xef];

    public override TransportKind Kind => TransportKind.Abridged;

    public override ReadOnlySpan<byte> Tag => TagBytes;

    public override bool SupportsQuickAck => true;

    public override int WriteHeader(Span<byte> destination, int bodyLength, bool requestQuickAck)
    {
        var words = bodyLength / 4;
        var flag = requestQuickAck ? 0x80 : 0;
        if (words < 0x7f)
        {
            destination[0] = (byte)(words | flag);
            return 1;
        }
        destination[0] = (byte)(0x7f | flag);
        destination[1] = (byte)words;
        destination[2] = (byte)(words >> 8);
        destination[3] = (byte)(words >> 16);
        return 4;
    }

    public override int WriteQuickAck(Span<byte> destination, uint token, TransportOptions options)
    {
        BinaryPrimitives.WriteUInt32BigEndian(destination, token);
        return 4;
    }

    public override FrameHeader ParseHeader(ReadOnlySpan<byte> head)
    {
        if (head.Length < 1)
            return FrameHeader.NeedMore(1);
        int first = head[0];
        var quickAck = false;
        if ((first & 0x80) != 0)
        {
            if (Role == TransportRole.Client)
            {
                if (head.Length < 4)
                    return FrameHeader.NeedMore(4);
                return FrameHeader.QuickAck(BinaryPrimitives.ReadUInt32BigEndian(head));
            }
            quickAck = true;
            first &= 0x7f;
        }
        if (first < 0x7f)
            return FrameHeader.Frame(1, first * 4, 0, quickAck);
        if (head.Length < 4)
            return FrameHeader.NeedMore(4);
        var length = (head[1] | (head[2] << 8) | (head[3] << 16)) * 4L;
        CheckLength(length);
        return FrameHeader.Frame(4, (int)length, 0, quickAck);
    }
}
