using System.Buffers.Binary;
using System.Security.Cryptography;
using Telethon.Crypto;
using Telethon.Tl;
using Telethon.Tl.Functions.Auth;
using Telethon.Tl.Mtproto.Types;

namespace Telethon.Mtproto;

/// <summary>
/// The encrypted_message of auth.bindTempAuthKey (perfect forward secrecy), both ways, sans-IO. The binding message
/// bind_auth_key_inner is wrapped the way MTProto 1.0 wraps a message, with the permanent key:
/// <c>random:int128 | msg_id | seq_no = 0 | msg_len = 40 | bind_auth_key_inner | 0..15 bytes of padding</c>,
/// msg_key = SHA1 of the plaintext without its padding (bytes 4..20), AES-256-IGE with the MTProto 1.0 key
/// derivation, and <c>perm_auth_key_id | msg_key</c> in front. The msg_id is the one the request itself travels with.
/// </summary>
public static class TempKeyBinding
{
    /// <summary>Size of a serialized bind_auth_key_inner (constructor id and five fields).</summary>
    public const int InnerLength = 40;

    // random:int128 (in place of salt and session_id), msg_id, seq_no and msg_len.
    private const int HeaderLength = 32;

    // The plaintext is 72 bytes: one encrypted_message is always 24 + 80 bytes. More is refused.
    private const int CipherLength = 80;

    /// <summary>
    /// Builds the request that binds <paramref name="temporaryKeyId"/> to <paramref name="permanentKey"/>: a random nonce,
    /// the binding message encrypted with the permanent key under <paramref name="msgId"/>, and the same nonce and
    /// expires_at in the clear. Send it on the temporary key, in session <paramref name="temporarySessionId"/>, with
    /// msg_id <paramref name="msgId"/> (see <see cref="MtprotoClientSession.Enqueue(Func{long, TlObject})"/>).
    /// </summary>
    /// <param name="permanentKey">The permanent key, which encrypts the binding message.</param>
    /// <param name="temporaryKeyId">The auth_key_id of the temporary key the request is sent on.</param>
    /// <param name="temporarySessionId">The session_id the request is sent in.</param>
    /// <param name="msgId">The msg_id the request is sent with.</param>
    /// <param name="expiresAt">When the server is to forget the temporary key, in Unix seconds of the server's clock.</param>
    /// <param name="random">Where the nonce, the leading random bytes and the padding come from.</param>
    public static BindTempAuthKey CreateRequest(AuthKey permanentKey, long temporaryKeyId, long temporarySessionId, long msgId, int expiresAt, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(permanentKey);
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> nonce = stackalloc byte[8];
        random.Fill(nonce);
        var inner = new BindAuthKeyInner
        {
            Nonce = BinaryPrimitives.ReadInt64LittleEndian(nonce),
            TempAuthKeyId = temporaryKeyId,
            PermAuthKeyId = permanentKey.Id,
            TempSessionId = temporarySessionId,
            ExpiresAt = expiresAt,
        };
        return new BindTempAuthKey
        {
            PermAuthKeyId = permanentKey.Id,
            Nonce = inner.Nonce,
            ExpiresAt = expiresAt,
            EncryptedMessage = Encrypt(permanentKey, msgId, inner, random),
        };
    }

    /// <summary>Encrypts a binding message with the permanent key, as the request's encrypted_message.</summary>
    /// <param name="permanentKey">The permanent key.</param>
    /// <param name="msgId">The msg_id of the request that carries it.</param>
    /// <param name="inner">The binding message.</param>
    /// <param name="random">Where the leading 16 random bytes and the padding come from.</param>
    /// <param name="seqNo">The seq_no written inside; the protocol wants 0 (another value is only for testing a server).</param>
    public static byte[] Encrypt(AuthKey permanentKey, long msgId, BindAuthKeyInner inner, IRandomSource random, int seqNo = 0)
    {
        ArgumentNullException.ThrowIfNull(permanentKey);
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> plain = stackalloc byte[CipherLength];
        random.Fill(plain[..16]);
        BinaryPrimitives.WriteInt64LittleEndian(plain[16..], msgId);
        BinaryPrimitives.WriteInt32LittleEndian(plain[24..], seqNo);
        BinaryPrimitives.WriteInt32LittleEndian(plain[28..], InnerLength);
        var writer = new TlWriter(InnerLength);
        try
        {
            inner.WriteTo(ref writer);
            writer.WrittenSpan.CopyTo(plain[HeaderLength..]);
        }
        finally
        {
            writer.Dispose();
        }
        random.Fill(plain[(HeaderLength + InnerLength)..]);

        var message = new byte[MtProtoCipher.HeaderSize + CipherLength];
        BinaryPrimitives.WriteInt64LittleEndian(message, permanentKey.Id);
        var msgKey = message.AsSpan(8, MtProtoKdf.MsgKeySize);
        MtProtoKdf.ComputeMsgKeyV1(plain[..(HeaderLength + InnerLength)], msgKey);
        Span<byte> key = stackalloc byte[AesIge.KeySize];
        Span<byte> iv = stackalloc byte[AesIge.IvSize];
        MtProtoKdf.DeriveMessageKeyV1(permanentKey.Data, msgKey, MessageDirection.ClientToServer, key, iv);
        AesIge.Encrypt(key, iv, plain, message.AsSpan(MtProtoCipher.HeaderSize));
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(iv);
        CryptographicOperations.ZeroMemory(plain);
        return message;
    }

