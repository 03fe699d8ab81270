using System.Numerics;
using Telethon.Connection;
using Telethon.Crypto;

namespace Telethon.Tests.Connection;

/// <summary>
/// The built-in keys against the fingerprints Telegram's clients publish (the lower 64 bits of SHA1 of the TL-serialized
/// rsa_public_key n:bytes e:bytes): a wrong byte anywhere in a PEM changes them.
/// </summary>
public sealed class TelegramServerKeysTests
{
    // Production: Telethon v2 (client/tests/rsa_test.py, -3414540481677951611), grammers (grammers-mtproto
    // authentication.rs, key_for_fingerprint) and Telegram Desktop (kProductionKeyFingerprint) all give 0xd09d1d85de64fd85.
    private const ulong PublishedProduction = 0xd09d1d85de64fd85UL;

    // Test: Telethon v2 (rsa_test.py, -5595554452916591101) and grammers (key_for_fingerprint) give 0xb25898df208d2603.
    private const ulong PublishedTest = 0xb25898df208d2603UL;

    [Fact]
    public void The_production_key_has_its_published_fingerprint()
    {
        var key = Assert.Single(TelegramServerKeys.Production);
        Assert.Equal(PublishedProduction, unchecked((ulong)key.Fingerprint));
        Assert.Equal(-3414540481677951611L, key.Fingerprint);
    }

    [Fact]
    public void The_test_key_has_its_published_fingerprint()
    {
        var key = Assert.Single(TelegramServerKeys.Test);
        Assert.Equal(PublishedTest, unchecked((ulong)key.Fingerprint));
        Assert.Equal(-5595554452916591101L, key.Fingerprint);
    }

    [Fact]
    public void Every_key_is_a_2048_bit_key_with_exponent_65537_that_RSA_PAD_can_use()
    {
        foreach (var key in TelegramServerKeys.Production.Concat(TelegramServerKeys.Test))
        {
            Assert.Equal(2048, key.Modulus.GetBitLength());
            Assert.Equal(new BigInteger(65537), key.Exponent);
            Assert.Equal(256, key.ModulusSize);
            // The PEM form round-trips to the same key (the form Telegram publishes it in).
            Assert.Equal(key.Fingerprint, RsaPublicKey.FromPem(key.ToPem()).Fingerprint);
        }
        Assert.NotEqual(TelegramServerKeys.Production[0].Fingerprint, TelegramServerKeys.Test[0].Fingerprint);
    }
}
