using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using Telethon.Tl;

namespace Telethon.Tests.Mtproto.Authentication;

/// <summary>Keys, random scripts and a client↔server driver shared by the auth-key exchange tests.</summary>
public static class AuthenticationTestSupport
{
    /// <summary>Unix time the in-memory tests run at.</summary>
    public const long Now = 1_700_000_000;

    // RSA key generation takes a while: every test shares two server keys.
    private static readonly Lazy<RsaPrivateKey> LazyServerKey = new(RsaPrivateKey.Generate);
    private static readonly Lazy<RsaPrivateKey> LazyOtherKey = new(RsaPrivateKey.Generate);

    /// <summary>The key the in-memory server uses.</summary>
    public static RsaPrivateKey ServerKey => LazyServerKey.Value;

    /// <summary>A second key, for a server with two keys or a client that trusts the wrong one.</summary>
    public static RsaPrivateKey OtherKey => LazyOtherKey.Value;

    /// <summary>
    /// A reproducible byte script of <paramref name="length"/> bytes: a client or server reading it
    /// through <see cref="ScriptedRandom"/> takes its nonces from known offsets.
    /// </summary>
    public static byte[] Script(int seed, int length = 8192)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>Client options against <see cref="ServerKey"/>.</summary>
    public static ClientAuthenticatorOptions ClientOptions(IRandomSource random, int? dcId = 2, int? expiresIn = null) => new()
    {
        PublicKeys = [ServerKey.PublicKey],
        DcId = dcId,
        TemporaryKeyExpiresIn = expiresIn,
        Random = random,
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)),
    };

    /// <summary>Server options with <see cref="ServerKey"/>.</summary>
    public static ServerAuthenticatorOptions ServerOptions(IRandomSource random, Func<long, bool>? inUse = null) => new()
    {
        PrivateKeys = [ServerKey],
        Random = random,
        Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(Now)),
        IsAuthKeyIdInUse = inUse,
    };

    /// <summary>The messages of one exchange, in order, and both results.</summary>
    public sealed record Transcript(List<byte[]> ClientMessages, List<byte[]> ServerMessages, AuthKeyResult Client, AuthKeyResult Server);

    /// <summary>Runs a whole exchange in memory and asserts that both sides finish together.</summary>
    public static Transcript Run(ClientAuthenticator client, ServerAuthenticator server)
    {
        var sent = new List<byte[]>();
        var answered = new List<byte[]>();
        var request = client.Start();
        for (var round = 0; round < 16; round++)
        {
            sent.Add(request);
            var serverStep = server.Process(request);
            Assert.NotNull(serverStep.Outgoing);
            answered.Add(serverStep.Outgoing);
            var clientStep = client.Process(serverStep.Outgoing);
            if (clientStep.IsComplete)
            {
                Assert.Null(clientStep.Outgoing);
                Assert.True(serverStep.IsComplete);
                return new Transcript(sent, answered, clientStep.Result, serverStep.Result);
            }
            Assert.False(serverStep.IsComplete);
            Assert.NotNull(clientStep.Outgoing);
            request = clientStep.Outgoing;
        }
        throw new InvalidOperationException("The exchange did not finish in 16 rounds.");
    }

    /// <summary>tmp_aes_key and tmp_aes_iv for a server_nonce (as on the wire) and new_nonce.</summary>
    public static (byte[] Key, byte[] Iv) TemporaryKey(Int128 serverNonce, ReadOnlySpan<byte> newNonce)
    {
        var key = new byte[32];
        var iv = new byte[32];
        var nonceBytes = new byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteInt128LittleEndian(nonceBytes, serverNonce);
        MtProtoKdf.DeriveTemporaryKey(nonceBytes, newNonce, key, iv);
        return (key, iv);
    }

    /// <summary>SHA1(data) + data + zero padding to a multiple of 16, AES-IGE encrypted: what a peer sends.</summary>
    public static byte[] EncryptWithHash(byte[] data, byte[] key, byte[] iv, int padding = -1)
    {
        var length = 20 + data.Length;
        if (padding < 0)
            padding = (16 - length % 16) % 16;
        var buffer = new byte[length + padding];
        SHA1.HashData(data, buffer);
        data.CopyTo(buffer, 20);
        AesIge.Encrypt(key, iv, buffer);
        return buffer;
    }

    /// <summary>Reads a boxed TL object of a known abstract type from a body.</summary>
    public static T Read<T>(byte[] body, TlReadFunc<T> readBoxed)
    {
        var reader = new TlReader(body);
        return readBoxed(ref reader);
    }

    /// <summary>Asserts that <paramref name="action"/> fails with an <see cref="AuthenticationException"/> for <paramref name="reason"/>.</summary>
    public static AuthenticationException AssertFails(AuthenticationFailure reason, Action action)
    {
        var e = Assert.Throws<AuthenticationException>(action);
        Assert.Equal(reason, e.Reason);
        return e;
    }
}
