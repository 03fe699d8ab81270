using System.Numerics;

namespace Telethon.Crypto;

/// <summary>Primality tests: deterministic for 64-bit numbers, probabilistic for larger ones.</summary>
public static class Primality
{
    /// <summary>Odd primes below 256, for trial division before Miller–Rabin.</summary>
    private static readonly ushort[] SmallPrimes =
    [
        3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97,
        101, 103, 107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167, 173, 179, 181, 191, 193,
        197, 199, 211, 223, 227, 229, 233, 239, 241, 251,
    ];

    /// <summary>Miller–Rabin bases that decide primality for every n below 2^64 (J. Sinclair's set).</summary>
    private static readonly ulong[] DeterministicBases = [2, 325, 9375, 28178, 450775, 9780504, 1795265022];

    /// <summary>Whether <paramref name="n"/> is prime; exact for every 64-bit value.</summary>
    public static bool IsPrime(ulong n)
    {
        if (n < 2)
            return false;
        if ((n & 1) == 0)
            return n == 2;
        foreach (var p in SmallPrimes)
        {
            if (n == p)
                return true;
            if (n % p == 0)
                return false;
        }
        if (n < 256UL * 256UL)
            return true; // no prime factor below 256 and below 256^2: prime

        var mont = new Montgomery64(n);
        var minusOne = mont.ToMontgomery(n - 1);
        var d = n - 1;
        var s = BitOperations.TrailingZeroCount(d);
        d >>= s;
        foreach (var a in DeterministicBases)
        {
            var basis = a % n;
            if (basis == 0)
                continue;
            if (!MillerRabinRound(mont, mont.ToMontgomery(basis), d, s, minusOne))
                return false;
        }
        return true;
    }

    /// <summary>
    /// Whether <paramref name="n"/> is probably prime: exact below 2^64, otherwise trial division
    /// then <paramref name="rounds"/> Miller–Rabin rounds with random bases (a composite passes
    /// with probability at most 4^-rounds, whatever its form).
    /// </summary>
    /// <param name="n">The number to test.</param>
    /// <param name="rounds">Miller–Rabin rounds for numbers of 64 bits and more; at least 1.</param>
    /// <param name="random">Source of the random bases.</param>
    public static bool IsProbablePrime(BigInteger n, int rounds, IRandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        ArgumentNullException.ThrowIfNull(random);
        if (n.Sign <= 0)
            return false;
        if (n <= ulong.MaxValue)
            return IsPrime((ulong)n);
        if (n.IsEven)
            return false;
        foreach (var p in SmallPrimes)
        {
            if (n % p == 0)
                return false;
        }

        var nMinusOne = n - 1;
        var s = (int)BigInteger.TrailingZeroCount(nMinusOne);
        var d = nMinusOne >> s;
        var byteCount = n.GetByteCount(isUnsigned: true) + 8;
        var buffer = new byte[byteCount];
        for (var round = 0; round < rounds; round++)
        {
            // A base uniform enough in [2, n - 2]: 64 extra random bits make the modulo bias negligible.
            random.Fill(buffer);
            var a = new BigInteger(buffer, isUnsigned: true, isBigEndian: true) % (n - 3) + 2;
            var x = BigInteger.ModPow(a, d, n);
            if (x.IsOne || x == nMinusOne)
                continue;
            var composite = true;
            for (var i = 1; i < s; i++)
            {
                x = BigInteger.ModPow(x, 2, n);
                if (x == nMinusOne)
                {
                    composite = false;
                    break;
                }
                if (x.IsOne)
                    break;
            }
            if (composite)
                return false;
        }
        return true;
    }

    private static bool MillerRabinRound(Montgomery64 mont, ulong basis, ulong d, int s, ulong minusOne)
    {
        var x = mont.Power(basis, d);
        if (x == mont.One || x == minusOne)
            return true;
        for (var i = 1; i < s; i++)
        {
            x = mont.Multiply(x, x);
            if (x == minusOne)
                return true;
            if (x == mont.One)
                return false;
        }
        return false;
    }
}
