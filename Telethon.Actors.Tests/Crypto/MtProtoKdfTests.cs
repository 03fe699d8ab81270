using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Crypto;

public sealed class MtProtoKdfTests
{
    private static JsonDocument Vectors() => SharedData.Json("vectors/msg_key_kdf.json");

    private static byte[] Bytes(JsonElement e, string name) => Hex.Bytes(e.GetProperty(name).GetString()!);

    private static string LittleEndianHex(long value)
    {
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return Hex.Of(bytes);
    }

    [SkippableFact]
    public void AuthKeyIdAndAuxHash()
    {
        using var doc = Vectors();
        var v = doc.RootElement.GetProperty("auth_key_derived");
        var data = Bytes(v, "auth_key");
        Assert.Equal(v.GetProperty("auth_key_id").GetString(), LittleEndianHex(MtProtoKdf.ComputeAuthKeyId(data)));
        Assert.Equal(v.GetProperty("aux_hash").GetString(), LittleEndianHex(MtProtoKdf.ComputeAuxHash(data)));

        var key = new AuthKey(data);
        Assert.Equal(MtProtoKdf.ComputeAuthKeyId(data), key.Id);
        Assert.Equal(MtProtoKdf.ComputeAuxHash(data), key.AuxHash);
        Assert.Equal(data, key.ToArray());
    }

