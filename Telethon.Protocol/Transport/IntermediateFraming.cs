using System.Buffers.Binary;

namespace Telethon.Transport;

/// <summary>
/// Intermediate and padded intermediate: a 4-byte little-endian length. A client sets its top
/// bit to request a quick ack. The server's quick ack is, on intermediate, the token alone
/// (little-endian, top bit set, so it cannot be read as a length); on padded intermediate, a frame of
/// 8 to 16 bytes: 0xffffffff, the token, and 0 to 8 random bytes (shorter than any MTProto packet, and
/// not a transport error). Padded frames carry 0 to 15 random bytes after the payload, counted in the length.
/// </summary>
internal sealed class IntermediateFraming(TransportRole role, int maxFrameLength, bool padded) : Framing(role, maxFrameLength)
{
    private static readonly byte[] PlainTag = [0xee, 0xee, 0xee, 0xee];
    private static readonly byte[] PaddedTag = [0xdd, 0xdd, 0xdd, 0xdd];

    // Padded intermediate: a server frame this short that starts with all bits set is a quick ack.
    private const uint QuickAckMarker = 0xffff_ffffu;
    private const int MaxQuickAckBody = 16;

    public override TransportKind Kind => padded ? TransportKind.PaddedIntermediate : TransportKind.Intermediate;

    public override ReadOnlySpan<byte> Tag => padded ? PaddedTag : PlainTag;

    public override bool SupportsQuickAck => true;

    public override int MaxErrorBodyLength => padded ? 4 + 15 : 4;

    public override int ChoosePadding(int payloadLength, TransportOptions options)
    {
        if (!padded)
            return 0;
        Span<byte> random = stackalloc byte[1];
        options.Fill(random);
        return Math.Min(random[0] & 15, MaxFrameLength - payloadLength);
    }

    public override int WriteHeader(Span<byte> destination, int bodyLength, bool requestQuickAck)
    {
        var value = (uint)bodyLength | (requestQuickAck ? 0x8000_0000u : 0);
        BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
        return 4;
    }

    public override int WriteQuickAck(Span<byte> destination, uint token, TransportOptions options)
    {
        if (!padded)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(destination, token);
            return 4;
        }
        Span<byte> random = stackalloc byte[1];
        options.Fill(random);
        var padding = random[0] % (MaxQuickAckBody - 8 + 1);
        BinaryPrimitives.WriteInt32LittleEndian(destination, 8 + padding);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[4..], QuickAckMarker);
        BinaryPrimitives.WriteUInt32LittleEndian(destination[8..], token);
        options.Fill(destination.Slice(12, padding));
        return 12 + padding;
    }

    public override FrameHeader ParseHeader(ReadOnlySpan<byte> head)
    {
        if (head.Length < 4)
            return FrameHeader.NeedMore(4);
        var value = BinaryPrimitives.ReadUInt32LittleEndian(head);
        var quickAck = false;
        if ((value & 0x8000_0000u) != 0)
        {
            if (Role == TransportRole.Client)
                return FrameHeader.QuickAck(value);
            quickAck = true;
            value &= 0x7fff_ffffu;
        }
        CheckLength(value);
        if (padded && Role == TransportRole.Client && value is >= 8 and <= MaxQuickAckBody)
        {
            if (head.Length < 8)
                return FrameHeader.NeedMore(8);
            if (BinaryPrimitives.ReadUInt32LittleEndian(head[4..]) == QuickAckMarker)
            {
                if (head.Length < 12)
                    return FrameHeader.NeedMore(12);
                return FrameHeader.QuickAck(BinaryPrimitives.ReadUInt32LittleEndian(head[8..]), 4 + (int)value);
            }
        }
        if (!padded && value % 4 != 0)
            throw new MalformedFrameException($"An intermediate-transport frame length of {value} is not a multiple of 4.");
        return FrameHeader.Frame(4, (int)value, 0, quickAck);
    }
}
