using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// The key derivations of MTProto: msg_key and the per-message AES key and IV of MTProto 2.0,
/// auth_key_id and aux_hash, the handshake's new_nonce_hash1..3 and tmp_aes_key / tmp_aes_iv,
/// and the SHA-1 based derivation of MTProto 1.0 (still used for the inner message of
/// auth.bindTempAuthKey).
/// </summary>
public static class MtProtoKdf
{
    /// <summary>Size of an auth key, in bytes.</summary>
    public const int AuthKeySize = 256;

    /// <summary>Size of a msg_key, in bytes.</summary>
    public const int MsgKeySize = 16;

    /// <summary>Size of the handshake's new_nonce, in bytes.</summary>
    public const int NewNonceSize = 32;

    /// <summary>Size of the handshake's nonce and server_nonce, in bytes.</summary>
    public const int NonceSize = 16;

    /// <summary>
    /// auth_key_id: the lower 64 bits of SHA1(auth_key), i.e. bytes 12..20 of the hash read as a
    /// little-endian integer (written back little-endian it gives the bytes sent on the wire).
    /// </summary>
    public static long ComputeAuthKeyId(ReadOnlySpan<byte> authKey)
    {
        RequireAuthKey(authKey);
        Span<byte> sha = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(authKey, sha);
        return BinaryPrimitives.ReadInt64LittleEndian(sha[12..]);
    }

    /// <summary>aux_hash: the higher 64 bits of SHA1(auth_key), bytes 0..8 of the hash read little-endian.</summary>
    public static long ComputeAuxHash(ReadOnlySpan<byte> authKey)
    {
        RequireAuthKey(authKey);
        Span<byte> sha = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(authKey, sha);
        return BinaryPrimitives.ReadInt64LittleEndian(sha);
    }

    /// <summary>
    /// new_nonce_hash1, 2 or 3 of dh_gen_ok / dh_gen_retry / dh_gen_fail: the lower 128 bits of
    /// SHA1(new_nonce + byte(number) + aux_hash), i.e. bytes 4..20 of the hash.
    /// </summary>
    /// <param name="authKey">The 256-byte auth key just agreed.</param>
    /// <param name="newNonce">The client's 32-byte new_nonce.</param>
    /// <param name="number">1 (ok), 2 (retry) or 3 (fail).</param>
    /// <param name="destination">Receives the 16-byte hash.</param>
    public static void ComputeNewNonceHash(ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> newNonce, int number, Span<byte> destination)
    {
        RequireAuthKey(authKey);
        RequireSize(newNonce, NewNonceSize, nameof(newNonce));
        if (number is < 1 or > 3)
            throw new ArgumentOutOfRangeException(nameof(number), number, "new_nonce_hash is numbered 1, 2 or 3.");
        RequireDestination(destination, 16, nameof(destination));

        Span<byte> sha = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(authKey, sha);
        Span<byte> input = stackalloc byte[NewNonceSize + 1 + 8];
        newNonce.CopyTo(input);
        input[NewNonceSize] = (byte)number;
        sha[..8].CopyTo(input[(NewNonceSize + 1)..]);
        SHA1.HashData(input, sha);
        sha[4..].CopyTo(destination);
    }

    /// <summary>
    /// MTProto 2.0 msg_key: the middle 128 bits of SHA256(substr(auth_key, 88 + x, 32) + plaintext),
    /// where the plaintext already carries its random padding.
    /// </summary>
    /// <param name="authKey">The 256-byte auth key.</param>
    /// <param name="plaintextWithPadding">The message plaintext including its 12..1024 bytes of padding.</param>
    /// <param name="direction">Who sends the message.</param>
    /// <param name="msgKey">Receives the 16-byte msg_key.</param>
    public static void ComputeMsgKey(
        ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> plaintextWithPadding, MessageDirection direction, Span<byte> msgKey) =>
        ComputeMsgKey(authKey, plaintextWithPadding, direction, msgKey, out _);

    /// <summary>
    /// The quick-ack token of a client message: the first 32 bits of the same SHA256 that msg_key takes its middle
    /// 128 bits from, read little-endian, with the top bit set (core.telegram.org/mtproto/mtproto-transports#quick-ack).
    /// </summary>
    /// <param name="authKey">The 256-byte auth key.</param>
    /// <param name="plaintextWithPadding">The message plaintext including its padding.</param>
    /// <param name="direction">Who sends the message (quick acks answer client messages).</param>
    public static uint ComputeQuickAckToken(ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> plaintextWithPadding, MessageDirection direction = MessageDirection.ClientToServer)
    {
        Span<byte> msgKey = stackalloc byte[MsgKeySize];
        ComputeMsgKey(authKey, plaintextWithPadding, direction, msgKey, out var token);
        return token;
    }

