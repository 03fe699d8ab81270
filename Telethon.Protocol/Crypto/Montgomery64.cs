using System.Runtime.CompilerServices;

namespace Telethon.Crypto;

/// <summary>
/// Montgomery arithmetic modulo an odd 64-bit number, R = 2^64: multiplication without a 128-bit
/// division. Values handed to <see cref="Multiply"/> must already be in Montgomery form and below N.
/// </summary>
internal readonly struct Montgomery64
{
    /// <summary>The odd modulus.</summary>
    public readonly ulong N;

    /// <summary>N^-1 mod 2^64.</summary>
    private readonly ulong _inverse;

    /// <summary>R^2 mod N, to convert into Montgomery form.</summary>
    private readonly ulong _r2;

    /// <summary>1 in Montgomery form (R mod N).</summary>
    public readonly ulong One;

    public Montgomery64(ulong n)
    {
        if ((n & 1) == 0 || n < 3)
            throw new ArgumentOutOfRangeException(nameof(n), n, "Montgomery arithmetic needs an odd modulus above 2.");
        N = n;
        // Newton's iteration: each step doubles the number of correct low bits (n*n == 1 mod 8 to start).
        var inverse = n;
        for (var i = 0; i < 5; i++)
            inverse *= 2 - n * inverse;
        _inverse = inverse;
        One = (ulong)(((UInt128)1 << 64) % n);
        _r2 = (ulong)(((UInt128)One << 64) % n);
    }

    /// <summary>a * b * R^-1 mod N, for a and b below N.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Multiply(ulong a, ulong b)
    {
        var high = Math.BigMul(a, b, out var low);
        // With m = low * N^-1, m * N has the same low word as a * b, so (a*b - m*N) / 2^64 = high - mHigh.
        var m = low * _inverse;
        var mHigh = Math.BigMul(m, N, out _);
        return high >= mHigh ? high - mHigh : high - mHigh + N;
    }

    /// <summary>(a + b) mod N, for a and b below N.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Add(ulong a, ulong b)
    {
        var sum = a + b;
        return sum < a || sum >= N ? sum - N : sum;
    }

    /// <summary>Converts a value into Montgomery form.</summary>
    public ulong ToMontgomery(ulong a) => Multiply(a % N, _r2);

    /// <summary>base^exponent, both base and result in Montgomery form.</summary>
    public ulong Power(ulong value, ulong exponent)
    {
        var result = One;
        while (exponent != 0)
        {
            if ((exponent & 1) != 0)
                result = Multiply(result, value);
            value = Multiply(value, value);
            exponent >>= 1;
        }
        return result;
    }
}
