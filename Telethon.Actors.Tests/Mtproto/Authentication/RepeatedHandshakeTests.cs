using System.Diagnostics;
using System.Numerics;
using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using Xunit.Abstractions;
using static Telethon.Tests.Mtproto.Authentication.AuthenticationTestSupport;

namespace Telethon.Tests.Mtproto.Authentication;

/// <summary>
/// Handshakes with a client that gives up RSA_PAD after three temp_keys, as some clients do: against the
/// server's generated key (a modulus close to 2^2048) every one of a hundred succeeds.
/// </summary>
public sealed class RepeatedHandshakeTests(ITestOutputHelper output)
{
    private const int PickyClientAttempts = 3;

    // A key of the server's own generation, from fixed randomness: the test is the same on every run.
    private static readonly Lazy<RsaPrivateKey> GeneratedKey = new(() => RsaPrivateKey.Generate(new SeededRandom(2048)));

    // Four 2048-bit modular powers make a handshake: about 0.1–0.2 s here, so a hundred take far more than a few seconds.
    [Fact]
    [Trait("Category", "Slow")]
    public void AHundredHandshakesInARowSucceedWithAClientThatGivesUpRsaPadAfterThreeTries() => HandshakesSucceed(100);

    [Fact]
    public void EightHandshakesInARowSucceedWithAClientThatGivesUpRsaPadAfterThreeTries() => HandshakesSucceed(8);

    private void HandshakesSucceed(int count)
    {
        var key = GeneratedKey.Value;
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now));
        var attempts = new List<int>();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var client = new ClientAuthenticator(new ClientAuthenticatorOptions
            {
                PublicKeys = [key.PublicKey],
                DcId = 2,
                Random = new SeededRandom(10_000 + i),
                Time = clock,
                MaxRsaPadAttempts = PickyClientAttempts,
            });
            var server = new ServerAuthenticator(new ServerAuthenticatorOptions
            {
                PrivateKeys = [key],
                Random = new SeededRandom(20_000 + i),
                Time = clock,
            });

            var run = Run(client, server);

            Assert.Equal(run.Client.KeyId, run.Server.KeyId);
            Assert.Equal(run.Client.ServerSalt, run.Server.ServerSalt);
            Assert.InRange(client.RsaPadAttempts, 1, PickyClientAttempts);
            attempts.Add(client.RsaPadAttempts);
        }
        output.WriteLine($"{count} handshakes in {watch.ElapsedMilliseconds} ms; RSA_PAD attempts: {string.Join(", ", attempts.GroupBy(a => a).OrderBy(g => g.Key).Select(g => $"{g.Key}×{g.Count()}"))}");
    }

    [Fact]
    public void TheAttemptLimitBitesAgainstAModulusJustAboveTwoTo2047()
    {
        // Half of all 2048-bit values are not below such a modulus: three tries fail one time in eight.
        var small = new RsaPublicKey((BigInteger.One << 2047) + 1, 65537);
        var data = new byte[144];
        var failures = 0;
        for (var seed = 0; seed < 64; seed++)
        {
            try
            {
                small.EncryptRsaPadLimited(data, new SeededRandom(seed), PickyClientAttempts, out var attempts);
                Assert.InRange(attempts, 1, PickyClientAttempts);
            }
            catch (RsaPadException)
            {
                failures++;
            }
        }
        Assert.InRange(failures, 1, 63);

        // The generated key is never that unlucky: 0.5 % of values at most lie above its modulus.
        var key = GeneratedKey.Value.PublicKey;
        for (var seed = 0; seed < 64; seed++)
        {
            key.EncryptRsaPadLimited(data, new SeededRandom(seed), 1, out var attempts);
            Assert.Equal(1, attempts);
        }
    }

    [Fact]
    public void AnAttemptLimitBelowOneIsRefused()
    {
        var options = new ClientAuthenticatorOptions { PublicKeys = [ServerKey.PublicKey], DcId = 2, MaxRsaPadAttempts = 0 };
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientAuthenticator(options));
    }
}
