using System.Buffers.Binary;
using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using MtAbcs = Telethon.Tl.Mtproto.Abcs;
using MtFunctions = Telethon.Tl.Mtproto.Functions;
using MtTypes = Telethon.Tl.Mtproto.Types;
using static Telethon.Tests.Mtproto.Authentication.AuthenticationTestSupport;

namespace Telethon.Tests.Mtproto.Authentication;

/// <summary>Whole exchanges between <see cref="ClientAuthenticator"/> and <see cref="ServerAuthenticator"/> in memory.</summary>
public sealed class HandshakeRoundTripTests
{
    [Theory]
    [InlineData(1, null, null)]
    [InlineData(2, 2, null)]
    [InlineData(3, null, 3600)]
    [InlineData(4, -4, 86400)]
    [InlineData(5, 10002, null)]
    [InlineData(6, 2, 600)]
    [InlineData(7, 1, null)]
    [InlineData(8, 5, 60)]
    public void BothSidesAgreeOnKeySaltAndKeyId(int seed, int? dcId, int? expiresIn)
    {
        var script = Script(seed);
        var client = new ClientAuthenticator(ClientOptions(new ScriptedRandom(script), dcId, expiresIn));
        var server = new ServerAuthenticator(ServerOptions(new SeededRandom(seed)));

        var run = Run(client, server);

        Assert.Equal(3, run.ClientMessages.Count);
        Assert.Equal(Convert.ToHexString(run.Client.Key.Data), Convert.ToHexString(run.Server.Key.Data));
        Assert.Equal(run.Client.KeyId, run.Server.KeyId);
        Assert.Equal(MtProtoKdf.ComputeAuthKeyId(run.Client.Key.Data), run.Client.KeyId);
        Assert.Equal(run.Client.ServerSalt, run.Server.ServerSalt);
        Assert.Equal(0, run.Client.TimeOffset);
        Assert.Equal(0, run.Server.TimeOffset);
        Assert.Equal(dcId, run.Client.DcId);
        Assert.Equal(dcId, run.Server.DcId);
        Assert.Equal(expiresIn, run.Client.ExpiresIn);
        Assert.Equal(expiresIn, run.Server.ExpiresIn);
        Assert.Equal(expiresIn is not null, run.Server.IsTemporary);
        Assert.Same(run.Client, client.Result);
        Assert.Same(run.Server, server.Result);

        // first salt = new_nonce[0:8] XOR server_nonce[0:8]; new_nonce is script[16:48].
        var resPq = (MtTypes.ResPQ)Read(run.ServerMessages[0], MtAbcs.ResPQ.ReadBoxed);
        Span<byte> serverNonce = stackalloc byte[16];
        BinaryPrimitives.WriteInt128LittleEndian(serverNonce, resPq.ServerNonce);
        Assert.Equal(
            BinaryPrimitives.ReadInt64LittleEndian(script.AsSpan(16)) ^ BinaryPrimitives.ReadInt64LittleEndian(serverNonce),
            run.Client.ServerSalt);
    }

    [Fact]
    public void ResPqCarriesAFreshPqOfTwoThirtyOneBitPrimes()
    {
        var server = new ServerAuthenticator(ServerOptions(new SeededRandom(11)));
        var nonce = (Int128)0x0123456789abcdef << 40;
        var body = server.Process(new MtFunctions.ReqPqMulti { Nonce = nonce }.ToBytes()).Outgoing!;
        var resPq = (MtTypes.ResPQ)Read(body, MtAbcs.ResPQ.ReadBoxed);
        Assert.Equal(nonce, resPq.Nonce);
        Assert.Equal([ServerKey.PublicKey.Fingerprint], resPq.ServerPublicKeyFingerprints);
        Assert.Equal(8, resPq.Pq.Length);
        var pq = PqFactorizer.Factorize(resPq.Pq);
        Assert.InRange(pq.P, 1UL << 30, (1UL << 31) - 1);
        Assert.InRange(pq.Q, 1UL << 30, (1UL << 31) - 1);
        Assert.NotEqual(pq.P, pq.Q);
        Assert.NotEqual(0, resPq.ServerNonce);
    }

    [Fact]
    public void ServerAnswersTheLegacyReqPq()
    {
        var server = new ServerAuthenticator(ServerOptions(new SeededRandom(12)));
        var body = server.Process(new MtFunctions.ReqPq { Nonce = 42 }.ToBytes()).Outgoing!;
        var resPq = (MtTypes.ResPQ)Read(body, MtAbcs.ResPQ.ReadBoxed);
        Assert.Equal(42, resPq.Nonce);
    }

