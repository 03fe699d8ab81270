using System.Buffers.Binary;
using System.Numerics;
using System.Security.Cryptography;
using Telethon.Crypto;
using Telethon.Tl;

namespace Telethon.Mtproto.Authentication;

/// <summary>
/// The pieces both sides of the auth-key exchange share: strict decoding of message bodies into
/// typed errors, the SHA-1-and-padding envelope of server_DH_inner_data and client_DH_inner_data,
/// and the nonce arithmetic (salt, new_nonce hashes).
/// </summary>
internal static class HandshakeCodec
{
    /// <summary>Size of the SHA-1 prefix of answer_with_hash and data_with_hash.</summary>
    private const int HashSize = 20;

    /// <summary>
    /// Draws of a DH exponent before giving up: a draw fails the range check with probability about
    /// 2^-63, so running out means the random source is broken (for example it returns only zeros).
    /// </summary>
    private const int MaxDhDraws = 16;

    /// <summary>The constructor id a body starts with.</summary>
    /// <exception cref="AuthenticationException">The body is shorter than a constructor id.</exception>
    public static uint PeekConstructorId(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4)
            throw new AuthenticationException(
                AuthenticationFailure.MalformedMessage, $"A message body of {body.Length} bytes has no constructor id.");
        return BinaryPrimitives.ReadUInt32LittleEndian(body);
    }

    /// <summary>
    /// The error for feeding an exchange that is over: it produced its key, or it <paramref name="failed"/>
    /// earlier (with <paramref name="failure"/>, unless an internal error ended it). Either way a new instance is needed.
    /// </summary>
    public static InvalidOperationException Spent(string owner, bool failed, AuthenticationException? failure) => failed
        ? new InvalidOperationException($"The exchange failed earlier ({failure?.Reason.ToString() ?? "an internal error"}); create a new {owner}.", failure)
        : new InvalidOperationException($"The exchange has already produced its key; create a new {owner} for another one.");

    /// <summary>The error for a body that starts with another constructor than the step expects.</summary>
    public static AuthenticationException Unexpected(uint id, string expected)
    {
        var name = TlRegistry.Find(id)?.Name;
        var got = name is null ? $"constructor 0x{id:x8}" : $"{name}#{id:x8}";
        return new AuthenticationException(AuthenticationFailure.UnexpectedMessage, $"Expected {expected}, got {got}.");
    }

    /// <summary>
    /// Reads a boxed object whose constructor id was already checked, with <paramref name="readBare"/>,
    /// and requires that it fills the body exactly.
    /// </summary>
    /// <exception cref="AuthenticationException">The body is truncated, malformed or has trailing bytes.</exception>
    public static T ReadExact<T>(ReadOnlySpan<byte> body, TlReadFunc<T> readBare, string name)
    {
        var reader = new TlReader(body);
        T value;
        try
        {
            reader.EnterObject();
            value = readBare(ref reader);
            reader.ExitObject();
        }
        catch (TlDecodeException e)
        {
            throw Malformed(name, e);
        }
        if (reader.Remaining > 0)
            throw new AuthenticationException(
                AuthenticationFailure.MalformedMessage, $"{name} is followed by {reader.Remaining} unexpected bytes.");
        return value;
    }

    /// <summary>The error for a body the TL codec rejected.</summary>
    public static AuthenticationException Malformed(string name, TlDecodeException inner) =>
        new(AuthenticationFailure.MalformedMessage, $"{name} is not valid TL: {inner.Message}", inner);

    /// <summary>
    /// Builds answer_with_hash / data_with_hash = SHA1(data) + data + random padding to a multiple of
    /// 16 bytes (0 to 15 padding bytes) and encrypts it with AES-256-IGE.
    /// </summary>
    public static byte[] EncryptWithHash(
        ReadOnlySpan<byte> data, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, IRandomSource random)
    {
        var length = HashSize + data.Length;
        var padding = (AesIge.BlockSize - length % AesIge.BlockSize) % AesIge.BlockSize;
        var buffer = new byte[length + padding];
        SHA1.HashData(data, buffer);
        data.CopyTo(buffer.AsSpan(HashSize));
        random.Fill(buffer.AsSpan(length));
        AesIge.Encrypt(key, iv, buffer);
        return buffer;
    }

    /// <summary>
    /// Decrypts an encrypted answer_with_hash / data_with_hash and returns the data it protects,
    /// checking the SHA-1 before anything is parsed. The data length is found by trying every
    /// padding of 0 to 15 bytes that leaves a whole number of 4-byte TL words, so padding of 16 bytes
    /// or more is rejected as well.
    /// </summary>
    /// <exception cref="AuthenticationException">
    /// The length is not a positive multiple of 16 (<see cref="AuthenticationFailure.MalformedMessage"/>)
    /// or no length gives a matching hash (<see cref="AuthenticationFailure.BadHash"/>).
    /// </exception>
    public static byte[] DecryptWithHash(
        ReadOnlySpan<byte> encrypted, ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, string name)
    {
        if (encrypted.Length < 2 * AesIge.BlockSize || encrypted.Length % AesIge.BlockSize != 0)
            throw new AuthenticationException(
                AuthenticationFailure.MalformedMessage,
                $"The encrypted {name} is {encrypted.Length} bytes, not a multiple of 16 of at least 32.");
        var plain = new byte[encrypted.Length];
        AesIge.Decrypt(key, iv, encrypted, plain);
        Span<byte> hash = stackalloc byte[HashSize];
        var expected = plain.AsSpan(0, HashSize);
        for (var padding = 0; padding < AesIge.BlockSize; padding++)
        {
            var dataLength = plain.Length - HashSize - padding;
            if (dataLength <= 0 || dataLength % 4 != 0)
                continue;
            var data = plain.AsSpan(HashSize, dataLength);
            SHA1.HashData(data, hash);
            if (ConstantTime.AreEqual(hash, expected))
            {
                var result = data.ToArray();
                CryptographicOperations.ZeroMemory(plain);
                return result;
            }
        }
        CryptographicOperations.ZeroMemory(plain);
        throw new AuthenticationException(
            AuthenticationFailure.BadHash,
            $"The SHA-1 of the decrypted {name} does not match for any padding below 16 bytes.");
    }

    /// <summary>An int128 in wire order (little-endian).</summary>
    public static byte[] ToBytes(Int128 value)
    {
        var bytes = new byte[16];
        BinaryPrimitives.WriteInt128LittleEndian(bytes, value);
        return bytes;
    }

    /// <summary>16 wire-order bytes as an int128.</summary>
    public static Int128 ToInt128(ReadOnlySpan<byte> bytes) => BinaryPrimitives.ReadInt128LittleEndian(bytes);

    /// <summary>Compares two int128 hashes in constant time.</summary>
    public static bool HashEquals(Int128 left, Int128 right)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        BinaryPrimitives.WriteInt128LittleEndian(a, left);
        BinaryPrimitives.WriteInt128LittleEndian(b, right);
        return ConstantTime.AreEqual(a, b);
    }

    /// <summary>new_nonce_hash1, 2 or 3 of <paramref name="key"/> as the int128 carried by dh_gen_*.</summary>
    public static Int128 NewNonceHash(AuthKey key, ReadOnlySpan<byte> newNonce, int number)
    {
        Span<byte> hash = stackalloc byte[16];
        MtProtoKdf.ComputeNewNonceHash(key.Data, newNonce, number, hash);
        return ToInt128(hash);
    }

    /// <summary>new_nonce_hash of server_DH_params_fail: the lower 128 bits of SHA1(new_nonce).</summary>
    public static Int128 NewNonceSha1(ReadOnlySpan<byte> newNonce)
    {
        Span<byte> sha = stackalloc byte[HashSize];
        SHA1.HashData(newNonce, sha);
        return ToInt128(sha[4..]);
    }

    /// <summary>The first server salt: new_nonce[0:8] XOR server_nonce[0:8], little-endian.</summary>
    public static long FirstSalt(ReadOnlySpan<byte> newNonce, ReadOnlySpan<byte> serverNonce) =>
        BinaryPrimitives.ReadInt64LittleEndian(newNonce) ^ BinaryPrimitives.ReadInt64LittleEndian(serverNonce);

    /// <summary>A non-negative integer as its shortest big-endian bytes (as pq, p and q travel).</summary>
    public static byte[] ToBigEndian(ulong value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, value);
        var skip = 0;
        while (skip < 7 && bytes[skip] == 0)
            skip++;
        return bytes[skip..].ToArray();
    }

    /// <summary>The clock's time in whole Unix seconds, as server_time carries it.</summary>
    public static int UnixNow(TimeProvider time) => (int)time.GetUtcNow().ToUnixTimeSeconds();

    /// <summary>
    /// Draws a Diffie–Hellman exponent x of 2048 random bits and returns it with g^x mod p, both as
    /// 256 big-endian bytes, drawing again until g^x passes the range checks
    /// (2^1984 ≤ g^x ≤ p − 2^1984), as the guidelines ask. The caller clears the exponent when done.
    /// </summary>
    /// <param name="g">The generator, 2..7.</param>
    /// <param name="p">The 2048-bit prime as 256 big-endian bytes.</param>
    /// <param name="random">The source of the exponent.</param>
    /// <exception cref="InvalidOperationException">The random source keeps giving unusable exponents.</exception>
    public static (byte[] Exponent, byte[] Public) GenerateDhPair(
        int g, ReadOnlySpan<byte> p, IRandomSource random)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(g);
        Span<byte> generator = stackalloc byte[sizeof(int)];
        BinaryPrimitives.WriteInt32BigEndian(generator, g);
        var prime = BigEndian.ToBigInteger(p);
        var exponent = new byte[MtProtoKdf.AuthKeySize];
        for (var draw = 0; draw < MaxDhDraws; draw++)
        {
            random.Fill(exponent);
            var value = ModularPower.Compute(generator, exponent, p, MtProtoKdf.AuthKeySize);
            if (IsValidPublic(BigEndian.ToBigInteger(value), prime))
                return (exponent, value);
        }
        CryptographicOperations.ZeroMemory(exponent);
        throw new InvalidOperationException(
            $"{MaxDhDraws} random Diffie–Hellman exponents in a row gave out-of-range values: the random source is not random.");
    }

    /// <summary>Whether a public value passes <see cref="DhValidator.CheckPublicValue(BigInteger, BigInteger)"/>.</summary>
    private static bool IsValidPublic(BigInteger value, BigInteger p)
    {
        try
        {
            DhValidator.CheckPublicValue(value, p);
            return true;
        }
        catch (DhValidationException)
        {
            return false;
        }
    }
}
