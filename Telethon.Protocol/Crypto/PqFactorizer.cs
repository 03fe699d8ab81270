using System.Buffers.Binary;
using System.Numerics;

namespace Telethon.Crypto;

/// <summary>
/// The handshake's proof of work: splitting pq (a product of two primes sent in resPQ) with
/// Pollard–Brent rho in Montgomery arithmetic, and, for the server side, making such a pq.
/// </summary>
public static class PqFactorizer
{
    /// <summary>Rho steps between two gcds.</summary>
    private const int BatchSize = 128;

    /// <summary>
    /// Splits <paramref name="pq"/> into two factors p ≤ q with p·q = pq. For a product of two primes
    /// these are the primes; otherwise p is a non-trivial factor (for even pq, p is 2). The walk starts
    /// from fixed seeds, so the result and the time taken are reproducible.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">pq is below 4.</exception>
    /// <exception cref="CryptoException">pq is prime, so no proof of work is possible.</exception>
    public static PqPair Factorize(ulong pq)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pq, 4UL);
        if ((pq & 1) == 0)
            return new PqPair(2, pq / 2);
        if (Primality.IsPrime(pq))
            throw new CryptoException($"pq = {pq} is prime and has no factors to find.");
        for (ulong p = 3; p < 64; p += 2)
        {
            if (pq % p == 0)
                return Order(p, pq / p);
        }
        var root = (ulong)Math.Sqrt(pq);
        while (root * root > pq)
            root--;
        while ((root + 1) * (root + 1) <= pq)
            root++;
        if (root * root == pq)
            return new PqPair(root, root);

        for (ulong c = 1; ; c++)
        {
            var divisor = PollardBrent(pq, c);
            if (divisor != pq)
                return Order(divisor, pq / divisor);
        }
    }

    /// <summary>
    /// Splits pq given as in resPQ: an unsigned big-endian byte string of at most 8 bytes.
    /// </summary>
    /// <exception cref="CryptoException">The string is empty or longer than 8 bytes, or pq is prime or below 4.</exception>
    public static PqPair Factorize(ReadOnlySpan<byte> pqBigEndian)
    {
        if (pqBigEndian.IsEmpty || pqBigEndian.Length > 8)
            throw new CryptoException($"pq must be 1 to 8 bytes long, got {pqBigEndian.Length}.");
        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        pqBigEndian.CopyTo(padded[(8 - pqBigEndian.Length)..]);
        var pq = BinaryPrimitives.ReadUInt64BigEndian(padded);
        if (pq < 4)
            throw new CryptoException($"pq = {pq} is too small to factorise.");
        return Factorize(pq);
    }

    /// <summary>
    /// Makes a pq for resPQ: two distinct random primes in [2^30, 2^31), so that each is a 4-byte
    /// big-endian string and the product stays below 2^62 (servers keep pq within a signed 64-bit integer).
    /// </summary>
    /// <param name="random">Consumed 4 bytes per candidate until two distinct primes are found.</param>
    public static PqPair GeneratePq(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var p = RandomPrime(random);
        ulong q;
        do
        {
            q = RandomPrime(random);
        }
        while (q == p);
        return Order(p, q);
    }

    private static ulong RandomPrime(IRandomSource random)
    {
        Span<byte> bytes = stackalloc byte[4];
        while (true)
        {
            random.Fill(bytes);
            var candidate = (BinaryPrimitives.ReadUInt32LittleEndian(bytes) & 0x3fff_ffffu) | 0x4000_0001u;
            if (Primality.IsPrime(candidate))
                return candidate;
        }
    }

    private static PqPair Order(ulong a, ulong b) => a <= b ? new PqPair(a, b) : new PqPair(b, a);

    /// <summary>
    /// Brent's variant of Pollard's rho on f(y) = y² + c (in Montgomery form), with the differences
    /// multiplied together and a gcd every <see cref="BatchSize"/> steps; backtracks one step at a
    /// time when a batch overshoots. Returns a divisor of n, possibly n itself (then try another c).
    /// </summary>
    private static ulong PollardBrent(ulong n, ulong c)
    {
        var mont = new Montgomery64(n);
        var increment = mont.ToMontgomery(c);
        var y = mont.ToMontgomery(2);
        var product = mont.One;
        ulong x = y, saved = y, g = 1;
        for (ulong r = 1; g == 1; r <<= 1)
        {
            x = y;
            for (ulong i = 0; i < r; i++)
                y = mont.Add(mont.Multiply(y, y), increment);
            for (ulong k = 0; k < r && g == 1; k += BatchSize)
            {
                saved = y;
                var steps = Math.Min(BatchSize, r - k);
                for (ulong i = 0; i < steps; i++)
                {
                    y = mont.Add(mont.Multiply(y, y), increment);
                    product = mont.Multiply(product, x > y ? x - y : y - x);
                }
                g = Gcd(product, n);
            }
        }
        if (g == n)
        {
            do
            {
                saved = mont.Add(mont.Multiply(saved, saved), increment);
                g = Gcd(x > saved ? x - saved : saved - x, n);
            }
            while (g == 1);
        }
        return g;
    }

    private static ulong Gcd(ulong a, ulong b)
    {
        if (a == 0)
            return b;
        if (b == 0)
            return a;
        var shift = BitOperations.TrailingZeroCount(a | b);
        a >>= BitOperations.TrailingZeroCount(a);
        while (b != 0)
        {
            b >>= BitOperations.TrailingZeroCount(b);
            if (a > b)
                (a, b) = (b, a);
            b -= a;
        }
        return a << shift;
    }
}
