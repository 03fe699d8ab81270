using System.Buffers.Binary;

namespace Telethon.Transport;

/// <summary>
/// Full: length (payload + 12), sequence number, payload, CRC-32 over the rest, all little-endian.
/// Sequence numbers count from 0 in each direction. No quick acks. A server's transport error
/// is a bare negative 32-bit value where the length would be.
/// </summary>
internal sealed class FullFraming(TransportRole role, int maxFrameLength) : Framing(role, maxFrameLength)
{
    private const int Overhead = 12;
    private int _sendSeq;
    private int _receiveSeq;

    public override TransportKind Kind => TransportKind.Full;

    public override ReadOnlySpan<byte> Tag => [];

    public override bool SupportsQuickAck => false;

    public override bool HasCrc => true;

    public override int WriteHeader(Span<byte> destination, int bodyLength, bool requestQuickAck)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, bodyLength + Overhead);
        BinaryPrimitives.WriteInt32LittleEndian(destination[4..], _sendSeq);
        _sendSeq++;
        return 8;
    }

    public override int WriteQuickAck(Span<byte> destination, uint token, TransportOptions options) =>
        throw new NotSupportedException("The full transport has no quick acks.");

    public override bool TryWriteBareError(Span<byte> destination, int code)
    {
        BinaryPrimitives.WriteInt32LittleEndian(destination, code);
        return true;
    }

    public override FrameHeader ParseHeader(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
            return FrameHeader.NeedMore(4);
        var length = BinaryPrimitives.ReadInt32LittleEndian(head);
        if (length < 0)
        {
            if (Role == TransportRole.Client)
                throw new TransportErrorException(length);
            throw new MalformedFrameException($"A full-transport frame length of {length} is negative.");
        }
        if (length < Overhead)
            throw new MalformedFrameException($"A full-transport frame length of {length} is shorter than its {Overhead} bytes of header and CRC.");
        CheckLength(length - Overhead);
        if (length % 4 != 0)
            throw new MalformedFrameException($"A full-transport frame length of {length} is not a multiple of 4.");
        if (head.Length < 8)
            return FrameHeader.NeedMore(8);
        var seq = BinaryPrimitives.ReadInt32LittleEndian(head[4..]);
        if (seq != _receiveSeq)
            throw new BadSequenceNumberException(_receiveSeq, seq);
        return FrameHeader.Frame(8, length - Overhead, 4, false);
    }

    public override void OnFrameReceived() => _receiveSeq++;
}
