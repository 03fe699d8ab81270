using System.Numerics;
using System.Text;
using System.Text.Json;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Crypto;

public sealed class PasswordSrpTests
{
    private static byte[] Bytes(JsonElement e, string name) => Hex.Bytes(e.GetProperty(name).GetString()!);

    private static SrpParameters Parameters(JsonElement v) =>
        new(Bytes(v, "salt1"), Bytes(v, "salt2"), v.GetProperty("g").GetInt32(), Bytes(v, "p"));

    [SkippableFact]
    public void KnownAnswers()
    {
        using var doc = SharedData.Json("vectors/password_srp.json");
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var parameters = Parameters(v);
            var toy = v.GetProperty("name").GetString() == "test_calculations_1";
            // The first vector uses p = 47: the real computation, without the 2048-bit checks it would fail.
            var answer = toy
                ? PasswordSrp.ComputeAnswerUnchecked(Bytes(v, "password"), parameters, Bytes(v, "srp_B_g_b"), Bytes(v, "a"))
                : PasswordSrp.ComputeAnswer(Bytes(v, "password"), parameters, Bytes(v, "srp_B_g_b"), Bytes(v, "a"));
            Assert.Equal(v.GetProperty("expected_A_g_a").GetString(), Hex.Of(answer.A));
            Assert.Equal(v.GetProperty("expected_M1").GetString(), Hex.Of(answer.M1));
            if (toy)
            {
                Assert.Throws<DhValidationException>(
                    () => PasswordSrp.ComputeAnswer(Bytes(v, "password"), parameters, Bytes(v, "srp_B_g_b"), Bytes(v, "a")));
            }
            count++;
        }
        Assert.Equal(3, count);
    }

    [SkippableFact]
    public void RealParametersUseTelegramsPrime()
    {
        using var doc = SharedData.Json("vectors/password_srp.json");
        var v = doc.RootElement.GetProperty("vectors").EnumerateArray().Last();
        Assert.Equal(Hex.Of(DhValidator.TelegramPrimeBytes), v.GetProperty("p").GetString());
        Assert.Equal("123123", v.GetProperty("password_ascii").GetString());
        Assert.Equal(Encoding.UTF8.GetBytes("123123"), Bytes(v, "password"));
    }

    [SkippableFact]
    public void RejectsBOutOfRange()
    {
        using var doc = SharedData.Json("vectors/password_srp.json");
        var v = doc.RootElement.GetProperty("vectors").EnumerateArray().Last();
        var parameters = Parameters(v);
        var p = DhValidator.TelegramPrime;
        foreach (var bad in new[] { BigInteger.One, p - 1, p, (BigInteger.One << 1984) - 1 })
        {
            var b = bad.ToByteArray(isUnsigned: true, isBigEndian: true);
            Assert.Throws<DhValidationException>(() => PasswordSrp.ComputeAnswer(Bytes(v, "password"), parameters, b, Bytes(v, "a")));
        }
        Assert.Throws<DhValidationException>(() => PasswordSrp.ComputeAnswer(Bytes(v, "password"), parameters, new byte[257], Bytes(v, "a")));
        var wrongG = new SrpParameters(parameters.Salt1, parameters.Salt2, 2, parameters.P);
        Assert.Throws<DhValidationException>(() => PasswordSrp.ComputeAnswer(Bytes(v, "password"), wrongG, Bytes(v, "srp_B_g_b"), Bytes(v, "a")));
    }

    [Fact]
    public void ClientAndServerAgree()
    {
        var random = new SeededRandom(99);
        var salt1 = new byte[40];
        var salt2 = new byte[16];
        random.Fill(salt1);
        random.Fill(salt2);
        var parameters = new SrpParameters(salt1, salt2, 3, DhValidator.TelegramPrimeBytes);
        var password = Encoding.UTF8.GetBytes("correct horse battery staple");

        var verifier = PasswordSrp.ComputeVerifier(password, parameters);
        Assert.Equal(256, verifier.Length);
        var challenge = PasswordSrp.CreateChallenge(parameters, verifier, random);
        Assert.Equal(256, challenge.B.Length);
        DhValidator.CheckPublicValue(challenge.B, DhValidator.TelegramPrime);

        var answer = PasswordSrp.ComputeAnswer(password, parameters, challenge.B, random);
        Assert.Equal(256, answer.A.Length);
        Assert.Equal(32, answer.M1.Length);
        Assert.True(PasswordSrp.VerifyAnswer(parameters, verifier, challenge, answer.A, answer.M1));

        var wrong = PasswordSrp.ComputeAnswer(Encoding.UTF8.GetBytes("incorrect horse"), parameters, challenge.B, random);
        Assert.False(PasswordSrp.VerifyAnswer(parameters, verifier, challenge, wrong.A, wrong.M1));

        var tampered = (byte[])answer.M1.Clone();
        tampered[0] ^= 1;
        Assert.False(PasswordSrp.VerifyAnswer(parameters, verifier, challenge, answer.A, tampered));
        Assert.Throws<DhValidationException>(() => PasswordSrp.VerifyAnswer(parameters, verifier, challenge, [1], answer.M1));
        Assert.Throws<SrpException>(() => PasswordSrp.VerifyAnswer(parameters, verifier, challenge, answer.A, answer.M1.AsSpan(1)));
    }

    [Fact]
    public void PasswordHashFollowsTheDefinition()
    {
        var password = "hunter2"u8.ToArray();
        var salt1 = "salt-one"u8.ToArray();
        var salt2 = "salt-two"u8.ToArray();
        static byte[] Sh(byte[] data, byte[] salt) =>
            System.Security.Cryptography.SHA256.HashData(salt.Concat(data).Concat(salt).ToArray());
        var ph1 = Sh(Sh(password, salt1), salt2);
        var stretched = System.Security.Cryptography.Rfc2898DeriveBytes.Pbkdf2(
            ph1, salt1, 100_000, System.Security.Cryptography.HashAlgorithmName.SHA512, 64);
        Assert.Equal(Sh(stretched, salt2), PasswordSrp.ComputePasswordHash(password, salt1, salt2));
    }

    [Fact]
    public void RejectsOversizedP()
    {
        Assert.Throws<ArgumentException>(() => new SrpParameters([1], [2], 3, new byte[257]));
        Assert.Throws<ArgumentException>(() => new SrpParameters([1], [2], 3, ReadOnlySpan<byte>.Empty));
    }
}
