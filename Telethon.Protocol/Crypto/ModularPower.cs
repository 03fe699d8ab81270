using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcBigIntegers = Org.BouncyCastle.Utilities.BigIntegers;

namespace Telethon.Crypto;

/// <summary>
/// Modular exponentiation on unsigned big-endian byte strings, as the Diffie–Hellman steps of the
/// auth-key exchange need it (g^a, g^b and the shared key, 2048-bit exponent and modulus).
/// BouncyCastle's ModPow does these about 1.5 to 2 times faster than
/// <see cref="System.Numerics.BigInteger.ModPow"/> (see DhModPowBenchmarks).
/// </summary>
internal static class ModularPower
{
    /// <summary>
    /// value^exponent mod modulus as exactly <paramref name="size"/> big-endian bytes, left-padded
    /// with zeros. All three inputs are unsigned big-endian integers; the value may exceed the modulus.
    /// </summary>
    /// <exception cref="ArgumentException">The modulus is zero, or the result does not fit in <paramref name="size"/> bytes.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="size"/> is negative.</exception>
    public static byte[] Compute(ReadOnlySpan<byte> value, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var result = new byte[size];
        Compute(value, exponent, modulus, result);
        return result;
    }

    /// <summary>
    /// Writes value^exponent mod modulus over the whole of <paramref name="destination"/> as big-endian
    /// bytes, left-padded with zeros. All three inputs are unsigned big-endian integers; the value may
    /// exceed the modulus.
    /// </summary>
    /// <exception cref="ArgumentException">The modulus is zero, or the result does not fit in <paramref name="destination"/>.</exception>
    public static void Compute(ReadOnlySpan<byte> value, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, Span<byte> destination)
    {
        var m = new BcBigInteger(1, modulus);
        if (m.SignValue == 0)
            throw new ArgumentException("The modulus is zero.", nameof(modulus));
        var power = new BcBigInteger(1, value).ModPow(new BcBigInteger(1, exponent), m);
        var count = power.GetLengthofByteArrayUnsigned();
        if (count > destination.Length)
            throw new ArgumentException($"The result needs {count} bytes; the destination holds {destination.Length}.", nameof(destination));
        BcBigIntegers.AsUnsignedByteArray(power, destination);
    }
}
