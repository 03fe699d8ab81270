using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// MTProto 2.0 encryption of a whole message: <c>auth_key_id (8) | msg_key (16) | AES-256-IGE(plaintext + padding)</c>.
/// The plaintext is the inner message (salt, session_id, msg_id, seq_no, length, body); this type
/// adds and checks only the cryptographic envelope, the message layer checks the fields inside.
/// </summary>
public static class MtProtoCipher
{
    /// <summary>Bytes before the ciphertext: auth_key_id (8) and msg_key (16).</summary>
    public const int HeaderSize = 8 + MtProtoKdf.MsgKeySize;

    /// <summary>The least random padding MTProto 2.0 allows.</summary>
    public const int MinimumPadding = 12;

    /// <summary>The most random padding MTProto 2.0 allows.</summary>
    public const int MaximumPadding = 1024;

    /// <summary>
    /// The padding added to a plaintext of the given length: enough to reach a multiple of 16 with
    /// at least <see cref="MinimumPadding"/> bytes, i.e. <c>16 + (16 - length % 16)</c> (17 to 32 bytes).
    /// </summary>
    public static int GetPaddingLength(int plaintextLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        return 16 + (16 - plaintextLength % 16);
    }

    /// <summary>Total size of the encrypted message for a plaintext of the given length.</summary>
    public static int GetEncryptedLength(int plaintextLength) =>
        HeaderSize + plaintextLength + GetPaddingLength(plaintextLength);

    /// <summary>
    /// Encrypts one message: pads <paramref name="plaintext"/> with random bytes, computes its
    /// msg_key and writes the envelope to <paramref name="destination"/>.
    /// </summary>
    /// <param name="authKey">The auth key of the connection.</param>
    /// <param name="plaintext">The inner message, without padding.</param>
    /// <param name="direction">Who sends it (a client uses ClientToServer, the server ServerToClient).</param>
    /// <param name="random">Source of the padding bytes.</param>
    /// <param name="destination">At least <see cref="GetEncryptedLength"/> bytes; must not overlap <paramref name="plaintext"/>.</param>
    /// <returns>The number of bytes written.</returns>
    public static int Encrypt(
        AuthKey authKey, ReadOnlySpan<byte> plaintext, MessageDirection direction, IRandomSource random, Span<byte> destination) =>
        Encrypt(authKey, plaintext, direction, random, destination, out _);

    /// <summary>As <see cref="Encrypt(AuthKey, ReadOnlySpan{byte}, MessageDirection, IRandomSource, Span{byte})"/>, also giving the message's quick-ack token.</summary>
    internal static int Encrypt(
        AuthKey authKey, ReadOnlySpan<byte> plaintext, MessageDirection direction, IRandomSource random, Span<byte> destination, out uint quickAckToken)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        ArgumentNullException.ThrowIfNull(random);
        var padding = GetPaddingLength(plaintext.Length);
        var total = HeaderSize + plaintext.Length + padding;
        if (destination.Length < total)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {total} are needed.", nameof(destination));
        if (plaintext.Overlaps(destination))
            throw new ArgumentException("The plaintext and destination overlap.", nameof(destination));

