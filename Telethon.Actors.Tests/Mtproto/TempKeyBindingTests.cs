using System.Buffers.Binary;
using System.Security.Cryptography;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tests.Crypto;
using Telethon.Tl.Mtproto.Types;

namespace Telethon.Tests.Mtproto;

/// <summary>auth.bindTempAuthKey's encrypted_message: the MTProto 1.0 envelope made with the permanent key, both ways.</summary>
public sealed class TempKeyBindingTests
{
    private static readonly AuthKey Permanent = Key(1);
    private static readonly AuthKey Other = Key(2);

    private static AuthKey Key(int seed)
    {
        var bytes = new byte[256];
        new SeededRandom(seed).Fill(bytes);
        return new AuthKey(bytes);
    }

    [Fact]
    public void A_request_carries_what_its_binding_message_says()
    {
        const long msgId = 0x6000_0000_0000_0004;
        var request = TempKeyBinding.CreateRequest(Permanent, 0x1234, 0x5678, msgId, 1_900_000_000, new SeededRandom(3));
        Assert.Equal(Permanent.Id, request.PermAuthKeyId);
        Assert.Equal(1_900_000_000, request.ExpiresAt);
        Assert.Equal(24 + 80, request.EncryptedMessage.Length);
        Assert.Equal(Permanent.Id, BinaryPrimitives.ReadInt64LittleEndian(request.EncryptedMessage));

        var inner = TempKeyBinding.Decrypt(Permanent, request.EncryptedMessage, out var innerMsgId, out var seqNo);
        Assert.Equal(request.Nonce, inner.Nonce);
        Assert.Equal(0x1234, inner.TempAuthKeyId);
        Assert.Equal(Permanent.Id, inner.PermAuthKeyId);
        Assert.Equal(0x5678, inner.TempSessionId);
        Assert.Equal(1_900_000_000, inner.ExpiresAt);
        Assert.Equal(msgId, innerMsgId);
        Assert.Equal(0, seqNo);
    }

    [Fact]
    public void The_envelope_is_mtproto_1_with_a_sha1_msg_key_over_the_unpadded_plaintext()
    {
        var inner = new BindAuthKeyInner { Nonce = 7, TempAuthKeyId = 8, PermAuthKeyId = Permanent.Id, TempSessionId = 9, ExpiresAt = 10 };
        var message = TempKeyBinding.Encrypt(Permanent, 44, inner, new SeededRandom(4));

        // Decrypt by the book: MTProto 1.0 key and IV from the msg_key, AES-256-IGE.
        var msgKey = message.AsSpan(8, 16).ToArray();
        var key = new byte[32];
        var iv = new byte[32];
        MtProtoKdf.DeriveMessageKeyV1(Permanent.Data, msgKey, MessageDirection.ClientToServer, key, iv);
        var plain = new byte[80];
        AesIge.Decrypt(key, iv, message.AsSpan(24), plain);
        Assert.Equal(44, BinaryPrimitives.ReadInt64LittleEndian(plain.AsSpan(16)));
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(plain.AsSpan(24)));
        Assert.Equal(40, BinaryPrimitives.ReadInt32LittleEndian(plain.AsSpan(28)));
        Assert.Equal(inner.ToBytes(), plain.AsSpan(32, 40).ToArray());
        Assert.Equal(SHA1.HashData(plain.AsSpan(0, 72))[4..], msgKey);
    }

    [Fact]
    public void Hostile_messages_are_refused_with_typed_errors()
    {
        var good = TempKeyBinding.CreateRequest(Permanent, 1, 2, 3, 4, new SeededRandom(5)).EncryptedMessage;

        Assert.Equal(MtprotoErrorReason.Truncated, Refused(good[..^16]));
        Assert.Equal(MtprotoErrorReason.Truncated, Refused([]));
        Assert.Equal(MtprotoErrorReason.TooLarge, Refused([.. good, .. new byte[16]]));
        Assert.Equal(MtprotoErrorReason.WrongAuthKeyId, Refused(good, Other));
        var flipped = (byte[])good.Clone();
        flipped[^1] ^= 1;
        Assert.Contains(Refused(flipped), new[] { MtprotoErrorReason.MsgKeyMismatch, MtprotoErrorReason.Malformed });
        var wrongKey = (byte[])good.Clone();
        BinaryPrimitives.WriteInt64LittleEndian(wrongKey, Other.Id);
        Assert.Contains(Refused(wrongKey, Other), new[] { MtprotoErrorReason.MsgKeyMismatch, MtprotoErrorReason.Malformed });

        static MtprotoErrorReason Refused(byte[] message, AuthKey? key = null) =>
            Assert.Throws<MtprotoException>(() => TempKeyBinding.Decrypt(key ?? Permanent, message, out _, out _)).Reason;
    }
}
