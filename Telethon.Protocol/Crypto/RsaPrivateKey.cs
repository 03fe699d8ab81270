using System.Numerics;
using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// The server side of the handshake's RSA: a private key that decrypts what clients encrypted
/// with its <see cref="PublicKey"/>, in particular RSA_PAD blocks. Used by the project's own
/// MTProto server; clients only ever need <see cref="RsaPublicKey"/>.
/// </summary>
public sealed class RsaPrivateKey
{
    private readonly RSAParameters _parameters;
    private readonly BigInteger _p;
    private readonly BigInteger _q;
    private readonly BigInteger _dp;
    private readonly BigInteger _dq;
    private readonly BigInteger _qInverse;

    private RsaPrivateKey(RSAParameters parameters)
    {
        if (parameters.D is null || parameters.P is null || parameters.Q is null ||
            parameters.DP is null || parameters.DQ is null || parameters.InverseQ is null ||
            parameters.Modulus is null || parameters.Exponent is null)
            throw new RsaKeyFormatException("The RSA private key lacks its CRT parameters.");
        _parameters = parameters;
        PublicKey = new RsaPublicKey(BigEndian.ToBigInteger(parameters.Modulus), BigEndian.ToBigInteger(parameters.Exponent));
        _p = BigEndian.ToBigInteger(parameters.P);
        _q = BigEndian.ToBigInteger(parameters.Q);
        _dp = BigEndian.ToBigInteger(parameters.DP);
        _dq = BigEndian.ToBigInteger(parameters.DQ);
        _qInverse = BigEndian.ToBigInteger(parameters.InverseQ);
        if (_p * _q != PublicKey.Modulus)
            throw new RsaKeyFormatException("The RSA private key's primes do not multiply to its modulus.");
    }

    /// <summary>The public half, to publish to clients.</summary>
    public RsaPublicKey PublicKey { get; }

    /// <summary>
    /// Generates a new 2048-bit key with public exponent 65537 whose modulus is at least
    /// 0.995·2^2048, as close to 2^2048 as Telegram's keys (see <see cref="Generate(IRandomSource)"/>).
    /// </summary>
    public static RsaPrivateKey Generate() => Generate(SecureRandomSource.Instance);