        plaintext.CopyTo(destination[HeaderSize..]);
        return EncryptInPlace(authKey, destination, plaintext.Length, direction, random, out quickAckToken);
    }

    /// <summary>
    /// As <see cref="Encrypt(AuthKey, ReadOnlySpan{byte}, MessageDirection, IRandomSource, Span{byte})"/> for a plaintext already
    /// written at <c>destination[HeaderSize..]</c>: the message is sealed where it lies, without a copy.
    /// </summary>
    /// <param name="authKey">The auth key of the connection.</param>
    /// <param name="destination">At least <see cref="GetEncryptedLength"/> bytes, the plaintext from <see cref="HeaderSize"/> on.</param>
    /// <param name="plaintextLength">The length of the plaintext, without padding.</param>
    /// <param name="direction">Who sends it.</param>
    /// <param name="random">Source of the padding bytes.</param>
    /// <param name="quickAckToken">The message's quick-ack token.</param>
    /// <returns>The number of bytes of the message.</returns>
    internal static int EncryptInPlace(
        AuthKey authKey, Span<byte> destination, int plaintextLength, MessageDirection direction, IRandomSource random, out uint quickAckToken)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(plaintextLength);
        var padding = GetPaddingLength(plaintextLength);
        var total = HeaderSize + plaintextLength + padding;
        if (destination.Length < total)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {total} are needed.", nameof(destination));

        var body = destination[HeaderSize..total];
        random.Fill(body[plaintextLength..]);
        BinaryPrimitives.WriteInt64LittleEndian(destination, authKey.Id);
        var msgKey = destination.Slice(8, MtProtoKdf.MsgKeySize);
        MtProtoKdf.ComputeMsgKey(authKey.Data, body, direction, msgKey, out quickAckToken);

        Span<byte> key = stackalloc byte[AesIge.KeySize];
        Span<byte> iv = stackalloc byte[AesIge.IvSize];
        MtProtoKdf.DeriveMessageKey(authKey.Data, msgKey, direction, key, iv);
        AesIge.Encrypt(key, iv, body);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(iv);
        return total;
    }

    /// <summary>
    /// Decrypts one message after checking that it names <paramref name="authKey"/>, then checks
    /// its msg_key against the decrypted bytes in constant time.
    /// </summary>
    /// <param name="authKey">The auth key of the connection.</param>
    /// <param name="message">The whole encrypted message, header included.</param>
    /// <param name="direction">Who sent it (a client decrypts ServerToClient messages).</param>
    /// <param name="destination">
    /// At least <c>message.Length - HeaderSize</c> bytes; receives the plaintext with its padding
    /// (the inner message's length field tells where the padding starts). May be the ciphertext
    /// part of <paramref name="message"/> itself (<c>message[HeaderSize..]</c>).
    /// </param>
    /// <returns>The number of bytes written: the plaintext including padding.</returns>
    /// <exception cref="MessageDecryptionException">
    /// The message is too short or not block-aligned, names another key, or its msg_key does not match.
    /// </exception>
    public static int Decrypt(AuthKey authKey, ReadOnlySpan<byte> message, MessageDirection direction, Span<byte> destination) =>
        Decrypt(authKey, message, direction, destination, out _);

    /// <summary>As <see cref="Decrypt(AuthKey, ReadOnlySpan{byte}, MessageDirection, Span{byte})"/>, also giving the message's quick-ack token.</summary>
    internal static int Decrypt(AuthKey authKey, ReadOnlySpan<byte> message, MessageDirection direction, Span<byte> destination, out uint quickAckToken)
    {
        ArgumentNullException.ThrowIfNull(authKey);
        if (message.Length < HeaderSize + AesIge.BlockSize)
            throw new MessageDecryptionException($"An encrypted message of {message.Length} bytes is shorter than its header and one block.");
        var cipherLength = message.Length - HeaderSize;
        if (cipherLength % AesIge.BlockSize != 0)
            throw new MessageDecryptionException($"The encrypted part ({cipherLength} bytes) is not a multiple of 16 bytes.");
        if (destination.Length < cipherLength)
            throw new ArgumentException($"The destination holds {destination.Length} bytes; {cipherLength} are needed.", nameof(destination));
        var keyId = BinaryPrimitives.ReadInt64LittleEndian(message);
        if (keyId != authKey.Id)
            throw new MessageDecryptionException($"The message is for auth_key_id {keyId:x16}, not {authKey.Id:x16}.");

        Span<byte> msgKey = stackalloc byte[MtProtoKdf.MsgKeySize];
        message.Slice(8, MtProtoKdf.MsgKeySize).CopyTo(msgKey);
        Span<byte> key = stackalloc byte[AesIge.KeySize];
        Span<byte> iv = stackalloc byte[AesIge.IvSize];
        MtProtoKdf.DeriveMessageKey(authKey.Data, msgKey, direction, key, iv);
        var plain = destination[..cipherLength];
        AesIge.Decrypt(key, iv, message[HeaderSize..], plain);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(iv);

        Span<byte> expected = stackalloc byte[MtProtoKdf.MsgKeySize];
        MtProtoKdf.ComputeMsgKey(authKey.Data, plain, direction, expected, out quickAckToken);
        if (!ConstantTime.AreEqual(expected, msgKey))
        {
            CryptographicOperations.ZeroMemory(plain);
            throw new MessageDecryptionException("The msg_key does not match the decrypted message.");
        }
        return cipherLength;
    }
}
