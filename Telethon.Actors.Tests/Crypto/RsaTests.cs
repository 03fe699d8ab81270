using System.Numerics;
using System.Security.Cryptography;
using System.Text.Json;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Crypto;

public sealed class RsaTests
{
    // Key generation and 2048-bit private operations take tens of milliseconds: share one key.
    private static readonly Lazy<RsaPrivateKey> ServerKey = new(RsaPrivateKey.Generate);

    private static IEnumerable<JsonElement> Keys(JsonDocument doc) => doc.RootElement.GetProperty("keys").EnumerateArray();

    [SkippableFact]
    public void ParsesTelegramKeysAndComputesFingerprints()
    {
        using var doc = SharedData.Json("vectors/rsa_keys.json");
        var count = 0;
        foreach (var k in Keys(doc))
        {
            var key = RsaPublicKey.FromPem(k.GetProperty("pem").GetString()!);
            Assert.Equal(BigInteger.Parse(k.GetProperty("n_decimal").GetString()!), key.Modulus);
            Assert.Equal(k.GetProperty("e").GetInt32(), (int)key.Exponent);
            Assert.Equal(256, key.ModulusSize);
            Assert.Equal(k.GetProperty("fingerprint_int64").GetInt64(), key.Fingerprint);
            var wire = new byte[8];
            System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(wire, key.Fingerprint);
            Assert.Equal(k.GetProperty("fingerprint_le_hex").GetString(), Hex.Of(wire));
            count++;
        }
        Assert.Equal(2, count);
    }

