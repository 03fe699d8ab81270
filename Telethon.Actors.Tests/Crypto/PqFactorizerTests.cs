using System.Numerics;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Crypto;

public sealed class PqFactorizerTests
{
    [SkippableFact]
    public void FactorizesEveryVector()
    {
        using var doc = SharedData.Json("vectors/factorize.json");
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var pq = ulong.Parse(v.GetProperty("pq").GetString()!);
            var result = PqFactorizer.Factorize(pq);
            Assert.Equal(ulong.Parse(v.GetProperty("p").GetString()!), result.P);
            Assert.Equal(ulong.Parse(v.GetProperty("q").GetString()!), result.Q);
            Assert.Equal(pq, result.Product);
            count++;
        }
        Assert.Equal(9, count);
    }

    [SkippableFact]
    public void FactorizesTheBigEndianPqOfResPq()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var flow = doc.RootElement.GetProperty("flows").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "official_spec_samples_auth_key");
        var pq = ulong.Parse(flow.GetProperty("pq").GetString()!);
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt64BigEndian(bytes, pq);
        // resPQ carries pq as the TL string 08 <8 bytes big-endian>.
        Assert.Contains("08" + Hex.Of(bytes), flow.GetProperty("resPQ_message").GetString()!);

        var result = PqFactorizer.Factorize(bytes);
        Assert.Equal(ulong.Parse(flow.GetProperty("p").GetString()!), result.P);
        Assert.Equal(ulong.Parse(flow.GetProperty("q").GetString()!), result.Q);
    }

    [Theory]
    [InlineData(4UL, 2UL, 2UL)]
    [InlineData(6UL, 2UL, 3UL)]
    [InlineData(9UL, 3UL, 3UL)]
    [InlineData(49UL, 7UL, 7UL)]
    [InlineData(3215031751UL, 151UL, 21291601UL)] // 151 · 751 · 28351: the first factor found is returned with its cofactor
    [InlineData(4611686014132420609UL, 2147483647UL, 2147483647UL)] // (2^31 - 1)^2
    [InlineData(18446744030759878681UL, 4294967291UL, 4294967291UL)] // the largest 32-bit prime, squared
    [InlineData(18446743979220271189UL, 4294967279UL, 4294967291UL)] // two 32-bit primes, product above 2^63
    public void HandlesSmallEvenSquareAndLargeProducts(ulong pq, ulong p, ulong q)
    {
        var result = PqFactorizer.Factorize(pq);
        Assert.Equal(pq, result.P * result.Q);
        Assert.True(result.P <= result.Q);
        Assert.NotEqual(1UL, result.P);
        if (Primality.IsPrime(p) && Primality.IsPrime(q))
            Assert.Equal(new PqPair(p, q), result);
        else
            Assert.Equal(0UL, pq % result.P);
    }

    [Fact]
    public void RejectsPrimesAndTinyValues()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PqFactorizer.Factorize(3UL));
        Assert.Throws<CryptoException>(() => PqFactorizer.Factorize(1000000000000000003UL));
        Assert.Throws<CryptoException>(() => PqFactorizer.Factorize(18446744073709551557UL)); // largest 64-bit prime
        Assert.Throws<CryptoException>(() => PqFactorizer.Factorize(new byte[9]));
        Assert.Throws<CryptoException>(() => PqFactorizer.Factorize(ReadOnlySpan<byte>.Empty));
        Assert.Throws<CryptoException>(() => PqFactorizer.Factorize([0, 0, 3]));
    }

    [Fact]
    public void FactorizesGeneratedPq()
    {
        // The speed (about 0.4 ms each) is measured by HandshakeCryptoBenchmarks.FactorizeVectors, not asserted here.
        var random = new SeededRandom(2024);
        foreach (var pair in Enumerable.Range(0, 200).Select(_ => PqFactorizer.GeneratePq(random)))
            Assert.Equal(pair, PqFactorizer.Factorize(pair.Product));
    }

    [Fact]
    public void GeneratedPqHasTwoDistinct31BitPrimes()
    {
        var random = new SeededRandom(77);
        for (var i = 0; i < 50; i++)
        {
            var pair = PqFactorizer.GeneratePq(random);
            Assert.True(Primality.IsPrime(pair.P));
            Assert.True(Primality.IsPrime(pair.Q));
            Assert.True(pair.P < pair.Q);
            Assert.InRange(pair.P, 1UL << 30, (1UL << 31) - 1);
            Assert.InRange(pair.Q, 1UL << 30, (1UL << 31) - 1);
            Assert.True(pair.Product < 1UL << 62);
        }
    }

    [Fact]
    public void GeneratedPqIsReproducible()
    {
        Assert.Equal(PqFactorizer.GeneratePq(new SeededRandom(5)), PqFactorizer.GeneratePq(new SeededRandom(5)));
        Assert.NotEqual(PqFactorizer.GeneratePq(new SeededRandom(5)), PqFactorizer.GeneratePq(new SeededRandom(6)));
    }

    [Fact]
    public void MillerRabinMatchesTrialDivisionOnSmallNumbers()
    {
        for (ulong n = 0; n < 20000; n++)
            Assert.Equal(IsPrimeByTrialDivision(n), Primality.IsPrime(n));
    }

    [Theory]
    [InlineData(2047UL, false)] // strong pseudoprime to base 2
    [InlineData(3215031751UL, false)] // strong pseudoprime to bases 2, 3, 5, 7
    [InlineData(3825123056546413051UL, false)] // strong pseudoprime to bases 2..23
    [InlineData(341550071728321UL, false)] // strong pseudoprime to bases 2..17
    [InlineData(4294967291UL, true)]
    [InlineData(18446744073709551557UL, true)]
    [InlineData(18446744073709551615UL, false)]
    [InlineData(9223372036854775783UL, true)] // largest prime below 2^63
    public void MillerRabinIsDeterministicFor64Bits(ulong n, bool prime)
    {
        Assert.Equal(prime, Primality.IsPrime(n));
    }

    [Fact]
    public void ProbablePrimeOnBigNumbers()
    {
        var random = new SeededRandom(1);
        var mersenne127 = BigInteger.Pow(2, 127) - 1;
        Assert.True(Primality.IsProbablePrime(mersenne127, 20, random));
        Assert.False(Primality.IsProbablePrime(mersenne127 * 3, 20, random));
        Assert.False(Primality.IsProbablePrime(BigInteger.Pow(2, 128) + 1, 20, random)); // F7 is composite
        Assert.False(Primality.IsProbablePrime(mersenne127 * (BigInteger.Pow(2, 89) - 1), 20, random));
        Assert.True(Primality.IsProbablePrime(4294967291, 1, random));
        Assert.False(Primality.IsProbablePrime(-7, 1, random));
    }

    private static bool IsPrimeByTrialDivision(ulong n)
    {
        if (n < 2)
            return false;
        for (ulong d = 2; d * d <= n; d++)
        {
            if (n % d == 0)
                return false;
        }
        return true;
    }
}