    /// <summary>
    /// Generates a new 2048-bit key with public exponent 65537 from <paramref name="random"/>. Both primes
    /// are drawn from [⌈√0.995·2^1024⌉, 2^1024), so the modulus is at least 0.995·2^2048: a client's
    /// RSA_PAD then finds a value below the modulus at almost every attempt, as with Telegram's keys.
    /// Clients that give up after a few attempts (some do after three) fail about one handshake in ten
    /// against an ordinary key whose modulus may be as small as 2^2047.
    /// </summary>
    /// <param name="random">Where the primes (and the bases of their primality tests) come from.</param>
    public static RsaPrivateKey Generate(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var p = RsaPrimes.Next(random);
            var q = RsaPrimes.Next(random);
            if (p == q)
                continue;
            if (p < q)
                (p, q) = (q, p);
            var n = p * q;
            var pMinusOne = p - 1;
            var qMinusOne = q - 1;
            var lambda = pMinusOne / BigInteger.GreatestCommonDivisor(pMinusOne, qMinusOne) * qMinusOne;
            var d = RsaPrimes.ModInverse(RsaPrimes.PublicExponent, lambda);
            const int half = 128;
            var parameters = new RSAParameters
            {
                Modulus = BigEndian.ToBytes(n, 256),
                Exponent = BigEndian.ToBytes(RsaPrimes.PublicExponent),
                D = BigEndian.ToBytes(d, 256),
                P = BigEndian.ToBytes(p, half),
                Q = BigEndian.ToBytes(q, half),
                DP = BigEndian.ToBytes(d % pMinusOne, half),
                DQ = BigEndian.ToBytes(d % qMinusOne, half),
                InverseQ = BigEndian.ToBytes(RsaPrimes.ModInverse(q, p), half),
            };
            return new RsaPrivateKey(parameters);
        }
    }

    /// <summary>
    /// Reads the first private key from PEM text: PKCS#1 (<c>-----BEGIN RSA PRIVATE KEY-----</c>)
    /// or unencrypted PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>).
    /// </summary>
    /// <exception cref="RsaKeyFormatException">No such key is found or its contents are malformed.</exception>
    public static RsaPrivateKey FromPem(string pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (!PemEncoding.TryFind(pem, out var fields))
            throw new RsaKeyFormatException("No PEM block was found.");
        var label = pem.AsSpan()[fields.Label].ToString();
        if (label is not ("RSA PRIVATE KEY" or "PRIVATE KEY"))
            throw new RsaKeyFormatException($"Expected an RSA private key PEM block, found '{label}'.");
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(pem.AsSpan()[fields.Location]);
            return new RsaPrivateKey(rsa.ExportParameters(includePrivateParameters: true));
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            throw new RsaKeyFormatException($"The '{label}' block is not a valid RSA private key.", e);
        }
    }

    /// <summary>The key as PKCS#1 PEM (<c>-----BEGIN RSA PRIVATE KEY-----</c>).</summary>
    public string ToPem()
    {
        using var rsa = RSA.Create();
        rsa.ImportParameters(_parameters);
        return rsa.ExportRSAPrivateKeyPem();
    }

    /// <summary>
    /// Textbook RSA decryption <c>c^d mod n</c> (by the Chinese remainder theorem), with
    /// <paramref name="data"/> read as an unsigned big-endian integer; returns
    /// <see cref="RsaPublicKey.ModulusSize"/> big-endian bytes.
    /// </summary>
    /// <exception cref="CryptoException">The value is not below the modulus.</exception>
    public byte[] DecryptRaw(ReadOnlySpan<byte> data)
    {
        var c = BigEndian.ToBigInteger(data);
        if (c >= PublicKey.Modulus)
            throw new CryptoException("The value to decrypt is not below the RSA modulus.");
        return BigEndian.ToBytes(DecryptValue(c), PublicKey.ModulusSize);
    }

    /// <summary>
    /// Reverses <see cref="RsaPublicKey.EncryptRsaPad"/>: decrypts key_aes_encrypted, recovers
    /// temp_key, AES-IGE-decrypts data_with_hash and checks SHA256(temp_key + data_with_padding)
    /// in constant time.
    /// </summary>
    /// <param name="encryptedData">The 256-byte encrypted_data of req_DH_params.</param>
    /// <returns>The 192-byte data_with_padding: the client's inner data followed by its random padding.</returns>
    /// <exception cref="RsaPadException">The block has the wrong size, is not below the modulus, or its hash does not match.</exception>
    public byte[] DecryptRsaPad(ReadOnlySpan<byte> encryptedData)
    {
        if (PublicKey.ModulusSize != 256)
            throw new RsaPadException("RSA_PAD needs a 2048-bit key.");
        if (encryptedData.Length != 256)
            throw new RsaPadException($"An RSA_PAD block is 256 bytes, got {encryptedData.Length}.");
        var c = BigEndian.ToBigInteger(encryptedData);
        if (c >= PublicKey.Modulus)
            throw new RsaPadException("The RSA_PAD block is not below the modulus.");

        Span<byte> keyAesEncrypted = stackalloc byte[256];
        Span<byte> tempKey = stackalloc byte[AesIge.KeySize];
        Span<byte> zeroIv = stackalloc byte[AesIge.IvSize];
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        zeroIv.Clear();
        try
        {
            BigEndian.Write(DecryptValue(c), keyAesEncrypted);
            var aesEncrypted = keyAesEncrypted[AesIge.KeySize..];
            SHA256.HashData(aesEncrypted, hash);
            for (var i = 0; i < AesIge.KeySize; i++)
                tempKey[i] = (byte)(keyAesEncrypted[i] ^ hash[i]);

            AesIge.Decrypt(tempKey, zeroIv, aesEncrypted);
            var dataWithPadding = aesEncrypted[..RsaPublicKey.RsaPadDataWithPaddingSize];
            dataWithPadding.Reverse();
            HashScratch.Sha256Of(tempKey, dataWithPadding, hash);
            if (!ConstantTime.AreEqual(hash, aesEncrypted[RsaPublicKey.RsaPadDataWithPaddingSize..]))
                throw new RsaPadException("The RSA_PAD hash does not match: the block was not made for this key or was altered.");
            return dataWithPadding.ToArray();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(keyAesEncrypted);
            CryptographicOperations.ZeroMemory(tempKey);
        }
    }

    private BigInteger DecryptValue(BigInteger c)
    {
        var m1 = BigInteger.ModPow(c % _p, _dp, _p);
        var m2 = BigInteger.ModPow(c % _q, _dq, _q);
        var h = _qInverse * (m1 - m2) % _p;
        if (h.Sign < 0)
            h += _p;
        return m2 + h * _q;
    }
}
