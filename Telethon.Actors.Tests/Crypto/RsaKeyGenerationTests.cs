using System.Diagnostics;
using System.Numerics;
using System.Security.Cryptography;
using Telethon.Crypto;
using Xunit.Abstractions;

namespace Telethon.Tests.Crypto;

/// <summary>The server's generated RSA keys: moduli close to 2^2048, as Telegram's, so that every client's RSA_PAD succeeds at once.</summary>
public sealed class RsaKeyGenerationTests(ITestOutputHelper output)
{
    private static readonly BigInteger TwoTo2048 = BigInteger.One << 2048;

    [Fact]
    public void GeneratedModuliAreAtLeast995ThousandthsOfTwoTo2048AndTheKeysWork()
    {
        var watch = Stopwatch.StartNew();
        var keys = Enumerable.Range(1, 4).Select(seed => RsaPrivateKey.Generate(new SeededRandom(seed))).Append(RsaPrivateKey.Generate()).ToList();
        output.WriteLine($"{keys.Count} keys in {watch.ElapsedMilliseconds} ms");

        Assert.Equal(keys.Count, keys.Select(k => k.PublicKey.Fingerprint).Distinct().Count());
        foreach (var key in keys)
        {
            var n = key.PublicKey.Modulus;
            Assert.Equal(2048, n.GetBitLength());
            Assert.True(n * 1000 >= TwoTo2048 * 995, $"modulus {n} is below 0.995·2^2048");
            Assert.True(n * 10 >= TwoTo2048 * 9);
            Assert.Equal(65537, (int)key.PublicKey.Exponent);

            // The key survives a PEM round trip and the platform's RSA accepts its CRT parameters.
            var pem = key.ToPem();
            Assert.Equal(key.PublicKey.Fingerprint, RsaPrivateKey.FromPem(pem).PublicKey.Fingerprint);
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem);
            var parameters = rsa.ExportParameters(includePrivateParameters: true);
            var p = new BigInteger(parameters.P, isUnsigned: true, isBigEndian: true);
            var q = new BigInteger(parameters.Q, isUnsigned: true, isBigEndian: true);
            Assert.Equal(n, p * q);
            Assert.True(p >= RsaPrimes.Low && p < RsaPrimes.High && q >= RsaPrimes.Low && q < RsaPrimes.High);
            Assert.Equal(BigInteger.One, BigInteger.GreatestCommonDivisor(65537, (p - 1) * (q - 1)));

            // RSA_PAD from a client decrypts back.
            var data = new byte[144];
            new Random(7).NextBytes(data);
            var decrypted = key.DecryptRsaPad(key.PublicKey.EncryptRsaPad(data, new SeededRandom(9)));
            Assert.Equal(data, decrypted[..data.Length]);
            var signed = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            Assert.True(rsa.VerifyData(data, signed, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        }
    }

    [Fact]
    public void TheSameRandomnessGivesTheSameKey()
    {
        var first = RsaPrivateKey.Generate(new SeededRandom(42));
        var second = RsaPrivateKey.Generate(new SeededRandom(42));
        Assert.Equal(first.PublicKey.Modulus, second.PublicKey.Modulus);
        Assert.Equal(first.ToPem(), second.ToPem());
    }

    [Fact]
    public void ThePrimeRangeBoundsTheModulus()
    {
        var bound = TwoTo2048 * 995 / 1000;
        Assert.True(RsaPrimes.Low * RsaPrimes.Low >= bound);
        Assert.True((RsaPrimes.Low - 1) * (RsaPrimes.Low - 1) < TwoTo2048 * 995 / 1000 + 1);
        Assert.Equal(1024, RsaPrimes.Low.GetBitLength());
        Assert.Equal(new BigInteger(12345), RsaPrimes.IntegerSquareRoot(new BigInteger(12345) * 12345 + 24690));
        Assert.Equal(BigInteger.One, RsaPrimes.ModInverse(65537, 1_000_003) * 65537 % 1_000_003);
        Assert.Throws<ArgumentException>(() => RsaPrimes.ModInverse(6, 9));
    }
}