    /// <summary>msg_key and the quick-ack token from one SHA256.</summary>
    internal static void ComputeMsgKey(
        ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> plaintextWithPadding, MessageDirection direction, Span<byte> msgKey, out uint quickAckToken)
    {
        RequireAuthKey(authKey);
        RequireDestination(msgKey, MsgKeySize, nameof(msgKey));
        var x = Offset(direction);
        Span<byte> sha = stackalloc byte[SHA256.HashSizeInBytes];
        HashScratch.Sha256Of(authKey.Slice(88 + x, 32), plaintextWithPadding, sha);
        sha.Slice(8, MsgKeySize).CopyTo(msgKey);
        quickAckToken = BinaryPrimitives.ReadUInt32LittleEndian(sha) | 0x8000_0000u;
    }

    /// <summary>
    /// MTProto 2.0 aes_key and aes_iv from the auth key and msg_key:
    /// sha256_a = SHA256(msg_key + substr(auth_key, x, 36)),
    /// sha256_b = SHA256(substr(auth_key, 40 + x, 36) + msg_key),
    /// aes_key = sha256_a[0:8] + sha256_b[8:24] + sha256_a[24:32],
    /// aes_iv = sha256_b[0:8] + sha256_a[8:24] + sha256_b[24:32].
    /// </summary>
    /// <param name="authKey">The 256-byte auth key.</param>
    /// <param name="msgKey">The 16-byte msg_key.</param>
    /// <param name="direction">Who sends the message.</param>
    /// <param name="aesKey">Receives the 32-byte AES key.</param>
    /// <param name="aesIv">Receives the 32-byte IGE IV.</param>
    public static void DeriveMessageKey(
        ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> msgKey, MessageDirection direction, Span<byte> aesKey, Span<byte> aesIv)
    {
        RequireAuthKey(authKey);
        RequireSize(msgKey, MsgKeySize, nameof(msgKey));
        RequireDestination(aesKey, AesIge.KeySize, nameof(aesKey));
        RequireDestination(aesIv, AesIge.IvSize, nameof(aesIv));
        var x = Offset(direction);

        Span<byte> input = stackalloc byte[MsgKeySize + 36];
        Span<byte> a = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA256.HashSizeInBytes];
        msgKey.CopyTo(input);
        authKey.Slice(x, 36).CopyTo(input[MsgKeySize..]);
        SHA256.HashData(input, a);
        authKey.Slice(40 + x, 36).CopyTo(input);
        msgKey.CopyTo(input[36..]);
        SHA256.HashData(input, b);

