using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// An RSA public key as used by the auth-key handshake: the client encrypts p_q_inner_data with
/// it, and picks it among the server's keys by its <see cref="Fingerprint"/>.
/// </summary>
public sealed class RsaPublicKey
{
    /// <summary>Largest payload RSA_PAD accepts (p_q_inner_data fits easily).</summary>
    public const int MaxRsaPadDataSize = 144;

    /// <summary>Largest payload the older SHA-1 form accepts (255 bytes less the 20-byte hash).</summary>
    public const int MaxLegacyDataSize = 255 - SHA1.HashSizeInBytes;

    /// <summary>Size of <c>data_with_padding</c> in RSA_PAD.</summary>
    public const int RsaPadDataWithPaddingSize = 192;

    /// <summary>Attempts at a temp_key before RSA_PAD gives up (each fails with probability below one half).</summary>
    private const int MaxRsaPadAttempts = 100;

    private const string Pkcs1Label = "RSA PUBLIC KEY";
    private const string SpkiLabel = "PUBLIC KEY";
    private const string RsaEncryptionOid = "1.2.840.113549.1.1.1";

    /// <summary>Creates the key from its modulus and public exponent.</summary>
    /// <exception cref="RsaKeyFormatException">The modulus or exponent is not a usable positive value.</exception>
    public RsaPublicKey(BigInteger modulus, BigInteger exponent)
    {
        if (modulus <= 3 || modulus.IsEven)
            throw new RsaKeyFormatException("The RSA modulus must be an odd number greater than 3.");
        if (exponent <= 1 || exponent >= modulus)
            throw new RsaKeyFormatException("The RSA public exponent must be greater than 1 and less than the modulus.");
        Modulus = modulus;
        Exponent = exponent;
        ModulusSize = (int)((modulus.GetBitLength() + 7) / 8);
        Fingerprint = ComputeFingerprint(modulus, exponent);
    }

    /// <summary>The modulus n.</summary>
    public BigInteger Modulus { get; }

    /// <summary>The public exponent e.</summary>
    public BigInteger Exponent { get; }

    /// <summary>Size of the modulus in bytes (256 for the 2048-bit keys MTProto uses).</summary>
    public int ModulusSize { get; }

    /// <summary>
    /// The key's fingerprint as carried in resPQ and req_DH_params: the lower 64 bits of
    /// SHA1(TL bytes of n + TL bytes of e), both big-endian, read as a little-endian int64.
    /// </summary>
    public long Fingerprint { get; }

    /// <summary>
    /// Reads the first key from PEM text, either PKCS#1 (<c>-----BEGIN RSA PUBLIC KEY-----</c>)
    /// or SubjectPublicKeyInfo (<c>-----BEGIN PUBLIC KEY-----</c>).
    /// </summary>
    /// <exception cref="RsaKeyFormatException">No such key is found or its contents are malformed.</exception>
    public static RsaPublicKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
            throw new RsaKeyFormatException("No PEM block was found.");
        var label = pem.AsSpan()[fields.Label].ToString();
        byte[] der;
        try
        {
            der = Convert.FromBase64String(pem[fields.Base64Data]);
        }
        catch (FormatException e)
        {
            throw new RsaKeyFormatException("The PEM block is not valid base64.", e);
        }

