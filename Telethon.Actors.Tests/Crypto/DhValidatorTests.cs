using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Crypto;

public sealed class DhValidatorTests
{
    /// <summary>RFC 7919's ffdhe2048: a 2048-bit safe prime that is not Telegram's.</summary>
    private static readonly BigInteger Ffdhe2048 = new(Convert.FromHexString(
        "ffffffffffffffffadf85458a2bb4a9aafdc5620273d3cf1d8b9c583ce2d3695a9e13641146433fbcc939dce249b3ef97d2fe363630c75d8f681b2" +
        "02aec4617ad3df1ed5d5fd65612433f51f5f066ed0856365553ded1af3b557135e7f57c935984f0c70e0e68b77e2a689daf3efe8721df158a136ad" +
        "e73530acca4f483a797abc0ab182b324fb61d108a94bb2c8e3fbb96adab760d7f4681d4f42a3de394df4ae56ede76372bb190b07a7c8ee0a6d709e" +
        "02fce1cdf7e2ecc03404cd28342f619172fe9ce98583ff8e4f1232eef28183c3fe3b1b4c6fad733bb5fcbc2ec22005c58ef1837d1683b2c6f34a26" +
        "c1b2effa886b423861285c97ffffffffffffffff"), isUnsigned: true, isBigEndian: true);

    /// <summary>A 2048-bit prime (made with openssl prime -generate) that is 3 mod 4 but not safe.</summary>
    private static readonly BigInteger UnsafePrime = new(Convert.FromHexString(
        "d4a32219b77918a2a099f6df422430e7d9a23f3e8837e93f2ae46fafe72ba0ab5901f3806dc498864a6325863b8fcade29a58f515a498bc7bbd05dfd" +
        "b957960d8bfc3fce9cb5fb76e26cb6d87f22bc3c0b4d6672bf529498ee7dd9580e00eba38cba2b898c1edde1a9b6ffca59396680a647c0cd56dda5b5" +
        "d6b1ef4803d463aa2ddbaa18404a31f9f7ff7ea0b83f39eecab3f1ff5d3113461735a081759dffef181ddfe79af41df9fff43a353b07e7ad2f8cb142" +
        "680f98c229d0162b6e7653664f75050a7f4da1bc5dc8c493ce8954b371691c175e7db6e56923dbe5e6477a1e7ed8a1a94639838e4a08b66af5c6ab01" +
        "e9d87ae1dd87987b5e4b0762642071f7"), isUnsigned: true, isBigEndian: true);

    private static JsonElement OfficialFlow(JsonDocument doc) => doc.RootElement.GetProperty("flows").EnumerateArray()
        .Single(f => f.GetProperty("name").GetString() == "official_spec_samples_auth_key");