    [Fact]
    public void ClientLearnsTheServerTimeOffset()
    {
        var client = new ClientAuthenticator(ClientOptions(new ScriptedRandom(Script(13))));
        var options = ServerOptions(new SeededRandom(13));
        var server = new ServerAuthenticator(new ServerAuthenticatorOptions
        {
            PrivateKeys = options.PrivateKeys,
            Random = options.Random,
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now + 1234)),
        });
        var run = Run(client, server);
        Assert.Equal(1234, run.Client.TimeOffset);
    }

    [Fact]
    public void ServerWithTwoKeysOffersBothAndTheClientPicksTheOneItKnows()
    {
        var client = new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = [ServerKey.PublicKey],
            DcId = -2,
            Random = new ScriptedRandom(Script(14)),
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)),
        });
        var server = new ServerAuthenticator(new ServerAuthenticatorOptions
        {
            PrivateKeys = [OtherKey, ServerKey],
            Random = new SeededRandom(14),
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)),
        });
        var run = Run(client, server);
        var resPq = (MtTypes.ResPQ)Read(run.ServerMessages[0], MtAbcs.ResPQ.ReadBoxed);
        Assert.Equal([OtherKey.PublicKey.Fingerprint, ServerKey.PublicKey.Fingerprint], resPq.ServerPublicKeyFingerprints);
        var request = Read(run.ClientMessages[1], static (ref Telethon.Tl.TlReader r) =>
        {
            r.ReadUInt32();
            return MtFunctions.ReqDHParams.ReadBare(ref r);
        });
        Assert.Equal(ServerKey.PublicKey.Fingerprint, request.PublicKeyFingerprint);
        Assert.Equal(run.Client.KeyId, run.Server.KeyId);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(22)]
    [InlineData(23)]
    [InlineData(24)]
    public void ServerAnswerPaddingIsBelowSixteenBytes(int seed)
    {
        var exchange = new RecordedExchange(seed);
        var plain = exchange.DecryptAnswer(exchange.ServerMessages[1]);
        Assert.Equal(0, plain.Length % 16);
        var inner = exchange.ServerInnerData();
        var innerLength = inner.ToBytes().Length;
        var padding = plain.Length - 20 - innerLength;
        Assert.InRange(padding, 0, 15);
        Assert.Equal(SHA1.HashData(plain.AsSpan(20, innerLength)), plain[..20]);

        Assert.Equal(3, inner.G);
        Assert.Equal(DhValidator.TelegramPrimeBytes.ToArray(), inner.DhPrime);
        Assert.Equal(Now, inner.ServerTime);
        DhValidator.CheckPublicValue(inner.GA, DhValidator.TelegramPrime);

        // The client's envelope obeys the same rule.
        var clientPlain = exchange.DecryptClientData(exchange.ClientMessages[2]);
        var clientInner = exchange.ClientInnerData(exchange.ClientMessages[2]);
        Assert.InRange(clientPlain.Length - 20 - clientInner.ToBytes().Length, 0, 15);
        Assert.Equal(0, clientInner.RetryId);
    }

    [Fact]
    public void ServerAsksForARetryWhenTheKeyIdIsTakenAndBothSidesEndOnTheNewKey()
    {
        var seen = new List<long>();
        var client = new ClientAuthenticator(ClientOptions(new ScriptedRandom(Script(31))));
        var server = new ServerAuthenticator(ServerOptions(new SeededRandom(31), id =>
        {
            seen.Add(id);
            return seen.Count == 1;
        }));

        var run = Run(client, server);

        Assert.Equal(4, run.ClientMessages.Count);
        Assert.Equal(MtTypes.DhGenRetry.TlConstructorId, BinaryPrimitives.ReadUInt32LittleEndian(run.ServerMessages[2]));
        Assert.Equal(MtTypes.DhGenOk.TlConstructorId, BinaryPrimitives.ReadUInt32LittleEndian(run.ServerMessages[3]));
        Assert.Equal(2, seen.Count);
        Assert.NotEqual(seen[0], seen[1]);
        Assert.Equal(seen[1], run.Server.KeyId);
        Assert.Equal(Convert.ToHexString(run.Client.Key.Data), Convert.ToHexString(run.Server.Key.Data));

        // The second client_DH_inner_data carries retry_id = aux_hash of the refused key, which the server checked.
        var resPq = (MtTypes.ResPQ)Read(run.ServerMessages[0], MtAbcs.ResPQ.ReadBoxed);
        var (key, iv) = TemporaryKey(resPq.ServerNonce, Script(31).AsSpan(16, 32));
        var first = DecryptClientInner(run.ClientMessages[2], key, iv);
        var second = DecryptClientInner(run.ClientMessages[3], key, iv);
        Assert.Equal(0, first.RetryId);
        Assert.NotEqual(0, second.RetryId);
        Assert.NotEqual(Convert.ToHexString(first.GB), Convert.ToHexString(second.GB));
    }

    [Fact]
    public void ServerGivesUpWithDhGenFailAfterTooManyRetriesAndTheClientReportsIt()
    {
        var client = new ClientAuthenticator(ClientOptions(new ScriptedRandom(Script(32))));
        var server = new ServerAuthenticator(new ServerAuthenticatorOptions
        {
            PrivateKeys = [ServerKey],
            Random = new SeededRandom(32),
            Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)),
            IsAuthKeyIdInUse = _ => true,
            MaxRetries = 2,
        });
        var request = client.Start();
        request = client.Process(server.Process(request).Outgoing!).Outgoing!;
        request = client.Process(server.Process(request).Outgoing!).Outgoing!;
        for (var i = 0; i < 2; i++)
        {
            var retry = server.Process(request).Outgoing!;
            Assert.Equal(MtTypes.DhGenRetry.TlConstructorId, BinaryPrimitives.ReadUInt32LittleEndian(retry));
            request = client.Process(retry).Outgoing!;
        }
        var error = AssertFails(AuthenticationFailure.RetryLimitExceeded, () => server.Process(request));
        Assert.NotNull(error.Reply);
        Assert.Equal(MtTypes.DhGenFail.TlConstructorId, BinaryPrimitives.ReadUInt32LittleEndian(error.Reply));
        AssertFails(AuthenticationFailure.DhGenFail, () => client.Process(error.Reply));
    }

    [Fact]
    public void ClientGivesUpAfterItsOwnRetryLimit()
    {
        var exchange = new RecordedExchange(33);
        var client = exchange.NewClient(maxRetries: 0);
        var server = exchange.NewServer(inUse: _ => true);
        var request = client.Start();
        request = client.Process(server.Process(request).Outgoing!).Outgoing!;
        request = client.Process(server.Process(request).Outgoing!).Outgoing!;
        var retry = server.Process(request).Outgoing!;
        AssertFails(AuthenticationFailure.RetryLimitExceeded, () => client.Process(retry));
    }

    [Fact]
    public void ServerAcceptsTheLegacyRsaFormUnlessTurnedOff()
    {
        foreach (var accept in new[] { true, false })
        {
            var exchange = new RecordedExchange(34);
            var server = exchange.ServerAt(1, acceptLegacy: accept);
            var resPq = (MtTypes.ResPQ)Read(exchange.ServerMessages[0], MtAbcs.ResPQ.ReadBoxed);
            var pq = PqFactorizer.Factorize(resPq.Pq);
            var p = BigEndianOf(pq.P);
            var q = BigEndianOf(pq.Q);
            var inner = new MtTypes.PQInnerDataDc
            {
                Pq = resPq.Pq, P = p, Q = q, Nonce = exchange.Nonce, ServerNonce = exchange.ServerNonce,
                NewNonce = Telethon.Tl.Int256.FromBytes(exchange.NewNonce), Dc = 3,
            }.ToBytes();
            var request = new MtFunctions.ReqDHParams
            {
                Nonce = exchange.Nonce,
                ServerNonce = exchange.ServerNonce,
                P = p,
                Q = q,
                PublicKeyFingerprint = ServerKey.PublicKey.Fingerprint,
                EncryptedData = ServerKey.PublicKey.EncryptLegacy(inner, new SeededRandom(1)),
            }.ToBytes();

            if (!accept)
            {
                AssertFails(AuthenticationFailure.BadHash, () => server.Process(request));
                continue;
            }
            var answer = server.Process(request).Outgoing!;
            // Encrypted with the temporary key of our new_nonce: the server read the legacy block.
            var plain = exchange.DecryptAnswer(answer);
            var dh = (MtTypes.ServerDHInnerData)Read(plain[20..], MtAbcs.ServerDHInnerData.ReadBoxed);
            Assert.Equal(exchange.Nonce, dh.Nonce);
        }
    }

    internal static byte[] BigEndianOf(ulong value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        return bytes.SkipWhile(b => b == 0).ToArray();
    }

    private static MtTypes.ClientDHInnerData DecryptClientInner(byte[] setClientDhParams, byte[] key, byte[] iv)
    {
        var reader = new Telethon.Tl.TlReader(setClientDhParams);
        reader.ReadUInt32();
        var data = (byte[])MtFunctions.SetClientDHParams.ReadBare(ref reader).EncryptedData.Clone();
        AesIge.Decrypt(key, iv, data);
        return (MtTypes.ClientDHInnerData)Read(data[20..], MtAbcs.ClientDHInnerData.ReadBoxed);
    }
}