        try
        {
            return label switch
            {
                Pkcs1Label => FromPkcs1(der),
                SpkiLabel => FromSubjectPublicKeyInfo(der),
                _ => throw new RsaKeyFormatException($"Expected an RSA public key PEM block, found '{label}'."),
            };
        }
        catch (AsnContentException e)
        {
            throw new RsaKeyFormatException($"The '{label}' block is not valid DER.", e);
        }
    }

    /// <summary>The key as PKCS#1 PEM (<c>-----BEGIN RSA PUBLIC KEY-----</c>), the form Telegram publishes.</summary>
    public string ToPem()
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            writer.WriteInteger(Modulus);
            writer.WriteInteger(Exponent);
        }
        return PemEncoding.WriteString(Pkcs1Label, writer.Encode());
    }

    /// <summary>
    /// Textbook RSA: <c>data^e mod n</c>, with <paramref name="data"/> read as an unsigned big-endian
    /// integer, returned as <see cref="ModulusSize"/> big-endian bytes.
    /// </summary>
    /// <exception cref="CryptoException">The value is not below the modulus.</exception>
    public byte[] EncryptRaw(ReadOnlySpan<byte> data)
    {
        var m = BigEndian.ToBigInteger(data);
        if (m >= Modulus)
            throw new CryptoException("The value to encrypt is not below the RSA modulus.");
        return BigEndian.ToBytes(BigInteger.ModPow(m, Exponent, Modulus), ModulusSize);
    }

    /// <summary>
    /// RSA_PAD, the encryption of p_q_inner_data required since 2021 (core.telegram.org/mtproto/auth_key, step 4.1):
    /// data_with_padding = data + random bytes up to 192; data_pad_reversed = its byte reversal;
    /// a random 32-byte temp_key; data_with_hash = data_pad_reversed + SHA256(temp_key + data_with_padding);
    /// aes_encrypted = AES256-IGE(data_with_hash, temp_key, zero IV);
    /// temp_key_xor = temp_key XOR SHA256(aes_encrypted); key_aes_encrypted = temp_key_xor + aes_encrypted;
    /// if key_aes_encrypted is not below n a new temp_key is drawn; the result is key_aes_encrypted^e mod n.
    /// </summary>
    /// <param name="data">The serialized inner data, at most <see cref="MaxRsaPadDataSize"/> bytes.</param>
    /// <param name="random">
    /// Consumed in this order: <c>192 - data.Length</c> padding bytes, then 32 bytes per temp_key attempt.
    /// </param>
    /// <returns>The 256-byte encrypted_data of req_DH_params.</returns>
    /// <exception cref="ArgumentException">The data is too long.</exception>
    /// <exception cref="RsaPadException">The key is not a 2048-bit key, or no temp_key worked within the attempt limit.</exception>
    public byte[] EncryptRsaPad(ReadOnlySpan<byte> data, IRandomSource random) => EncryptRsaPadLimited(data, random, MaxRsaPadAttempts, out _);

    /// <summary>As <see cref="EncryptRsaPad(ReadOnlySpan{byte}, IRandomSource)"/>, giving up after <paramref name="maxAttempts"/> temp_keys.</summary>
    /// <param name="data">The serialized inner data.</param>
    /// <param name="random">The padding and temp_key bytes.</param>
    /// <param name="maxAttempts">How many temp_keys to try (at least 1).</param>
    /// <param name="attempts">How many temp_keys were tried.</param>
    internal byte[] EncryptRsaPadLimited(ReadOnlySpan<byte> data, IRandomSource random, int maxAttempts, out int attempts)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxAttempts, 1);
        attempts = 0;
        if (data.Length > MaxRsaPadDataSize)
            throw new ArgumentException($"RSA_PAD takes at most {MaxRsaPadDataSize} bytes, got {data.Length}.", nameof(data));
        if (Modulus.GetBitLength() != 2048)
            throw new RsaPadException($"RSA_PAD needs a 2048-bit modulus; this key has {Modulus.GetBitLength()} bits.");

        Span<byte> dataWithPadding = stackalloc byte[RsaPadDataWithPaddingSize];
        data.CopyTo(dataWithPadding);
        random.Fill(dataWithPadding[data.Length..]);

        Span<byte> tempKey = stackalloc byte[AesIge.KeySize];
        Span<byte> keyAesEncrypted = stackalloc byte[256];
        Span<byte> zeroIv = stackalloc byte[AesIge.IvSize];
        zeroIv.Clear();
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        var dataWithHash = keyAesEncrypted[AesIge.KeySize..];
        try
        {
            for (var attempt = 0; attempt < maxAttempts; attempt++)
            {
                attempts++;
                random.Fill(tempKey);
                // data_with_hash = reverse(data_with_padding) + SHA256(temp_key + data_with_padding), encrypted in place.
                dataWithPadding.CopyTo(dataWithHash);
                dataWithHash[..RsaPadDataWithPaddingSize].Reverse();
                HashScratch.Sha256Of(tempKey, dataWithPadding, dataWithHash[RsaPadDataWithPaddingSize..]);
                AesIge.Encrypt(tempKey, zeroIv, dataWithHash);

                SHA256.HashData(dataWithHash, hash);
                for (var i = 0; i < AesIge.KeySize; i++)
                    keyAesEncrypted[i] = (byte)(tempKey[i] ^ hash[i]);

                var value = BigEndian.ToBigInteger(keyAesEncrypted);
                if (value < Modulus)
                    return BigEndian.ToBytes(BigInteger.ModPow(value, Exponent, Modulus), ModulusSize);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataWithPadding);
            CryptographicOperations.ZeroMemory(tempKey);
            CryptographicOperations.ZeroMemory(keyAesEncrypted);
        }
        throw new RsaPadException($"No temp_key gave a value below the modulus in {maxAttempts} attempts.");
    }

    /// <summary>
    /// The older encryption of p_q_inner_data: <c>SHA1(data) + data + random padding</c> to 255 bytes,
    /// then textbook RSA. Servers still accept it, but new code should use <see cref="EncryptRsaPad"/>.
    /// </summary>
    /// <param name="data">The serialized inner data, at most <see cref="MaxLegacyDataSize"/> bytes.</param>
    /// <param name="random">Consumed once, for the <c>235 - data.Length</c> padding bytes.</param>
    /// <returns>The encrypted value as <see cref="ModulusSize"/> bytes.</returns>
    public byte[] EncryptLegacy(ReadOnlySpan<byte> data, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (data.Length > MaxLegacyDataSize)
            throw new ArgumentException($"The SHA-1 form takes at most {MaxLegacyDataSize} bytes, got {data.Length}.", nameof(data));
        Span<byte> block = stackalloc byte[255];
        SHA1.HashData(data, block);
        data.CopyTo(block[SHA1.HashSizeInBytes..]);
        random.Fill(block[(SHA1.HashSizeInBytes + data.Length)..]);
        try
        {
            return EncryptRaw(block);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(block);
        }
    }

    private static RsaPublicKey FromPkcs1(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var key = ReadRsaPublicKey(reader);
        reader.ThrowIfNotEmpty();
        return key;
    }

    private static RsaPublicKey FromSubjectPublicKeyInfo(byte[] der)
    {
        var reader = new AsnReader(der, AsnEncodingRules.DER);
        var spki = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var algorithm = spki.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        if (oid != RsaEncryptionOid)
            throw new RsaKeyFormatException($"The public key is not an RSA key (algorithm {oid}).");
        if (algorithm.HasData)
            algorithm.ReadNull();
        algorithm.ThrowIfNotEmpty();
        var bits = spki.ReadBitString(out var unused);
        spki.ThrowIfNotEmpty();
        if (unused != 0)
            throw new RsaKeyFormatException("The public key bit string is not byte-aligned.");
        return FromPkcs1(bits);
    }

    private static RsaPublicKey ReadRsaPublicKey(AsnReader reader)
    {
        var sequence = reader.ReadSequence();
        var modulus = sequence.ReadInteger();
        var exponent = sequence.ReadInteger();
        sequence.ThrowIfNotEmpty();
        return new RsaPublicKey(modulus, exponent);
    }

    private static long ComputeFingerprint(BigInteger modulus, BigInteger exponent)
    {
        var n = BigEndian.ToBytes(modulus);
        var e = BigEndian.ToBytes(exponent);
        var serialized = new byte[TlBytesLength(n.Length) + TlBytesLength(e.Length)];
        var written = WriteTlBytes(n, serialized);
        WriteTlBytes(e, serialized.AsSpan(written));
        Span<byte> sha = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(serialized, sha);
        return BinaryPrimitives.ReadInt64LittleEndian(sha[12..]);
    }

    /// <summary>Length of a TL <c>bytes</c> value: its header, the data, and zero padding to a multiple of 4.</summary>
    private static int TlBytesLength(int dataLength)
    {
        var header = dataLength < 254 ? 1 : 4;
        return (header + dataLength + 3) & ~3;
    }

    /// <summary>
    /// Writes a TL <c>bytes</c> value: one length byte when under 254, otherwise 0xfe and a
    /// 3-byte little-endian length; then the data and zero padding to a multiple of 4.
    /// </summary>
    private static int WriteTlBytes(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        int header;
        if (data.Length < 254)
        {
            destination[0] = (byte)data.Length;
            header = 1;
        }
        else
        {
            destination[0] = 0xfe;
            destination[1] = (byte)data.Length;
            destination[2] = (byte)(data.Length >> 8);
            destination[3] = (byte)(data.Length >> 16);
            header = 4;
        }
        data.CopyTo(destination[header..]);
        var total = TlBytesLength(data.Length);
        destination[(header + data.Length)..total].Clear();
        return total;
    }
}