    [SkippableFact]
    public void SmallSafePrimesAndSubgroups()
    {
        using var doc = SharedData.Json("vectors/password_srp.json");
        var checks = doc.RootElement.GetProperty("check_p_prime_and_subgroup");
        var correct = 0;
        foreach (var c in checks.GetProperty("correct").EnumerateArray())
        {
            var p = new BigInteger(c.GetProperty("p").GetInt32());
            var g = c.GetProperty("g").GetInt32();
            Assert.True(DhValidator.IsSafePrimeWithGenerator(p, g), $"p={p} g={g} should pass");
            DhValidator.CheckSafePrimeAndGenerator(p, g);
            // These are far from 2048 bits, so the full check refuses them.
            Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(p, g));
            correct++;
        }
        var incorrect = 0;
        foreach (var name in new[] { "incorrect", "bad_g_rejected" })
        {
            foreach (var c in checks.GetProperty(name).EnumerateArray())
            {
                var p = new BigInteger(c.GetProperty("p").GetInt32());
                var g = c.GetProperty("g").GetInt32();
                Assert.False(DhValidator.IsSafePrimeWithGenerator(p, g), $"p={p} g={g} should fail");
                Assert.Throws<DhValidationException>(() => DhValidator.CheckSafePrimeAndGenerator(p, g));
                incorrect++;
            }
        }
        Assert.Equal(9, correct);
        Assert.Equal(7, incorrect);
    }

    [SkippableFact]
    public void TelegramPrimeIsTheOneServersSend()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var answer = Hex.Bytes(OfficialFlow(doc).GetProperty("answer").GetString()!);
        // server_DH_inner_data: id(4) nonce(16) server_nonce(16) g(4) dh_prime(fe 00 01 00 + 256) g_a(fe 00 01 00 + 256) server_time(4)
        Assert.Equal(Hex.Of(answer.AsSpan(44, 256)), Hex.Of(DhValidator.TelegramPrimeBytes));
        Assert.Equal(new BigInteger(DhValidator.TelegramPrimeBytes, isUnsigned: true, isBigEndian: true), DhValidator.TelegramPrime);
        Assert.Equal(2048, DhValidator.TelegramPrime.GetBitLength());
    }

    [Fact]
    public void TelegramPrimeIsAcceptedInBothForms()
    {
        // How fast the check is belongs to the benchmarks; here only that it passes, as a number and as bytes.
        DhValidator.CheckPrimeAndGenerator(DhValidator.TelegramPrime, 3);
        DhValidator.CheckPrimeAndGenerator(DhValidator.TelegramPrimeBytes, 3);
        Assert.True(DhValidator.IsSafePrimeWithGenerator(DhValidator.TelegramPrime, 3));
    }

    [Fact]
    public void TelegramPrimeGeneratorsFollowTheSubgroupRules()
    {
        var p = DhValidator.TelegramPrime;
        var expected = new Dictionary<int, bool>
        {
            [2] = p % 8 == 7,
            [3] = p % 3 == 2,
            [4] = true,
            [5] = p % 5 == 1 || p % 5 == 4,
            [6] = p % 24 == 19 || p % 24 == 23,
            [7] = p % 7 == 3 || p % 7 == 5 || p % 7 == 6,
        };
        Assert.True(expected[3], "Telegram's servers use g = 3 with this prime");
        foreach (var (g, ok) in expected)
            Assert.Equal(ok, DhValidator.IsSafePrimeWithGenerator(p, g));
        Assert.False(DhValidator.IsSafePrimeWithGenerator(p, 1));
        Assert.False(DhValidator.IsSafePrimeWithGenerator(p, 8));
    }

    [Fact]
    public void AnotherSafePrimeIsTestedAndAccepted()
    {
        // ffdhe2048 is 7 mod 8, 2 mod 3, 4 mod 5, 23 mod 24 and 4 mod 7.
        DhValidator.CheckPrimeAndGenerator(Ffdhe2048, 2);
        DhValidator.CheckPrimeAndGenerator(Ffdhe2048, 3);
        DhValidator.CheckPrimeAndGenerator(Ffdhe2048, 5);
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(Ffdhe2048, 7));
    }

    [Fact]
    public void CompositeOrUnsafeModuliAreRejected()
    {
        // g = 4 puts no condition on p, so only the primality tests can refuse these.
        var composite = DhValidator.TelegramPrime + 2;
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(composite, 4));
        // 2^2048 - 1 and an even number of the right size.
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator((BigInteger.One << 2048) - 1, 4));
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(DhValidator.TelegramPrime + 1, 4));
        // A 2048-bit prime p whose (p-1)/2 is odd, has no factor below 256 and is composite: only Miller–Rabin finds out.
        Assert.True(Primality.IsProbablePrime(UnsafePrime, 2, new SeededRandom(8)));
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(UnsafePrime, 4));
        // Sizes other than 2048 bits.
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(DhValidator.TelegramPrime << 1, 4));
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(DhValidator.TelegramPrime >> 1, 4));
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPrimeAndGenerator(BigInteger.MinusOne, 4));
    }

    [Fact]
    public void PublicValueBounds()
    {
        var p = DhValidator.TelegramPrime;
        var bound = BigInteger.One << 1984;
        DhValidator.CheckPublicValue(bound, p);
        DhValidator.CheckPublicValue(p - bound, p);
        DhValidator.CheckPublicValue(p >> 1, p);
        foreach (var bad in new[] { BigInteger.Zero, BigInteger.One, new BigInteger(2), bound - 1, p - bound + 1, p - 1, p, p + 5, BigInteger.MinusOne })
            Assert.Throws<DhValidationException>(() => DhValidator.CheckPublicValue(bad, p));
        Assert.Throws<DhValidationException>(() => DhValidator.CheckPublicValue(new byte[] { 0x02 }, p));
    }

    [SkippableFact]
    public void OfficialHandshakeValuesPassAndAgree()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var flow = OfficialFlow(doc);
        var answer = Hex.Bytes(flow.GetProperty("answer").GetString()!);
        var g = BinaryPrimitives.ReadInt32LittleEndian(answer.AsSpan(36));
        Assert.Equal(flow.GetProperty("g").GetInt32(), g);
        var p = new BigInteger(answer.AsSpan(44, 256), isUnsigned: true, isBigEndian: true);
        var gA = new BigInteger(answer.AsSpan(304, 256), isUnsigned: true, isBigEndian: true);
        var b = new BigInteger(Hex.Bytes(flow.GetProperty("b").GetString()!), isUnsigned: true, isBigEndian: true);
        var gB = Hex.Bytes(flow.GetProperty("g_b").GetString()!);

        DhValidator.CheckPrimeAndGenerator(p, g);
        DhValidator.CheckPublicValue(gA, p);
        DhValidator.CheckPublicValue(gB, p);
        Assert.Equal(new BigInteger(gB, isUnsigned: true, isBigEndian: true), BigInteger.ModPow(g, b, p));
        var authKey = BigInteger.ModPow(gA, b, p).ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.Equal(flow.GetProperty("auth_key").GetString(), Hex.Of(authKey));
    }

    [SkippableFact]
    public void OfficialEncryptedAnswerDecryptsWithItsTemporaryKey()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var flow = OfficialFlow(doc);
        var key = new byte[32];
        var iv = new byte[32];
        MtProtoKdf.DeriveTemporaryKey(Hex.Bytes(flow.GetProperty("server_nonce").GetString()!),
            Hex.Bytes(flow.GetProperty("new_nonce").GetString()!), key, iv);
        var encrypted = Hex.Bytes(flow.GetProperty("encrypted_answer").GetString()!);
        var decrypted = new byte[encrypted.Length];
        AesIge.Decrypt(key, iv, encrypted, decrypted);
        Assert.Equal(flow.GetProperty("answer_with_hash").GetString(), Hex.Of(decrypted));
        var answer = Hex.Bytes(flow.GetProperty("answer").GetString()!);
        Assert.Equal(answer, decrypted[20..]);
        // answer_with_hash = SHA1(inner data) + inner data (564 bytes) + padding.
        Assert.Equal(SHA1.HashData(answer.AsSpan(0, 564)), decrypted[..20]);
    }
}
