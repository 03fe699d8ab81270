using System.Buffers.Binary;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using MtAbcs = Telethon.Tl.Mtproto.Abcs;
using MtFunctions = Telethon.Tl.Mtproto.Functions;
using MtTypes = Telethon.Tl.Mtproto.Types;
using static Telethon.Tests.Mtproto.Authentication.AuthenticationTestSupport;

namespace Telethon.Tests.Mtproto.Authentication;

/// <summary>Altered or hostile client requests end the server's exchange with the right typed error.</summary>
public sealed class ServerRejectionTests
{
    private static readonly Lazy<RecordedExchange> Recorded = new(() => new RecordedExchange(51));

    private static RecordedExchange Exchange => Recorded.Value;

    private static MtFunctions.ReqDHParams RecordedReqDhParams()
    {
        var reader = new Telethon.Tl.TlReader(Exchange.ClientMessages[1]);
        reader.ReadUInt32();
        return MtFunctions.ReqDHParams.ReadBare(ref reader);
    }

    private static byte[] Flip(byte[] body, int offset)
    {
        var copy = (byte[])body.Clone();
        copy[offset < 0 ? copy.Length + offset : offset] ^= 0x01;
        return copy;
    }

    /// <summary>req_DH_params of the recorded exchange with p_q_inner_data replaced by <paramref name="inner"/> (RSA_PAD).</summary>
    private static byte[] ReqDhParamsWith(MtAbcs.PQInnerData inner)
    {
        var request = RecordedReqDhParams();
        request.EncryptedData = ServerKey.PublicKey.EncryptRsaPad(inner.ToBytes(), new SeededRandom(3));
        return request.ToBytes();
    }

    private static (byte[] Pq, byte[] P, byte[] Q) RecordedPq()
    {
        var resPq = (MtTypes.ResPQ)Read(Exchange.ServerMessages[0], MtAbcs.ResPQ.ReadBoxed);
        var request = RecordedReqDhParams();
        return (resPq.Pq, request.P, request.Q);
    }

