using System.Buffers.Binary;
using System.Text;

namespace Telethon.Tests.Bots;

/// <summary>
/// Writes TL by hand, from the schema's rules alone (little-endian ints, constructor ids as the schema gives them, strings
/// and bytes with their 1- or 4-byte length prefix and padding to 4), as an independent truth for the serializer's output.
/// </summary>
internal sealed class TlBytes
{
    private readonly List<byte> _bytes = [];

    public TlBytes Id(uint constructorId) => Int((int)constructorId);

    public TlBytes Int(int value)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        _bytes.AddRange(buffer.ToArray());
        return this;
    }

    /// <summary>A boxed vector's header: vector#1cb5c415 and the count.</summary>
    public TlBytes Vector(int count) => Id(0x1cb5c415).Int(count);

    public TlBytes String(string value) => Bytes(Encoding.UTF8.GetBytes(value));

    public TlBytes Bytes(byte[] value)
    {
        int header;
        if (value.Length <= 253)
        {
            _bytes.Add((byte)value.Length);
            header = 1;
        }
        else
        {
            _bytes.Add(254);
            _bytes.Add((byte)value.Length);
            _bytes.Add((byte)(value.Length >> 8));
            _bytes.Add((byte)(value.Length >> 16));
            header = 4;
        }
        _bytes.AddRange(value);
        for (var i = (header + value.Length) % 4; i is > 0 and < 4; i++)
            _bytes.Add(0);
        return this;
    }

    public byte[] ToArray() => [.. _bytes];
}
