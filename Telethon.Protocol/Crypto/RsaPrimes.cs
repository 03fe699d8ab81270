using System.Numerics;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Telethon.Crypto;

/// <summary>
/// The primes of the server's RSA keys: 1024-bit primes of at least ⌈√0.995·2^1024⌉, so that the
/// product of two of them is at least 0.995·2^2048, with p − 1 prime to the public exponent.
/// </summary>
internal static class RsaPrimes
{
    /// <summary>The public exponent, 65537 (a prime, so p − 1 is prime to it unless p ≡ 1 mod 65537).</summary>
    public static readonly BigInteger PublicExponent = 65537;

    /// <summary>The least prime drawn: ⌈√(0.995·2^2048)⌉.</summary>
    public static readonly BigInteger Low = IntegerSquareRoot((BigInteger.One << 2048) * 995 / 1000) + 1;

    /// <summary>Every prime drawn is below 2^1024.</summary>
    public static readonly BigInteger High = BigInteger.One << 1024;

    // Odd numbers searched upward from each random start before drawing another start.
    private const int Window = 4096;

    // Miller–Rabin rounds with random bases (a composite passes one with probability at most 1/4, a random 1024-bit
    // composite with far less: FIPS 186-5 asks for 4 rounds for a 2^-100 error at this size).
    private const int Rounds = 8;

    private static readonly int[] SievePrimes = OddPrimesBelow(1 << 16);

    /// <summary>A random probable prime in [<see cref="Low"/>, <see cref="High"/>) with p ≢ 1 (mod 65537).</summary>
    public static BigInteger Next(IRandomSource random)
    {
        var width = High - Low;
        var bytes = new byte[width.GetByteCount(isUnsigned: true) + 8];
        var composite = new bool[Window];
        while (true)
        {
            // A start uniform enough in [Low, High): 64 extra random bits make the modulo bias negligible.
            random.Fill(bytes);
            var start = Low + new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % width;
            if (start.IsEven)
                start += 1;
            Sieve(start, composite);
            for (var i = 0; i < Window; i++)
            {
                if (composite[i])
                    continue;
                var candidate = start + 2 * i;
                if (candidate >= High)
                    break;
                if (candidate % PublicExponent == 1)
                    continue;
                if (PassesMillerRabin(candidate, random))
                    return candidate;
            }
        }
    }

    /// <summary>The inverse of <paramref name="value"/> modulo <paramref name="modulus"/>; they must be coprime.</summary>
    /// <exception cref="ArgumentException">They are not coprime.</exception>
    public static BigInteger ModInverse(BigInteger value, BigInteger modulus)
    {
        BigInteger r0 = modulus, r1 = value % modulus;
        BigInteger t0 = 0, t1 = 1;
        while (!r1.IsZero)
        {
            var quotient = BigInteger.DivRem(r0, r1, out var remainder);
            (r0, r1) = (r1, remainder);
            (t0, t1) = (t1, t0 - quotient * t1);
        }
        if (!r0.IsOne)
            throw new ArgumentException("The value has no inverse: it is not prime to the modulus.", nameof(value));
        return t0.Sign < 0 ? t0 + modulus : t0;
    }

    /// <summary>⌊√<paramref name="value"/>⌋ by Newton's method.</summary>
    public static BigInteger IntegerSquareRoot(BigInteger value)
    {
        if (value.Sign < 0)
            throw new ArgumentOutOfRangeException(nameof(value), "A negative number has no square root.");
        if (value < 2)
            return value;
        var x = BigInteger.One << (int)((value.GetBitLength() + 1) / 2);
        while (true)
        {
            var y = (x + value / x) >> 1;
            if (y >= x)
                return x;
            x = y;
        }
    }

    // Miller–Rabin over BouncyCastle's Montgomery ModPow, about twice as fast as BigInteger.ModPow at 1024 bits.
    private static bool PassesMillerRabin(BigInteger candidate, IRandomSource random)
    {
        var n = new BcBigInteger(1, candidate.ToByteArray(isUnsigned: true, isBigEndian: true));
        var nMinusOne = n.Subtract(BcBigInteger.One);
        var s = nMinusOne.GetLowestSetBit();
        var d = nMinusOne.ShiftRight(s);
        var range = candidate - 3;
        var bytes = new byte[candidate.GetByteCount(isUnsigned: true) + 8];
        for (var round = 0; round < Rounds; round++)
        {
            random.Fill(bytes);
            var a = new BigInteger(bytes, isUnsigned: true, isBigEndian: true) % range + 2;
            var x = new BcBigInteger(1, a.ToByteArray(isUnsigned: true, isBigEndian: true)).ModPow(d, n);
            if (x.Equals(BcBigInteger.One) || x.Equals(nMinusOne))
                continue;
            var witness = true;
            for (var i = 1; i < s && witness; i++)
            {
                x = x.ModPow(BcBigInteger.Two, n);
                if (x.Equals(nMinusOne))
                    witness = false;
                else if (x.Equals(BcBigInteger.One))
                    break;
            }
            if (witness)
                return false;
        }
        return true;
    }

    // Marks start + 2i for every i that has a factor among the sieve primes (start is odd and far above them).
    private static void Sieve(BigInteger start, bool[] composite)
    {
        Array.Clear(composite);
        foreach (var prime in SievePrimes)
        {
            var remainder = (int)(start % prime);
            // start + 2i ≡ 0 (mod prime) ⇔ i ≡ −start · 2⁻¹, and 2⁻¹ ≡ (prime + 1) / 2.
            var first = (int)((long)(prime - remainder) % prime * ((prime + 1) / 2) % prime);
            for (var i = first; i < composite.Length; i += prime)
                composite[i] = true;
        }
    }

    private static int[] OddPrimesBelow(int limit)
    {
        var sieve = new bool[limit];
        var primes = new List<int>();
        for (var i = 3; i < limit; i += 2)
        {
            if (sieve[i])
                continue;
            primes.Add(i);
            for (var j = (long)i * i; j < limit; j += 2 * i)
                sieve[j] = true;
        }
        return [.. primes];
    }
}