    [Fact]
    public void FirstMessageMustBeReqPq()
    {
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.NewServer().Process(Exchange.ClientMessages[1]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.NewServer().Process(Exchange.ClientMessages[0][..^1]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.NewServer().Process(Exchange.ClientMessages[0][..6]));
        AssertFails(AuthenticationFailure.MalformedMessage, () => Exchange.NewServer().Process([]));
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.ServerAt(1).Process(Exchange.ClientMessages[0]));
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.ServerAt(2).Process(Exchange.ClientMessages[1]));
    }

    [Fact]
    public void RejectsAnUnknownFingerprint()
    {
        var request = RecordedReqDhParams();
        request.PublicKeyFingerprint = OtherKey.PublicKey.Fingerprint;
        AssertFails(AuthenticationFailure.UnknownFingerprint, () => Exchange.ServerAt(1).Process(request.ToBytes()));
    }

    [Fact]
    public void RejectsAnotherNonceOrServerNonce()
    {
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ServerAt(1).Process(Flip(Exchange.ClientMessages[1], 4)));
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ServerAt(1).Process(Flip(Exchange.ClientMessages[1], 35)));
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ServerAt(2).Process(Flip(Exchange.ClientMessages[2], 4)));
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ServerAt(2).Process(Flip(Exchange.ClientMessages[2], 20)));
    }

    [Fact]
    public void RejectsPAndQThatAreNotTheFactorsOfPq()
    {
        var request = RecordedReqDhParams();
        (request.P, request.Q) = (request.Q, request.P);
        AssertFails(AuthenticationFailure.BadPq, () => Exchange.ServerAt(1).Process(request.ToBytes()));
        request = RecordedReqDhParams();
        request.P = [0, .. request.P];
        AssertFails(AuthenticationFailure.BadPq, () => Exchange.ServerAt(1).Process(request.ToBytes()));
        request = RecordedReqDhParams();
        request.Q[^1] ^= 2;
        AssertFails(AuthenticationFailure.BadPq, () => Exchange.ServerAt(1).Process(request.ToBytes()));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100)]
    [InlineData(255)]
    public void RejectsAlteredEncryptedData(int index)
    {
        var request = RecordedReqDhParams();
        request.EncryptedData[index] ^= 0x10;
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ServerAt(1).Process(request.ToBytes()));
    }

    [Fact]
    public void RejectsEncryptedDataOfTheWrongSize()
    {
        var request = RecordedReqDhParams();
        request.EncryptedData = request.EncryptedData[..255];
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ServerAt(1).Process(request.ToBytes()));
        request.EncryptedData = [.. RecordedReqDhParams().EncryptedData, 0];
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ServerAt(1).Process(request.ToBytes()));
    }

    [Fact]
    public void RejectsDataEncryptedForAnotherKey()
    {
        var (pq, p, q) = RecordedPq();
        var request = RecordedReqDhParams();
        request.EncryptedData = OtherKey.PublicKey.EncryptRsaPad(
            new MtTypes.PQInnerData { Pq = pq, P = p, Q = q, Nonce = Exchange.Nonce, ServerNonce = Exchange.ServerNonce }.ToBytes(),
            new SeededRandom(4));
        AssertFails(AuthenticationFailure.BadHash, () => Exchange.ServerAt(1).Process(request.ToBytes()));
    }

    public static TheoryData<string, AuthenticationFailure> BadInnerData => new()
    {
        { "nonce", AuthenticationFailure.NonceMismatch },
        { "server_nonce", AuthenticationFailure.NonceMismatch },
        { "pq", AuthenticationFailure.BadPq },
        { "p", AuthenticationFailure.BadPq },
        { "expires_in", AuthenticationFailure.InvalidParameters },
    };

    /// <summary>
    /// p_q_inner_data that decrypts but does not match is answered with server_DH_params_fail, which the
    /// client (who sent the same new_nonce) recognises by its hash.
    /// </summary>
    [Theory]
    [MemberData(nameof(BadInnerData))]
    public void InnerDataThatDoesNotMatchIsAnsweredWithServerDhParamsFail(string field, AuthenticationFailure reason)
    {
        var (pq, p, q) = RecordedPq();
        var inner = new MtTypes.PQInnerDataTempDc
        {
            Pq = field == "pq" ? [.. pq[..^1], (byte)(pq[^1] ^ 2)] : pq,
            P = field == "p" ? [.. p[..^1], (byte)(p[^1] ^ 2)] : p,
            Q = q,
            Nonce = field == "nonce" ? Exchange.Nonce + 1 : Exchange.Nonce,
            ServerNonce = field == "server_nonce" ? Exchange.ServerNonce + 1 : Exchange.ServerNonce,
            NewNonce = Telethon.Tl.Int256.FromBytes(Exchange.NewNonce),
            Dc = 2,
            ExpiresIn = field == "expires_in" ? 0 : 3600,
        };
        var error = AssertFails(reason, () => Exchange.ServerAt(1).Process(ReqDhParamsWith(inner)));
        Assert.NotNull(error.Reply);
        Assert.Equal(MtTypes.ServerDHParamsFail.TlConstructorId, BinaryPrimitives.ReadUInt32LittleEndian(error.Reply));
        AssertFails(AuthenticationFailure.ServerDhParamsFail, () => Exchange.ClientAt(1).Process(error.Reply));
    }

    [Fact]
    public void RejectsAlteredSetClientDhParams()
    {
        foreach (var offset in new[] { 40, 100, -1 })
            AssertFails(AuthenticationFailure.BadHash, () => Exchange.ServerAt(2).Process(Flip(Exchange.ClientMessages[2], offset)));
        var wrongInner = new MtTypes.ServerDHInnerData { Nonce = Exchange.Nonce, ServerNonce = Exchange.ServerNonce, DhPrime = [], GA = [] };
        AssertFails(AuthenticationFailure.UnexpectedMessage, () => Exchange.ServerAt(2).Process(Exchange.SetClientDhParams(wrongInner.ToBytes())));
        var inner = Exchange.ClientInnerData(Exchange.ClientMessages[2]);
        inner.Nonce += 1;
        AssertFails(AuthenticationFailure.NonceMismatch, () => Exchange.ServerAt(2).Process(Exchange.SetClientDhParams(inner.ToBytes())));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("small")]
    [InlineData("p-1")]
    [InlineData("long")]
    public void RejectsAGbOutOfRangeWithDhGenFail(string value)
    {
        var p = DhValidator.TelegramPrime;
        var inner = Exchange.ClientInnerData(Exchange.ClientMessages[2]);
        inner.GB = value switch
        {
            "1" => [1],
            "small" => (System.Numerics.BigInteger.One << 1900).ToByteArray(isUnsigned: true, isBigEndian: true),
            "p-1" => (p - 1).ToByteArray(isUnsigned: true, isBigEndian: true),
            _ => [1, .. inner.GB],
        };
        var error = AssertFails(AuthenticationFailure.DhCheckFailed, () => Exchange.ServerAt(2).Process(Exchange.SetClientDhParams(inner.ToBytes())));
        if (value != "long")
        {
            Assert.NotNull(error.Reply);
            Assert.Equal(MtTypes.DhGenFail.TlConstructorId, BinaryPrimitives.ReadUInt32LittleEndian(error.Reply));
        }
    }

    [Fact]
    public void RejectsAWrongRetryId()
    {
        var inner = Exchange.ClientInnerData(Exchange.ClientMessages[2]);
        inner.RetryId = 99;
        var error = AssertFails(AuthenticationFailure.InvalidParameters, () => Exchange.ServerAt(2).Process(Exchange.SetClientDhParams(inner.ToBytes())));
        Assert.Equal(MtTypes.DhGenFail.TlConstructorId, BinaryPrimitives.ReadUInt32LittleEndian(error.Reply!));

        // After a dh_gen_retry the first request (retry_id 0) is no longer good enough.
        var calls = 0;
        var server = Exchange.ServerAt(3, inUse: _ => ++calls == 1);
        Assert.Equal(1, calls);
        Assert.Null(server.Result);
        AssertFails(AuthenticationFailure.InvalidParameters, () => server.Process(Exchange.ClientMessages[2]));
    }

    [Fact]
    public void ServerRefusesInputAfterAFailureAndAfterCompletion()
    {
        var server = Exchange.ServerAt(1);
        AssertFails(AuthenticationFailure.NonceMismatch, () => server.Process(Flip(Exchange.ClientMessages[1], 4)));
        var refused = Assert.Throws<InvalidOperationException>(() => server.Process(Exchange.ClientMessages[1]));
        Assert.Contains("NonceMismatch", refused.Message);
        Assert.Null(server.Result);

        var done = Exchange.ServerAt(3);
        Assert.NotNull(done.Result);
        Assert.Equal(Exchange.Result.KeyId, done.Result.KeyId);
        Assert.Throws<InvalidOperationException>(() => done.Process(Exchange.ClientMessages[2]));
    }

    [Fact]
    public void ServerOptionsAreChecked()
    {
        Assert.Throws<ArgumentException>(() => new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [] }));
        Assert.Throws<ArgumentException>(() => new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [ServerKey, ServerKey] }));
        Assert.Throws<ArgumentException>(() => new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [ServerKey], G = 2 }));
        Assert.Throws<ArgumentException>(() => new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [ServerKey], G = 8 }));
        Assert.ThrowsAny<ArgumentException>(() => new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [ServerKey], MaxRetries = -1 }));
        Assert.NotNull(new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [ServerKey], G = 4 }));
    }

    /// <summary>Random corruption of every request, at every step, only ever gives <see cref="AuthenticationException"/>.</summary>
    [Fact]
    public void CorruptedRequestsOnlyGiveTypedErrors()
    {
        var random = new Random(6);
        for (var step = 0; step < 3; step++)
        {
            var rejected = 0;
            var accepted = 0;
            for (var i = 0; i < 20; i++)
            {
                var mutated = ClientRejectionTests.Mutate(Exchange.ClientMessages[step], random);
                var server = Exchange.ServerAt(step);
                try
                {
                    // A changed req_pq_multi is just another client's, and the zero padding that follows
                    // req_DH_params' p and q (TL bytes are padded to 4) is not read: those may pass.
                    var answer = server.Process(mutated);
                    Assert.NotNull(answer.Outgoing);
                    accepted++;
                }
                catch (AuthenticationException)
                {
                    rejected++;
                }
            }
            Assert.True(rejected > 0);
            if (step == 2)
                Assert.Equal(0, accepted);
        }
    }
}
