using System.Buffers.Binary;

namespace Telethon.Tl;

/// <summary>
/// A TL <c>int256</c>: 32 raw bytes (nonces, hashes), kept in wire order as four little-endian words.
/// </summary>
public readonly record struct Int256(ulong W0, ulong W1, ulong W2, ulong W3)
{
    /// <summary>Reads 32 bytes in wire order.</summary>
    /// <exception cref="ArgumentException">Fewer than 32 bytes.</exception>
    public static Int256 FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 32)
            throw new ArgumentException("int256 needs 32 bytes", nameof(bytes));
        return new Int256(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));
    }

    /// <summary>Writes the 32 bytes in wire order.</summary>
    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(destination, W0);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[8..], W1);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[16..], W2);
        BinaryPrimitives.WriteUInt64LittleEndian(destination[24..], W3);
    }

    /// <summary>The 32 bytes in wire order.</summary>
    public byte[] ToByteArray()
    {
        var bytes = new byte[32];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Lowercase hex of the bytes in wire order.</summary>
    public override string ToString() => Convert.ToHexStringLower(ToByteArray());
}
