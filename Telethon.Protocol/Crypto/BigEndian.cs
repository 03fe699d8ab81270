using System.Numerics;

namespace Telethon.Crypto;

/// <summary>Conversions between <see cref="BigInteger"/> and unsigned big-endian byte strings.</summary>
internal static class BigEndian
{
    /// <summary>The unsigned big-endian integer held in <paramref name="bytes"/>.</summary>
    public static BigInteger ToBigInteger(ReadOnlySpan<byte> bytes) => new(bytes, isUnsigned: true, isBigEndian: true);

    /// <summary>The minimal unsigned big-endian bytes of a non-negative value (empty for zero).</summary>
    public static byte[] ToBytes(BigInteger value)
    {
        if (value.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(value), "Only non-negative values have an unsigned encoding.");
        return value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);
    }

    /// <summary>The value as exactly <paramref name="size"/> big-endian bytes, left-padded with zeros.</summary>
    public static byte[] ToBytes(BigInteger value, int size)
    {
        var result = new byte[size];
        Write(value, result);
        return result;
    }

    /// <summary>Writes the value over the whole of <paramref name="destination"/>, left-padded with zeros.</summary>
    public static void Write(BigInteger value, Span<byte> destination)
    {
        if (value.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(value), "Only non-negative values have an unsigned encoding.");
        var count = value.IsZero ? 0 : value.GetByteCount(isUnsigned: true);
        if (count > destination.Length)
            throw new ArgumentException($"The value needs {count} bytes; the destination holds {destination.Length}.", nameof(destination));
        var pad = destination.Length - count;
        destination[..pad].Clear();
        if (count > 0)
            value.TryWriteBytes(destination[pad..], out _, isUnsigned: true, isBigEndian: true);
    }
}