    [SkippableFact]
    public void ParsesSubjectPublicKeyInfoAndWritesPkcs1()
    {
        using var doc = SharedData.Json("vectors/rsa_keys.json");
        foreach (var k in Keys(doc))
        {
            var pkcs1 = k.GetProperty("pem").GetString()!;
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pkcs1);
            var spki = rsa.ExportSubjectPublicKeyInfoPem();
            Assert.StartsWith("-----BEGIN PUBLIC KEY-----", spki);

            var fromSpki = RsaPublicKey.FromPem(spki);
            Assert.Equal(k.GetProperty("fingerprint_int64").GetInt64(), fromSpki.Fingerprint);

            var written = fromSpki.ToPem();
            Assert.Equal(pkcs1.ReplaceLineEndings(""), written.ReplaceLineEndings(""));
        }
    }

    [Theory]
    [InlineData("not a key")]
    [InlineData("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN RSA PUBLIC KEY-----\nMIIBCgKCAQEA6LszBcC1\n-----END RSA PUBLIC KEY-----")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMAA=\n-----END PUBLIC KEY-----")]
    public void RejectsMalformedPublicKeys(string pem)
    {
        Assert.Throws<RsaKeyFormatException>(() => RsaPublicKey.FromPem(pem));
    }

    [Fact]
    public void RejectsUnusableParameters()
    {
        Assert.Throws<RsaKeyFormatException>(() => new RsaPublicKey(new BigInteger(100), 3));
        Assert.Throws<RsaKeyFormatException>(() => new RsaPublicKey(new BigInteger(101), 1));
        Assert.Throws<RsaKeyFormatException>(() => RsaPrivateKey.FromPem("-----BEGIN RSA PRIVATE KEY-----\nMAA=\n-----END RSA PRIVATE KEY-----"));
        Assert.Throws<RsaKeyFormatException>(() => RsaPrivateKey.FromPem(ServerKey.Value.PublicKey.ToPem()));
    }

    /// <summary>
    /// The vectors give 256 random bytes laid out as padding = random[0:192-len(data)] and temp_key
    /// candidates at random[192:224] and random[224:256]; this builds the stream in the order
    /// <see cref="RsaPublicKey.EncryptRsaPad"/> consumes it (padding, then one temp_key per attempt).
    /// </summary>
    [SkippableFact]
    public void RsaPadKnownAnswers()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        using var keys = SharedData.Json("vectors/rsa_keys.json");
        var byName = Keys(keys).ToDictionary(k => k.GetProperty("name").GetString()!, k => RsaPublicKey.FromPem(k.GetProperty("pem").GetString()!));
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("rsa_pad").EnumerateArray())
        {
            var name = v.GetProperty("name").GetString()!;
            var data = Hex.Bytes(v.GetProperty("data").GetString()!);
            var paddingLength = 192 - data.Length;
            ScriptedRandom random;
            RsaPublicKey key;
            switch (name)
            {
                case "telethon_rsa_encryption":
                {
                    var r = Hex.Bytes(v.GetProperty("random_bytes").GetString()!);
                    random = new ScriptedRandom(r[..paddingLength], r[192..224], r[224..256]);
                    key = byName["test"];
                    break;
                }
                case "grammers_rsa_encryption":
                {
                    // grammers retries with temp_key + 1 (big-endian counter) instead of fresh bytes.
                    var r = Hex.Bytes(v.GetProperty("random_bytes").GetString()!);
                    var first = r[192..224];
                    var next = BigEndian(new BigInteger(first, isUnsigned: true, isBigEndian: true) + 1, 32);
                    random = new ScriptedRandom(r[..paddingLength], first, next);
                    key = byName["test"];
                    break;
                }
                case "gotd_rsa_pad_zero_random":
                    random = new ScriptedRandom(new byte[paddingLength], new byte[32]);
                    key = byName["production"];
                    Assert.True(data.All(b => b == (byte)'a') && data.Length == 144);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown RSA_PAD vector {name}");
            }
            if (v.TryGetProperty("n_decimal", out var n))
                Assert.Equal(BigInteger.Parse(n.GetString()!), key.Modulus);

            var encrypted = key.EncryptRsaPad(data, random);
            Assert.Equal(v.GetProperty("expected").GetString(), Hex.Of(encrypted));
            // The Telethon and grammers vectors need a second temp_key; gotd's succeeds on the first.
            var attempts = name.StartsWith("gotd", StringComparison.Ordinal) ? 1 : 2;
            Assert.Equal(paddingLength + 32 * attempts, random.Consumed);
            count++;
        }
        Assert.Equal(3, count);
    }

    [Fact]
    public void RsaPadRoundTripsThroughTheServerKey()
    {
        var key = ServerKey.Value;
        var data = Enumerable.Range(0, 96).Select(i => (byte)(i + 1)).ToArray();
        var random = new SeededRandom(5);

        var encrypted = key.PublicKey.EncryptRsaPad(data, random);
        Assert.Equal(256, encrypted.Length);

        var decrypted = key.DecryptRsaPad(encrypted);
        Assert.Equal(192, decrypted.Length);
        Assert.Equal(data, decrypted[..96]);
    }

    [Fact]
    public void RsaPadDecryptionRejectsBadBlocks()
    {
        var key = ServerKey.Value;
        var encrypted = key.PublicKey.EncryptRsaPad(new byte[100], new SeededRandom(9));

        var altered = (byte[])encrypted.Clone();
        altered[200] ^= 0x40;
        Assert.Throws<RsaPadException>(() => key.DecryptRsaPad(altered));
        Assert.Throws<RsaPadException>(() => key.DecryptRsaPad(encrypted.AsSpan(1)));
        var tooBig = BigEndian(key.PublicKey.Modulus, 256);
        Assert.Throws<RsaPadException>(() => key.DecryptRsaPad(tooBig));

        // A block made for another key is either not below this modulus or decrypts to bytes whose hash does not match.
        var other = RsaPrivateKey.Generate();
        var forOther = other.PublicKey.EncryptRsaPad(new byte[100], new SeededRandom(10));
        Assert.Throws<RsaPadException>(() => key.DecryptRsaPad(forOther));
    }

    [Fact]
    public void RsaPadRejectsOversizedDataAndSmallKeys()
    {
        var key = ServerKey.Value.PublicKey;
        Assert.Throws<ArgumentException>(() => key.EncryptRsaPad(new byte[145], new SeededRandom(1)));
        var small = new RsaPublicKey(BigInteger.Parse("3233"), 17);
        Assert.Throws<RsaPadException>(() => small.EncryptRsaPad(new byte[10], new SeededRandom(1)));
    }

    [Fact]
    public void RsaPadGivesUpWhenEveryTempKeyIsTooLarge()
    {
        // A modulus just above 2^2047 and a script that always yields the same temp_key: whenever
        // that temp_key's block is not below n, every attempt fails the same way.
        var modulus = BigInteger.One << 2047 | 1;
        var key = new RsaPublicKey(modulus, 65537);
        for (byte seed = 0; seed < 8; seed++)
        {
            var data = new byte[144];
            var tempKey = Enumerable.Repeat(seed, 32).ToArray();
            var script = new List<byte[]> { new byte[48] };
            script.AddRange(Enumerable.Repeat(tempKey, 100));
            var random = new ScriptedRandom(script.ToArray());
            try
            {
                var result = key.EncryptRsaPad(data, random);
                Assert.Equal(256, result.Length);
                Assert.Equal(48 + 32, random.Consumed);
            }
            catch (RsaPadException)
            {
                Assert.Equal(48 + 3200, random.Consumed);
                return;
            }
        }
        Assert.Fail("every temp_key gave a value below the modulus; the give-up path was not reached");
    }

    [Fact]
    public void LegacyEncryptionLayout()
    {
        var key = ServerKey.Value;
        var data = Enumerable.Range(0, 100).Select(i => (byte)(255 - i)).ToArray();
        var padding = Enumerable.Range(0, 255 - 20 - 100).Select(i => (byte)i).ToArray();

        var encrypted = key.PublicKey.EncryptLegacy(data, new ScriptedRandom(padding));
        var block = key.DecryptRaw(encrypted);

        Assert.Equal(256, block.Length);
        Assert.Equal(0, block[0]);
        Assert.Equal(SHA1.HashData(data), block[1..21]);
        Assert.Equal(data, block[21..121]);
        Assert.Equal(padding, block[121..]);
        Assert.Throws<ArgumentException>(() => key.PublicKey.EncryptLegacy(new byte[236], new SeededRandom(1)));
    }

    [Fact]
    public void RawOperationsAreInverse()
    {
        var key = ServerKey.Value;
        var value = new byte[256];
        new SeededRandom(4).Fill(value);
        value[0] = 0x01;
        var encrypted = key.PublicKey.EncryptRaw(value);
        Assert.NotEqual(value, encrypted);
        Assert.Equal(value, key.DecryptRaw(encrypted));
        Assert.Throws<CryptoException>(() => key.PublicKey.EncryptRaw(Enumerable.Repeat((byte)0xff, 256).ToArray()));
        Assert.Throws<CryptoException>(() => key.DecryptRaw(Enumerable.Repeat((byte)0xff, 256).ToArray()));
    }

    [Fact]
    public void GeneratedKeyShape()
    {
        var key = ServerKey.Value.PublicKey;
        Assert.Equal(2048, key.Modulus.GetBitLength());
        Assert.Equal(new BigInteger(65537), key.Exponent);
        Assert.Equal(RsaPublicKey.FromPem(key.ToPem()).Fingerprint, key.Fingerprint);
    }

    [Fact]
    public void PrivateKeyPemRoundTrips()
    {
        var key = ServerKey.Value;
        var pem = key.ToPem();
        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----", pem);
        var again = RsaPrivateKey.FromPem(pem);
        Assert.Equal(key.PublicKey.Fingerprint, again.PublicKey.Fingerprint);

        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var pkcs8 = RsaPrivateKey.FromPem(rsa.ExportPkcs8PrivateKeyPem());
        Assert.Equal(key.PublicKey.Fingerprint, pkcs8.PublicKey.Fingerprint);

        var encrypted = key.PublicKey.EncryptRsaPad(new byte[50], new SeededRandom(2));
        Assert.Equal(new byte[50], again.DecryptRsaPad(encrypted)[..50]);
        Assert.Equal(new byte[50], pkcs8.DecryptRsaPad(encrypted)[..50]);
    }

    private static byte[] BigEndian(BigInteger value, int size)
    {
        var raw = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var result = new byte[size];
        raw.CopyTo(result, size - raw.Length);
        return result;
    }
}