    /// <summary>
    /// Opens an encrypted_message with the permanent key it names (server side): the binding message and the msg_id and
    /// seq_no written with it. The caller compares them with the request.
    /// </summary>
    /// <param name="permanentKey">The key whose auth_key_id the message starts with.</param>
    /// <param name="encryptedMessage">The request's encrypted_message.</param>
    /// <param name="msgId">The msg_id written inside.</param>
    /// <param name="seqNo">The seq_no written inside.</param>
    /// <exception cref="MtprotoException">
    /// The message is not 104 bytes (<see cref="MtprotoErrorReason.Truncated"/>, <see cref="MtprotoErrorReason.TooLarge"/>),
    /// names another key, fails the msg_key check, or does not hold one bind_auth_key_inner (<see cref="MtprotoErrorReason.Malformed"/>).
    /// </exception>
    public static BindAuthKeyInner Decrypt(AuthKey permanentKey, ReadOnlySpan<byte> encryptedMessage, out long msgId, out int seqNo)
    {
        ArgumentNullException.ThrowIfNull(permanentKey);
        var expected = MtProtoCipher.HeaderSize + CipherLength;
        if (encryptedMessage.Length < expected)
            throw new MtprotoException(MtprotoErrorReason.Truncated, $"An encrypted binding message of {encryptedMessage.Length} bytes is shorter than {expected}.");
        if (encryptedMessage.Length > expected)
            throw new MtprotoException(MtprotoErrorReason.TooLarge, $"An encrypted binding message of {encryptedMessage.Length} bytes is longer than {expected}.");
        var keyId = BinaryPrimitives.ReadInt64LittleEndian(encryptedMessage);
        if (keyId != permanentKey.Id)
            throw new MtprotoException(MtprotoErrorReason.WrongAuthKeyId, $"The binding message is for auth_key_id {keyId:x16}, not {permanentKey.Id:x16}.");

        var msgKey = encryptedMessage.Slice(8, MtProtoKdf.MsgKeySize);
        Span<byte> key = stackalloc byte[AesIge.KeySize];
        Span<byte> iv = stackalloc byte[AesIge.IvSize];
        Span<byte> plain = stackalloc byte[CipherLength];
        MtProtoKdf.DeriveMessageKeyV1(permanentKey.Data, msgKey, MessageDirection.ClientToServer, key, iv);
        AesIge.Decrypt(key, iv, encryptedMessage[MtProtoCipher.HeaderSize..], plain);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(iv);
        try
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(plain[28..]);
            Span<byte> check = stackalloc byte[MtProtoKdf.MsgKeySize];
            // The msg_key covers exactly the declared message; a wrong length fails it as well as a wrong key would.
            if (length != InnerLength)
                throw new MtprotoException(MtprotoErrorReason.Malformed, $"The binding message declares {length} bytes, not {InnerLength}.");
            MtProtoKdf.ComputeMsgKeyV1(plain[..(HeaderLength + InnerLength)], check);
            if (!ConstantTime.AreEqual(check, msgKey))
                throw new MtprotoException(MtprotoErrorReason.MsgKeyMismatch, "The msg_key does not match the decrypted binding message.");
            msgId = BinaryPrimitives.ReadInt64LittleEndian(plain[16..]);
            seqNo = BinaryPrimitives.ReadInt32LittleEndian(plain[24..]);
            var body = plain.Slice(HeaderLength, InnerLength);
            if (BinaryPrimitives.ReadUInt32LittleEndian(body) != BindAuthKeyInner.TlConstructorId)
                throw new MtprotoException(MtprotoErrorReason.Malformed, $"The binding message holds constructor {BinaryPrimitives.ReadUInt32LittleEndian(body):x8}, not bind_auth_key_inner.");
            var reader = new TlReader(body[4..]);
            return BindAuthKeyInner.ReadBare(ref reader);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plain);
        }
    }
}