        a[..8].CopyTo(aesKey);
        b.Slice(8, 16).CopyTo(aesKey[8..]);
        a.Slice(24, 8).CopyTo(aesKey[24..]);
        b[..8].CopyTo(aesIv);
        a.Slice(8, 16).CopyTo(aesIv[8..]);
        b.Slice(24, 8).CopyTo(aesIv[24..]);
        CryptographicOperations.ZeroMemory(input);
        CryptographicOperations.ZeroMemory(a);
        CryptographicOperations.ZeroMemory(b);
    }

    /// <summary>
    /// The handshake's tmp_aes_key and tmp_aes_iv, which encrypt server_DH_inner_data and
    /// client_DH_inner_data:
    /// tmp_aes_key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0:12],
    /// tmp_aes_iv = SHA1(server_nonce + new_nonce)[12:20] + SHA1(new_nonce + new_nonce) + new_nonce[0:4].
    /// </summary>
    /// <param name="serverNonce">The 16-byte server_nonce.</param>
    /// <param name="newNonce">The 32-byte new_nonce.</param>
    /// <param name="tmpAesKey">Receives the 32-byte key.</param>
    /// <param name="tmpAesIv">Receives the 32-byte IGE IV.</param>
    public static void DeriveTemporaryKey(
        ReadOnlySpan<byte> serverNonce, ReadOnlySpan<byte> newNonce, Span<byte> tmpAesKey, Span<byte> tmpAesIv)
    {
        RequireSize(serverNonce, NonceSize, nameof(serverNonce));
        RequireSize(newNonce, NewNonceSize, nameof(newNonce));
        RequireDestination(tmpAesKey, AesIge.KeySize, nameof(tmpAesKey));
        RequireDestination(tmpAesIv, AesIge.IvSize, nameof(tmpAesIv));

        Span<byte> input = stackalloc byte[NewNonceSize * 2];
        Span<byte> newServer = stackalloc byte[SHA1.HashSizeInBytes];
        Span<byte> serverNew = stackalloc byte[SHA1.HashSizeInBytes];
        Span<byte> newNew = stackalloc byte[SHA1.HashSizeInBytes];

        newNonce.CopyTo(input);
        serverNonce.CopyTo(input[NewNonceSize..]);
        SHA1.HashData(input[..(NewNonceSize + NonceSize)], newServer);
        serverNonce.CopyTo(input);
        newNonce.CopyTo(input[NonceSize..]);
        SHA1.HashData(input[..(NewNonceSize + NonceSize)], serverNew);
        newNonce.CopyTo(input);
        newNonce.CopyTo(input[NewNonceSize..]);
        SHA1.HashData(input, newNew);

        newServer.CopyTo(tmpAesKey);
        serverNew[..12].CopyTo(tmpAesKey[20..]);
        serverNew[12..].CopyTo(tmpAesIv);
        newNew.CopyTo(tmpAesIv[8..]);
        newNonce[..4].CopyTo(tmpAesIv[28..]);
        CryptographicOperations.ZeroMemory(input);
    }

    /// <summary>MTProto 1.0 msg_key: the lower 128 bits of SHA1(plaintext), bytes 4..20 of the hash.</summary>
    /// <param name="plaintext">The message plaintext without its padding.</param>
    /// <param name="msgKey">Receives the 16-byte msg_key.</param>
    public static void ComputeMsgKeyV1(ReadOnlySpan<byte> plaintext, Span<byte> msgKey)
    {
        RequireDestination(msgKey, MsgKeySize, nameof(msgKey));
        Span<byte> sha = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(plaintext, sha);
        sha[4..].CopyTo(msgKey);
    }

    /// <summary>
    /// MTProto 1.0 aes_key and aes_iv:
    /// sha1_a = SHA1(msg_key + substr(auth_key, x, 32)),
    /// sha1_b = SHA1(substr(auth_key, 32 + x, 16) + msg_key + substr(auth_key, 48 + x, 16)),
    /// sha1_c = SHA1(substr(auth_key, 64 + x, 32) + msg_key),
    /// sha1_d = SHA1(msg_key + substr(auth_key, 96 + x, 32)),
    /// aes_key = sha1_a[0:8] + sha1_b[8:20] + sha1_c[4:16],
    /// aes_iv = sha1_a[8:20] + sha1_b[0:8] + sha1_c[16:20] + sha1_d[0:8].
    /// </summary>
    /// <param name="authKey">The 256-byte auth key.</param>
    /// <param name="msgKey">The 16-byte msg_key.</param>
    /// <param name="direction">Who sends the message.</param>
    /// <param name="aesKey">Receives the 32-byte AES key.</param>
    /// <param name="aesIv">Receives the 32-byte IGE IV.</param>
    public static void DeriveMessageKeyV1(
        ReadOnlySpan<byte> authKey, ReadOnlySpan<byte> msgKey, MessageDirection direction, Span<byte> aesKey, Span<byte> aesIv)
    {
        RequireAuthKey(authKey);
        RequireSize(msgKey, MsgKeySize, nameof(msgKey));
        RequireDestination(aesKey, AesIge.KeySize, nameof(aesKey));
        RequireDestination(aesIv, AesIge.IvSize, nameof(aesIv));
        var x = Offset(direction);

        Span<byte> a = stackalloc byte[SHA1.HashSizeInBytes];
        Span<byte> b = stackalloc byte[SHA1.HashSizeInBytes];
        Span<byte> c = stackalloc byte[SHA1.HashSizeInBytes];
        Span<byte> d = stackalloc byte[SHA1.HashSizeInBytes];
        HashScratch.Sha1Of(msgKey, authKey.Slice(x, 32), a);
        HashScratch.Sha1Of(authKey.Slice(32 + x, 16), msgKey, authKey.Slice(48 + x, 16), b);
        HashScratch.Sha1Of(authKey.Slice(64 + x, 32), msgKey, c);
        HashScratch.Sha1Of(msgKey, authKey.Slice(96 + x, 32), d);

        a[..8].CopyTo(aesKey);
        b.Slice(8, 12).CopyTo(aesKey[8..]);
        c.Slice(4, 12).CopyTo(aesKey[20..]);
        a.Slice(8, 12).CopyTo(aesIv);
        b[..8].CopyTo(aesIv[12..]);
        c.Slice(16, 4).CopyTo(aesIv[20..]);
        d[..8].CopyTo(aesIv[24..]);
        CryptographicOperations.ZeroMemory(a);
        CryptographicOperations.ZeroMemory(b);
        CryptographicOperations.ZeroMemory(c);
        CryptographicOperations.ZeroMemory(d);
    }

    private static int Offset(MessageDirection direction) => direction switch
    {
        MessageDirection.ClientToServer => 0,
        MessageDirection.ServerToClient => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown message direction."),
    };

    internal static void RequireAuthKey(ReadOnlySpan<byte> authKey)
    {
        if (authKey.Length != AuthKeySize)
            throw new ArgumentException($"An auth key is {AuthKeySize} bytes, got {authKey.Length}.", nameof(authKey));
    }

    internal static void RequireSize(ReadOnlySpan<byte> value, int size, string name)
    {
        if (value.Length != size)
            throw new ArgumentException($"Expected {size} bytes, got {value.Length}.", name);
    }

    internal static void RequireDestination(Span<byte> destination, int size, string name)
    {
        if (destination.Length < size)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {size} are needed.", name);
    }
}