    [SkippableFact]
    public void NewNonceHashes()
    {
        using var doc = Vectors();
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("new_nonce_hash").EnumerateArray())
        {
            var number = v.GetProperty("number").GetInt32();
            var hash = new byte[16];
            MtProtoKdf.ComputeNewNonceHash(Bytes(v, "auth_key"), Bytes(v, "new_nonce"), number, hash);
            Assert.Equal(v.GetProperty("expected").GetString(), Hex.Of(hash));
            Assert.Equal(hash, new AuthKey(Bytes(v, "auth_key")).ComputeNewNonceHash(Bytes(v, "new_nonce"), number));
            count++;
        }
        Assert.Equal(3, count);
    }

    [SkippableFact]
    public void NewNonceHashOfTheOfficialHandshakeSample()
    {
        using var doc = SharedData.Json("vectors/auth_key_gen.json");
        var flow = doc.RootElement.GetProperty("flows").EnumerateArray()
            .Single(f => f.GetProperty("name").GetString() == "official_spec_samples_auth_key");
        var hash = new AuthKey(Bytes(flow, "auth_key")).ComputeNewNonceHash(Bytes(flow, "new_nonce"), 1);
        Assert.Equal(flow.GetProperty("new_nonce_hash1").GetString(), Hex.Of(hash));
    }

    [SkippableFact]
    public void MessageKeyDerivationForBothDirections()
    {
        using var doc = Vectors();
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("calc_key").EnumerateArray())
        {
            var direction = v.GetProperty("x").GetInt32() == 0 ? MessageDirection.ClientToServer : MessageDirection.ServerToClient;
            Assert.Equal(v.GetProperty("side").GetString() == "client", direction == MessageDirection.ClientToServer);
            var key = new byte[32];
            var iv = new byte[32];
            MtProtoKdf.DeriveMessageKey(Bytes(v, "auth_key"), Bytes(v, "msg_key"), direction, key, iv);
            Assert.Equal(v.GetProperty("aes_key").GetString(), Hex.Of(key));
            Assert.Equal(v.GetProperty("aes_iv").GetString(), Hex.Of(iv));
            count++;
        }
        Assert.Equal(2, count);
    }

    [SkippableFact]
    public void EncryptsAClientMessage()
    {
        using var doc = Vectors();
        var v = doc.RootElement.GetProperty("encrypt_client_v2");
        var plaintext = Bytes(v, "plaintext");
        Assert.Equal(v.GetProperty("plaintext_ascii").GetString(), Encoding.ASCII.GetString(plaintext));
        var padding = MtProtoCipher.GetPaddingLength(plaintext.Length);
        Assert.Equal(19, padding);
        var random = new ScriptedRandom(Bytes(v, "random_padding_source"));

        var output = new byte[MtProtoCipher.GetEncryptedLength(plaintext.Length)];
        var written = MtProtoCipher.Encrypt(new AuthKey(Bytes(v, "auth_key")), plaintext, MessageDirection.ClientToServer, random, output);

        Assert.Equal(output.Length, written);
        Assert.Equal(padding, random.Consumed);
        Assert.Equal(v.GetProperty("expected").GetString(), Hex.Of(output));
    }

    [SkippableFact]
    public void MsgKeyOfTheClientMessage()
    {
        using var doc = Vectors();
        var v = doc.RootElement.GetProperty("encrypt_client_v2");
        var padded = Bytes(v, "plaintext").Concat(new byte[19]).ToArray();
        var msgKey = new byte[16];
        MtProtoKdf.ComputeMsgKey(Bytes(v, "auth_key"), padded, MessageDirection.ClientToServer, msgKey);
        Assert.Equal(v.GetProperty("expected").GetString()!.Substring(16, 32), Hex.Of(msgKey));
    }

    [SkippableFact]
    public void DecryptsARealServerMessage()
    {
        using var doc = Vectors();
        var v = doc.RootElement.GetProperty("decrypt_server_v2");
        var authKey = new AuthKey(Bytes(v, "auth_key"));
        var message = Bytes(v, "ciphertext");
        var plain = new byte[message.Length - MtProtoCipher.HeaderSize];

        var written = MtProtoCipher.Decrypt(authKey, message, MessageDirection.ServerToClient, plain);

        Assert.Equal(plain.Length, written);
        Assert.Equal(v.GetProperty("expected_plaintext").GetString(), Hex.Of(plain));

        // Decrypting in place over the ciphertext part gives the same bytes.
        var copy = (byte[])message.Clone();
        MtProtoCipher.Decrypt(authKey, copy, MessageDirection.ServerToClient, copy.AsSpan(MtProtoCipher.HeaderSize));
        Assert.Equal(plain, copy[MtProtoCipher.HeaderSize..]);
    }

    [SkippableFact]
    public void RejectsTamperedOrForeignMessages()
    {
        using var doc = Vectors();
        var v = doc.RootElement.GetProperty("decrypt_server_v2");
        var authKey = new AuthKey(Bytes(v, "auth_key"));
        var message = Bytes(v, "ciphertext");
        var plain = new byte[message.Length];

        var flipped = (byte[])message.Clone();
        flipped[^1] ^= 1;
        Assert.Throws<MessageDecryptionException>(() => MtProtoCipher.Decrypt(authKey, flipped, MessageDirection.ServerToClient, plain));
        Assert.All(plain, b => Assert.Equal(0, b));

        var wrongKeyId = (byte[])message.Clone();
        wrongKeyId[0] ^= 1;
        Assert.Throws<MessageDecryptionException>(() => MtProtoCipher.Decrypt(authKey, wrongKeyId, MessageDirection.ServerToClient, plain));

        // The same bytes read as a client message derive other keys and fail the msg_key check.
        Assert.Throws<MessageDecryptionException>(() => MtProtoCipher.Decrypt(authKey, message, MessageDirection.ClientToServer, plain));

        Assert.Throws<MessageDecryptionException>(() => MtProtoCipher.Decrypt(authKey, message.AsSpan(0, 39), MessageDirection.ServerToClient, plain));
        Assert.Throws<MessageDecryptionException>(() => MtProtoCipher.Decrypt(authKey, message.AsSpan(0, message.Length - 1), MessageDirection.ServerToClient, plain));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(47)]
    [InlineData(1000)]
    public void RoundTripsBothDirections(int length)
    {
        var random = new SeededRandom(length);
        var keyBytes = new byte[256];
        random.Fill(keyBytes);
        var authKey = new AuthKey(keyBytes);
        var plaintext = new byte[length];
        random.Fill(plaintext);

        foreach (var direction in new[] { MessageDirection.ClientToServer, MessageDirection.ServerToClient })
        {
            var message = new byte[MtProtoCipher.GetEncryptedLength(length)];
            MtProtoCipher.Encrypt(authKey, plaintext, direction, random, message);
            var padding = message.Length - MtProtoCipher.HeaderSize - length;
            Assert.InRange(padding, MtProtoCipher.MinimumPadding, MtProtoCipher.MaximumPadding);
            Assert.Equal(0, (message.Length - MtProtoCipher.HeaderSize) % 16);

            var plain = new byte[message.Length - MtProtoCipher.HeaderSize];
            MtProtoCipher.Decrypt(authKey, message, direction, plain);
            Assert.Equal(plaintext, plain[..length]);
        }
    }

    [Fact]
    public void EncryptAndDecryptDoNotAllocate()
    {
        var random = new SeededRandom(3);
        var keyBytes = new byte[256];
        random.Fill(keyBytes);
        var authKey = new AuthKey(keyBytes);
        var plaintext = new byte[4000];
        var message = new byte[MtProtoCipher.GetEncryptedLength(plaintext.Length)];
        var plain = new byte[message.Length];
        MtProtoCipher.Encrypt(authKey, plaintext, MessageDirection.ClientToServer, random, message);
        MtProtoCipher.Decrypt(authKey, message, MessageDirection.ClientToServer, plain);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 20; i++)
        {
            MtProtoCipher.Encrypt(authKey, plaintext, MessageDirection.ClientToServer, random, message);
            MtProtoCipher.Decrypt(authKey, message, MessageDirection.ClientToServer, plain);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [SkippableFact]
    public void TemporaryHandshakeKeys()
    {
        using var doc = Vectors();
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("tmp_aes_kdf").EnumerateArray())
        {
            var key = new byte[32];
            var iv = new byte[32];
            MtProtoKdf.DeriveTemporaryKey(Bytes(v, "server_nonce"), Bytes(v, "new_nonce"), key, iv);
            Assert.Equal(v.GetProperty("tmp_aes_key").GetString(), Hex.Of(key));
            Assert.Equal(v.GetProperty("tmp_aes_iv").GetString(), Hex.Of(iv));
            count++;
        }
        Assert.Equal(2, count);
    }

    [SkippableFact]
    public void MtProto1KeyDerivationAndMsgKey()
    {
        using var doc = Vectors();
        var v = doc.RootElement.GetProperty("mtproto_v1_kdf_gotd");
        Assert.Equal(0, v.GetProperty("x").GetInt32());
        var key = new byte[32];
        var iv = new byte[32];
        MtProtoKdf.DeriveMessageKeyV1(Bytes(v, "auth_key"), Bytes(v, "msg_key"), MessageDirection.ClientToServer, key, iv);
        Assert.Equal(v.GetProperty("aes_key").GetString(), Hex.Of(key));
        Assert.Equal(v.GetProperty("aes_iv").GetString(), Hex.Of(iv));

        var m = v.GetProperty("message_key_v1");
        var msgKey = new byte[16];
        MtProtoKdf.ComputeMsgKeyV1(Encoding.ASCII.GetBytes(m.GetProperty("input_ascii").GetString()!), msgKey);
        Assert.Equal(m.GetProperty("expected").GetString(), Hex.Of(msgKey));
    }

    [Fact]
    public void MtProto1DirectionsDiffer()
    {
        var authKey = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        var msgKey = new byte[16];
        var clientKey = new byte[32];
        var serverKey = new byte[32];
        var iv = new byte[32];
        MtProtoKdf.DeriveMessageKeyV1(authKey, msgKey, MessageDirection.ClientToServer, clientKey, iv);
        MtProtoKdf.DeriveMessageKeyV1(authKey, msgKey, MessageDirection.ServerToClient, serverKey, iv);
        Assert.NotEqual(clientKey, serverKey);
    }

    [Fact]
    public void RejectsBadSizes()
    {
        var key = new byte[32];
        var iv = new byte[32];
        Assert.Throws<ArgumentException>(() => MtProtoKdf.DeriveMessageKey(new byte[255], new byte[16], MessageDirection.ClientToServer, key, iv));
        Assert.Throws<ArgumentException>(() => MtProtoKdf.DeriveMessageKey(new byte[256], new byte[15], MessageDirection.ClientToServer, key, iv));
        Assert.Throws<ArgumentException>(() => MtProtoKdf.DeriveTemporaryKey(new byte[16], new byte[31], key, iv));
        Assert.Throws<ArgumentOutOfRangeException>(() => MtProtoKdf.ComputeNewNonceHash(new byte[256], new byte[32], 4, new byte[16]));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => MtProtoKdf.DeriveMessageKey(new byte[256], new byte[16], (MessageDirection)4, key, iv));
        Assert.Throws<ArgumentException>(() => new AuthKey(new byte[128]));
    }

    [Fact]
    public void ConstantTimeComparison()
    {
        Assert.True(ConstantTime.AreEqual([1, 2, 3], [1, 2, 3]));
        Assert.False(ConstantTime.AreEqual([1, 2, 3], [1, 2, 4]));
        Assert.False(ConstantTime.AreEqual([1, 2, 3], [1, 2]));
        Assert.True(ConstantTime.AreEqual([], []));
    }
}
