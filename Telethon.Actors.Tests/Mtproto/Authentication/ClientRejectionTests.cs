using System.Numerics;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using MtTypes = Telethon.Tl.Mtproto.Types;
using static Telethon.Tests.Mtproto.Authentication.AuthenticationTestSupport;

namespace Telethon.Tests.Mtproto.Authentication;

/// <summary>Altered or hostile server answers end the client's exchange with the right typed error.</summary>
public sealed class ClientRejectionTests
{
    private static readonly Lazy<RecordedExchange> Recorded = new(() => new RecordedExchange(41));

    private static RecordedExchange Exchange => Recorded.Value;

    private static byte[] Flip(byte[] body, int offset)
    {
        var copy = (byte[])body.Clone();
        copy[offset < 0 ? copy.Length + offset : offset] ^= 0x01;
        return copy;
    }

    private static MtTypes.ResPQ RecordedResPq() =>
        (MtTypes.ResPQ)Read(Exchange.ServerMessages[0], Telethon.Tl.Mtproto.Abcs.ResPQ.ReadBoxed);

    private static MtTypes.ServerDHInnerData InnerWith(Action<MtTypes.ServerDHInnerData> change)
    {
        var inner = Exchange.ServerInnerData();
        change(inner);
        return inner;
    }

    [Fact]
    public void ResPqWithAnotherNonce() =>
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ClientAt(0).Process(Flip(Exchange.ServerMessages[0], 4)));

    [Fact]
    public void ResPqWithoutAKnownFingerprint()
    {
        var resPq = RecordedResPq();
        resPq.ServerPublicKeyFingerprints = [OtherKey.PublicKey.Fingerprint, 12345];
        AssertFails(AuthenticationFailure.UnknownFingerprint, () => Exchange.ClientAt(0).Process(resPq.ToBytes()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("03")]
    [InlineData("7fffffff")] // 2^31 - 1 is prime
    [InlineData("3b9aca07")] // 1000000007 is prime
    [InlineData("010000000000000001")] // nine bytes
    public void ResPqWithAPqThatCannotBeSplit(string pqHex)
    {
        var resPq = RecordedResPq();
        resPq.Pq = Convert.FromHexString(pqHex);
        AssertFails(AuthenticationFailure.BadPq, () => Exchange.ClientAt(0).Process(resPq.ToBytes()));
    }

    [Fact]
    public void TruncatedOrPaddedOrForeignAnswers()
    {
        var resPq = Exchange.ServerMessages[0];
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(0).Process(resPq[..^4]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(0).Process([.. resPq, 0, 0, 0, 0]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(0).Process([]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(0).Process([0x63, 0x24]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(0).Process(resPq[..6]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(2).Process(Exchange.ServerMessages[2][..12]));
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.ClientAt(0).Process(Exchange.ServerMessages[2]));
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.ClientAt(1).Process(Exchange.ServerMessages[0]));
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.ClientAt(2).Process(Exchange.ServerMessages[1]));
    }

    [Fact]
    public void ServerDhParamsOkWithAnotherNonceOrServerNonce()
    {
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ClientAt(1).Process(Flip(Exchange.ServerMessages[1], 4)));
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ClientAt(1).Process(Flip(Exchange.ServerMessages[1], 20)));
    }

    [Theory]
    [InlineData(40)]
    [InlineData(60)]
    [InlineData(300)]
    [InlineData(-1)]
    public void ServerDhParamsOkWithAnAlteredAnswer(int offset) =>
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ClientAt(1).Process(Flip(Exchange.ServerMessages[1], offset)));

    [Fact]
    public void ServerDhParamsOkWithAnAnswerThatIsNotWholeBlocks()
    {
        var ok = (MtTypes.ServerDHParamsOk)Read(Exchange.ServerMessages[1], Telethon.Tl.Mtproto.Abcs.ServerDHParams.ReadBoxed);
        ok.EncryptedAnswer = ok.EncryptedAnswer[..^4];
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(1).Process(ok.ToBytes()));
        ok.EncryptedAnswer = [];
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(1).Process(ok.ToBytes()));
    }

    [Fact]
    public void AnswerPaddedWithSixteenBytesOrMoreIsRefused()
    {
        var inner = Exchange.ServerInnerData().ToBytes();
        var natural = (16 - (20 + inner.Length) % 16) % 16;
        // Same data and a valid SHA-1, but one extra block of padding.
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ClientAt(1).Process(Exchange.ServerDhParamsOk(inner, natural + 16)));
        // The honest envelope of the same data is accepted.
        Assert.NotNull(Exchange.ClientAt(1).Process(Exchange.ServerDhParamsOk(inner, natural)).Outgoing);
    }

    [Fact]
    public void ServerDhInnerDataWithAnotherNonce()
    {
        var inner = InnerWith(i => i.ServerNonce += 1).ToBytes();
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ClientAt(1).Process(Exchange.ServerDhParamsOk(inner)));
        inner = InnerWith(i => i.Nonce -= 1).ToBytes();
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ClientAt(1).Process(Exchange.ServerDhParamsOk(inner)));
    }

    [Fact]
    public void EncryptedAnswerHoldingAnotherConstructor()
    {
        var other = new MtTypes.DhGenOk { Nonce = Exchange.Nonce, ServerNonce = Exchange.ServerNonce }.ToBytes();
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.ClientAt(1).Process(Exchange.ServerDhParamsOk(other)));
        var truncated = Exchange.ServerInnerData().ToBytes()[..^8];
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.ClientAt(1).Process(Exchange.ServerDhParamsOk(truncated)));
    }

    public static TheoryData<string> BadDhParameters => ["g_a=1", "g_a=p-1", "g_a small", "g=2", "g=9", "prime+2", "1024-bit prime"];

    [Theory]
    [MemberData(nameof(BadDhParameters))]
    public void ServerDhInnerDataFailingTheDhChecks(string change)
    {
        var p = DhValidator.TelegramPrime;
        static byte[] Be(BigInteger v) => v.ToByteArray(isUnsigned: true, isBigEndian: true);
        var inner = InnerWith(i =>
        {
            switch (change)
            {
                case "g_a=1": i.GA = [1]; break;
                case "g_a=p-1": i.GA = Be(p - 1); break;
                case "g_a small": i.GA = Be(BigInteger.One << 1000); break;
                case "g=2": i.G = 2; break; // Telegram's prime is not 7 mod 8
                case "g=9": i.G = 9; break;
                case "prime+2": i.DhPrime = Be(p + 2); break;
                case "1024-bit prime": i.DhPrime = Be(p >> 1024); break;
            }
        }).ToBytes();
        AssertFails(AuthenticationFailure.DhCheckFailed, () => Exchange.ClientAt(1).Process(Exchange.ServerDhParamsOk(inner)));
    }

    [Fact]
    public void ServerDhParamsFailIsReportedWhenItsHashIsRight()
    {
        var genuine = new MtTypes.ServerDHParamsFail
        {
            Nonce = Exchange.Nonce,
            ServerNonce = Exchange.ServerNonce,
            NewNonceHash = System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(
                System.Security.Cryptography.SHA1.HashData(Exchange.NewNonce).AsSpan(4)),
        };
        AssertFails(AuthenticationFailure.ServerDhParamsFail, () => Exchange.ClientAt(1).Process(genuine.ToBytes()));
        genuine.NewNonceHash ^= 1;
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ClientAt(1).Process(genuine.ToBytes()));
        genuine.Nonce ^= 1;
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ClientAt(1).Process(genuine.ToBytes()));
    }

    [Theory]
    [InlineData(4, AuthenticationFailure.NonceMismatch)]
    [InlineData(20, AuthenticationFailure.NonceMismatch)]
    [InlineData(36, AuthenticationFailure.BadHash)]
    [InlineData(51, AuthenticationFailure.BadHash)]
    public void DhGenOkAltered(int offset, AuthenticationFailure reason) =>
        AssertFails(reason, () => Exchange.ClientAt(2).Process(Flip(Exchange.ServerMessages[2], offset)));

    [Fact]
    public void DhGenRetryAndDhGenFailWithWrongHashes()
    {
        var retry = new MtTypes.DhGenRetry { Nonce = Exchange.Nonce, ServerNonce = Exchange.ServerNonce, NewNonceHash2 = 7 };
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ClientAt(2).Process(retry.ToBytes()));
        var fail = new MtTypes.DhGenFail { Nonce = Exchange.Nonce, ServerNonce = Exchange.ServerNonce, NewNonceHash3 = 7 };
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ClientAt(2).Process(fail.ToBytes()));

        // With the right new_nonce_hash3 the refusal is reported as such.
        var key = Exchange.Result.Key;
        fail.NewNonceHash3 = System.Buffers.Binary.BinaryPrimitives.ReadInt128LittleEndian(key.ComputeNewNonceHash(Exchange.NewNonce, 3));
        AssertFails(AuthenticationFailure.DhGenFail, () => Exchange.ClientAt(2).Process(fail.ToBytes()));
    }

    [Fact]
    public void ClientRefusesInputAfterAFailureAndAfterCompletion()
    {
        var client = Exchange.ClientAt(0);
        AssertFails(AuthenticationFailure.NonceMismatch, () => client.Process(Flip(Exchange.ServerMessages[0], 4)));
        var refused = Assert.Throws<InvalidOperationException>(() => client.Process(Exchange.ServerMessages[0]));
        Assert.Contains("NonceMismatch", refused.Message);
        Assert.IsType<AuthenticationException>(refused.InnerException);
        Assert.Throws<InvalidOperationException>(() => client.Start());
        Assert.Null(client.Result);

        var done = Exchange.ClientAt(3);
        Assert.NotNull(done.Result);
        Assert.Throws<InvalidOperationException>(() => done.Process(Exchange.ServerMessages[2]));

        var fresh = Exchange.NewClient();
        Assert.Throws<InvalidOperationException>(() => fresh.Process(Exchange.ServerMessages[0]));
        fresh.Start();
        Assert.Throws<InvalidOperationException>(() => fresh.Start());
    }

    [Fact]
    public void ClientOptionsAreChecked()
    {
        var random = new SeededRandom(1);
        Assert.Throws<ArgumentException>(() => new ClientAuthenticator(new ClientAuthenticatorOptions { PublicKeys = [], DcId = 2, Random = random }));
        Assert.Throws<ArgumentException>(() => new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = [ServerKey.PublicKey], DcId = 2, TemporaryKeyExpiresIn = 0,
        }));
        Assert.Throws<ArgumentException>(() => new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            DcId = 2,
            PublicKeys = [new RsaPublicKey(BigInteger.Parse("1000000000000000000000000000000000000000000000000000000000000000000000000000000000001"), 65537)],
        }));
        Assert.ThrowsAny<ArgumentException>(() => new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = [ServerKey.PublicKey], DcId = 2, MaxRetries = -1,
        }));
    }

    /// <summary>
    /// Random corruption of every answer, at every step, only ever gives <see cref="AuthenticationException"/>.
    /// Only resPQ can survive a change (a different server_nonce or pq is new information to the client);
    /// every later answer is bound to the exchange by nonces and hashes.
    /// </summary>
    [Fact]
    public void CorruptedAnswersOnlyGiveTypedErrors()
    {
        var random = new Random(5);
        for (var step = 0; step < 3; step++)
        {
            var rejected = 0;
            for (var i = 0; i < 25; i++)
            {
                var mutated = Mutate(Exchange.ServerMessages[step], random);
                var client = Exchange.ClientAt(step);
                try
                {
                    var next = client.Process(mutated);
                    Assert.Equal(0, step);
                    Assert.NotNull(next.Outgoing);
                }
                catch (AuthenticationException)
                {
                    rejected++;
                    Assert.Throws<InvalidOperationException>(() => client.Process(Exchange.ServerMessages[step]));
                }
            }
            Assert.True(rejected > 0);
        }
    }

    internal static byte[] Mutate(byte[] original, Random random)
    {
        var bytes = (byte[])original.Clone();
        switch (random.Next(4))
        {
            case 0:
                bytes[random.Next(bytes.Length)] ^= (byte)(1 << random.Next(8));
                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                var extra = new byte[random.Next(1, 40)];
                random.NextBytes(extra);
                return [.. bytes, .. extra];
            default:
                var offset = random.Next(bytes.Length);
                var count = Math.Min(bytes.Length - offset, random.Next(1, 8));
                random.NextBytes(bytes.AsSpan(offset, count));
                return bytes;
        }
    }
}
