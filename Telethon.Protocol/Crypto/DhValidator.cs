using System.Collections.Concurrent;
using System.Numerics;

namespace Telethon.Crypto;

/// <summary>
/// The Diffie–Hellman checks MTProto requires of a client (and that the project's server applies to
/// clients' values), per core.telegram.org/mtproto/security_guidelines and /mtproto/auth_key:
/// dh_prime is a 2048-bit safe prime, g is 2..7 and generates the cyclic subgroup of prime order
/// (p-1)/2, and every public value g_a, g_b (and SRP's A and B) lies in
/// [2^(2048-64), p - 2^(2048-64)], which implies 1 &lt; value &lt; p - 1.
/// </summary>
public static class DhValidator
{
    /// <summary>Miller–Rabin rounds for a prime that is not Telegram's (error at most 2^-64 each for p and (p-1)/2).</summary>
    private const int PrimalityRounds = 32;

    /// <summary>How many verified non-standard primes are remembered.</summary>
    private const int CacheLimit = 16;

    private static readonly byte[] TelegramPrimeBigEndian = Convert.FromHexString(
        "c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f" +
        "48198a0aa7c14058229493d22530f4dbfa336f6e0ac925139543aed44cce7c37" +
        "20fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64" +
        "2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4" +
        "a4a695811051907e162753b56b0f6b410dba74d8a84b2a14b3144e0ef1284754" +
        "fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4" +
        "e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f" +
        "0d8115f635b105ee2e4e15d04b2454bf6f4fadf034b10403119cd8e3b92fcc5b");

    private static readonly BigInteger LowerBound = BigInteger.One << (2048 - 64);

    private static readonly ConcurrentDictionary<BigInteger, bool> VerifiedPrimes = new();

    /// <summary>
    /// The 2048-bit safe prime Telegram's servers send as dh_prime (and as p of the 2FA SRP
    /// parameters). It is recognised by comparison, without a primality test.
    /// </summary>
    public static BigInteger TelegramPrime { get; } = BigEndian.ToBigInteger(TelegramPrimeBigEndian);

    /// <summary><see cref="TelegramPrime"/> as 256 big-endian bytes, as it appears on the wire.</summary>
    public static ReadOnlySpan<byte> TelegramPrimeBytes => TelegramPrimeBigEndian;

    /// <summary>
    /// The full check of server_DH_inner_data's (dh_prime, g), or of the SRP parameters (p, g):
    /// p has exactly 2048 bits, g generates the right subgroup, and p is a safe prime.
    /// </summary>
    /// <exception cref="DhValidationException">Any condition fails.</exception>
    public static void CheckPrimeAndGenerator(BigInteger p, int g)
    {
        if (p.Sign <= 0 || p.GetBitLength() != 2048)
            throw new DhValidationException($"dh_prime must be a 2048-bit number; it has {(p.Sign <= 0 ? 0 : p.GetBitLength())} bits.");
        CheckSafePrimeAndGenerator(p, g);
    }

    /// <summary>The full check, with p as unsigned big-endian bytes.</summary>
    /// <exception cref="DhValidationException">Any condition fails.</exception>
    public static void CheckPrimeAndGenerator(ReadOnlySpan<byte> pBigEndian, int g) =>
        CheckPrimeAndGenerator(BigEndian.ToBigInteger(pBigEndian), g);

    /// <summary>
    /// The check without the size condition: g is 2..7 and generates the cyclic subgroup of order
    /// (p-1)/2 (g=2: p mod 8 = 7; g=3: p mod 3 = 2; g=4: always; g=5: p mod 5 in {1, 4};
    /// g=6: p mod 24 in {19, 23}; g=7: p mod 7 in {3, 5, 6}), and p and (p-1)/2 are both prime.
    /// </summary>
    /// <exception cref="DhValidationException">Any condition fails.</exception>
    public static void CheckSafePrimeAndGenerator(BigInteger p, int g)
    {
        if (!IsGeneratorOfSubgroup(p, g))
            throw new DhValidationException($"g = {g} does not generate a subgroup of prime order (p-1)/2 for this p.");
        if (!IsSafePrime(p))
            throw new DhValidationException("dh_prime is not a safe prime.");
    }

    /// <summary>The boolean form of <see cref="CheckSafePrimeAndGenerator"/>.</summary>
    public static bool IsSafePrimeWithGenerator(BigInteger p, int g) => IsGeneratorOfSubgroup(p, g) && IsSafePrime(p);

    /// <summary>
    /// Checks a public value (g_a, g_b, or SRP's A or B) against p:
    /// 1 &lt; value &lt; p - 1 and 2^(2048-64) ≤ value ≤ p - 2^(2048-64).
    /// </summary>
    /// <exception cref="DhValidationException">The value is out of range.</exception>
    public static void CheckPublicValue(BigInteger value, BigInteger p)
    {
        if (value <= BigInteger.One || value >= p - 1)
            throw new DhValidationException("The Diffie–Hellman value is not within 1 < value < p - 1.");
        if (value < LowerBound || value > p - LowerBound)
            throw new DhValidationException("The Diffie–Hellman value is not within [2^1984, p - 2^1984].");
    }

    /// <summary>Checks a public value given as unsigned big-endian bytes.</summary>
    /// <exception cref="DhValidationException">The value is out of range.</exception>
    public static void CheckPublicValue(ReadOnlySpan<byte> valueBigEndian, BigInteger p) =>
        CheckPublicValue(BigEndian.ToBigInteger(valueBigEndian), p);

    private static bool IsGeneratorOfSubgroup(BigInteger p, int g)
    {
        if (p.Sign <= 0)
            return false;
        return g switch
        {
            2 => p % 8 == 7,
            3 => p % 3 == 2,
            4 => true,
            5 => (int)(p % 5) is 1 or 4,
            6 => (int)(p % 24) is 19 or 23,
            7 => (int)(p % 7) is 3 or 5 or 6,
            _ => false,
        };
    }

    private static bool IsSafePrime(BigInteger p)
    {
        if (p == TelegramPrime || VerifiedPrimes.ContainsKey(p))
            return true;
        if (p < 5)
            return false;
        var random = SecureRandomSource.Instance;
        // Both p and (p-1)/2 must be prime; each test with random bases.
        var safe = Primality.IsProbablePrime((p - 1) >> 1, PrimalityRounds, random) &&
                   Primality.IsProbablePrime(p, PrimalityRounds, random);
        if (safe && p.GetBitLength() > 64 && VerifiedPrimes.Count < CacheLimit)
            VerifiedPrimes.TryAdd(p, true);
        return safe;
    }
}
