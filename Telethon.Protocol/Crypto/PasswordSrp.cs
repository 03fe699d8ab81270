using System.Numerics;
using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// Telegram's 2FA password check, algorithm <c>passwordKdfAlgoSHA256SHA512iter100000SHA256ModPow</c>
/// (core.telegram.org/api/srp), for both sides:
/// SH(data, salt) = SHA256(salt + data + salt); PH1 = SH(SH(password, salt1), salt2);
/// x = PH2 = SH(PBKDF2-HMAC-SHA512(PH1, salt1, 100000), salt2); v = g^x mod p; k = H(p + g);
/// u = H(A + B); S = (B - k·v)^(a + u·x) mod p; K = H(S);
/// M1 = H(H(p) XOR H(g) + H(salt1) + H(salt2) + A + B + K), with H = SHA-256 and p, g, A, B, S
/// padded to 256 bytes.
/// </summary>
public static class PasswordSrp
{
    /// <summary>PBKDF2 iterations of this algorithm.</summary>
    public const int Iterations = 100_000;

    private const int Size = SrpParameters.ModulusSize;

    /// <summary>x = PH2(password, salt1, salt2), the 32-byte password hash (about 100 ms of PBKDF2).</summary>
    public static byte[] ComputePasswordHash(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt1, ReadOnlySpan<byte> salt2)
    {
        Span<byte> ph1 = stackalloc byte[SHA256.HashSizeInBytes];
        SaltedHash(password, salt1, ph1);
        SaltedHash(ph1, salt2, ph1);
        Span<byte> stretched = stackalloc byte[SHA512.HashSizeInBytes];
        Rfc2898DeriveBytes.Pbkdf2(ph1, salt1, stretched, Iterations, HashAlgorithmName.SHA512);
        var x = new byte[SHA256.HashSizeInBytes];
        SaltedHash(stretched, salt2, x);
        CryptographicOperations.ZeroMemory(ph1);
        CryptographicOperations.ZeroMemory(stretched);
        return x;
    }

    /// <summary>
    /// The client's answer to account.password: checks p, g and srp_B, draws a fresh 2048-bit a,
    /// and computes A and M1.
    /// </summary>
    /// <param name="password">The password as UTF-8 bytes.</param>
    /// <param name="parameters">current_algo's salts, g and p.</param>
    /// <param name="srpB">srp_B, big-endian.</param>
    /// <param name="random">Source of a (256 bytes per draw; a is drawn again in the negligible case that A is out of range).</param>
    /// <exception cref="DhValidationException">p, g or B fail the Diffie–Hellman checks.</exception>
    /// <exception cref="SrpException">u = H(A + B) is zero.</exception>
    public static SrpAnswer ComputeAnswer(ReadOnlySpan<byte> password, SrpParameters parameters, ReadOnlySpan<byte> srpB, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(random);
        CheckParameters(parameters, srpB);
        var a = new byte[Size];
        try
        {
            while (true)
            {
                random.Fill(a);
                var gA = BigInteger.ModPow(parameters.G, BigEndian.ToBigInteger(a), parameters.Prime);
                try
                {
                    DhValidator.CheckPublicValue(gA, parameters.Prime);
                }
                catch (DhValidationException)
                {
                    continue;
                }
                return Compute(password, parameters, srpB, a);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(a);
        }
    }

    /// <summary>
    /// The client's answer with a given secret a (big-endian); checks p, g and srp_B as the other
    /// overload does. For reproducible results; real clients should let a be drawn at random.
    /// </summary>
    /// <exception cref="DhValidationException">p, g or B fail the Diffie–Hellman checks.</exception>
    /// <exception cref="SrpException">u = H(A + B) is zero.</exception>
    public static SrpAnswer ComputeAnswer(ReadOnlySpan<byte> password, SrpParameters parameters, ReadOnlySpan<byte> srpB, ReadOnlySpan<byte> a)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        CheckParameters(parameters, srpB);
        return Compute(password, parameters, srpB, a);
    }

    /// <summary>
    /// The verifier v = g^x mod p (256 bytes) that a client sends as new_password_hash when it sets a
    /// password, and that the server stores instead of the password.
    /// </summary>
    /// <exception cref="DhValidationException">p or g fail the Diffie–Hellman checks.</exception>
    public static byte[] ComputeVerifier(ReadOnlySpan<byte> password, SrpParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        DhValidator.CheckPrimeAndGenerator(parameters.Prime, parameters.G);
        var x = BigEndian.ToBigInteger(ComputePasswordHash(password, parameters.Salt1, parameters.Salt2));
        return BigEndian.ToBytes(BigInteger.ModPow(parameters.G, x, parameters.Prime), Size);
    }

    /// <summary>
    /// The server's side of account.getPassword: draws a secret b and computes B = (k·v + g^b) mod p,
    /// drawing again in the negligible case that B falls outside the range clients accept.
    /// </summary>
    /// <param name="parameters">The account's salts, g and p.</param>
    /// <param name="verifier">The stored v = g^x mod p.</param>
    /// <param name="random">Source of b (256 bytes per draw).</param>
    public static SrpServerChallenge CreateChallenge(SrpParameters parameters, ReadOnlySpan<byte> verifier, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(random);
        var p = parameters.Prime;
        var kv = BigEndian.ToBigInteger(Multiplier(parameters)) * BigEndian.ToBigInteger(verifier) % p;
        var bytes = new byte[Size];
        try
        {
            while (true)
            {
                random.Fill(bytes);
                var b = BigEndian.ToBigInteger(bytes);
                var bigB = (kv + BigInteger.ModPow(parameters.G, b, p)) % p;
                if (bigB < (BigInteger.One << (2048 - 64)) || bigB > p - (BigInteger.One << (2048 - 64)))
                    continue;
                return new SrpServerChallenge(BigEndian.ToBytes(bigB, Size), b);
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(bytes);
        }
    }

    /// <summary>
    /// The server's side of auth.checkPassword: checks the client's A, computes
    /// S = (A·v^u)^b mod p and the expected M1, and compares it with the client's in constant time.
    /// </summary>
    /// <returns>True when the password was right.</returns>
    /// <exception cref="DhValidationException">A is out of range.</exception>
    /// <exception cref="SrpException">u = H(A + B) is zero, or A or M1 has the wrong size.</exception>
    public static bool VerifyAnswer(
        SrpParameters parameters, ReadOnlySpan<byte> verifier, SrpServerChallenge challenge, ReadOnlySpan<byte> a, ReadOnlySpan<byte> m1)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(challenge);
        if (a.IsEmpty || a.Length > Size)
            throw new SrpException($"A must be 1 to {Size} bytes, got {a.Length}.");
        if (m1.Length != SHA256.HashSizeInBytes)
            throw new SrpException($"M1 must be {SHA256.HashSizeInBytes} bytes, got {m1.Length}.");
        var p = parameters.Prime;
        var aValue = BigEndian.ToBigInteger(a);
        DhValidator.CheckPublicValue(aValue, p);
        var aPadded = BigEndian.ToBytes(aValue, Size);

        var u = HashU(aPadded, challenge.B);
        var s = BigInteger.ModPow(aValue * BigInteger.ModPow(BigEndian.ToBigInteger(verifier), u, p) % p, challenge.Secret, p);
        var expected = ComputeM1(parameters, aPadded, challenge.B, s);
        return ConstantTime.AreEqual(expected, m1);
    }

    /// <summary>The answer without the p, g and B checks (for the toy parameters of known-answer tests).</summary>
    internal static SrpAnswer ComputeAnswerUnchecked(
        ReadOnlySpan<byte> password, SrpParameters parameters, ReadOnlySpan<byte> srpB, ReadOnlySpan<byte> a) =>
        Compute(password, parameters, srpB, a);

    private static void CheckParameters(SrpParameters parameters, ReadOnlySpan<byte> srpB)
    {
        if (srpB.Length > Size)
            throw new DhValidationException($"srp_B has {srpB.Length} bytes; at most {Size} are allowed.");
        DhValidator.CheckPrimeAndGenerator(parameters.Prime, parameters.G);
        DhValidator.CheckPublicValue(srpB, parameters.Prime);
    }

    private static SrpAnswer Compute(ReadOnlySpan<byte> password, SrpParameters parameters, ReadOnlySpan<byte> srpB, ReadOnlySpan<byte> a)
    {
        if (srpB.IsEmpty || srpB.Length > Size)
            throw new SrpException($"srp_B must be 1 to {Size} bytes, got {srpB.Length}.");
        var p = parameters.Prime;
        var aSecret = BigEndian.ToBigInteger(a);
        var bValue = BigEndian.ToBigInteger(srpB);
        var bPadded = BigEndian.ToBytes(bValue, Size);
        var aPadded = BigEndian.ToBytes(BigInteger.ModPow(parameters.G, aSecret, p), Size);

        var x = BigEndian.ToBigInteger(ComputePasswordHash(password, parameters.Salt1, parameters.Salt2));
        var v = BigInteger.ModPow(parameters.G, x, p);
        var kv = BigEndian.ToBigInteger(Multiplier(parameters)) * v % p;
        var u = HashU(aPadded, bPadded);
        var t = (bValue - kv) % p;
        if (t.Sign < 0)
            t += p;
        var s = BigInteger.ModPow(t, aSecret + u * x, p);
        return new SrpAnswer(aPadded, ComputeM1(parameters, aPadded, bPadded, s));
    }

    /// <summary>k = H(p + pad(g)).</summary>
    private static byte[] Multiplier(SrpParameters parameters)
    {
        Span<byte> input = stackalloc byte[2 * Size];
        parameters.P.CopyTo(input);
        BigEndian.Write(parameters.G, input[Size..]);
        return SHA256.HashData(input);
    }

    /// <summary>u = H(pad(A) + pad(B)); zero is refused.</summary>
    private static BigInteger HashU(ReadOnlySpan<byte> aPadded, ReadOnlySpan<byte> bPadded)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        HashScratch.Sha256Of(aPadded, bPadded, hash);
        var u = BigEndian.ToBigInteger(hash);
        if (u.IsZero)
            throw new SrpException("u = H(A + B) is zero.");
        return u;
    }

    /// <summary>M1 = H(H(p) XOR H(pad(g)) + H(salt1) + H(salt2) + pad(A) + pad(B) + H(pad(S))).</summary>
    private static byte[] ComputeM1(SrpParameters parameters, ReadOnlySpan<byte> aPadded, ReadOnlySpan<byte> bPadded, BigInteger s)
    {
        Span<byte> hp = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> hg = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> padded = stackalloc byte[Size];
        SHA256.HashData(parameters.P, hp);
        BigEndian.Write(parameters.G, padded);
        SHA256.HashData(padded, hg);
        for (var i = 0; i < hp.Length; i++)
            hp[i] ^= hg[i];

        var hash = HashScratch.Sha256;
        hash.AppendData(hp);
        hash.AppendData(SHA256.HashData(parameters.Salt1));
        hash.AppendData(SHA256.HashData(parameters.Salt2));
        hash.AppendData(aPadded);
        hash.AppendData(bPadded);
        BigEndian.Write(s, padded);
        hash.AppendData(SHA256.HashData(padded));
        CryptographicOperations.ZeroMemory(padded);
        return hash.GetHashAndReset();
    }

    /// <summary>SH(data, salt) = SHA256(salt + data + salt).</summary>
    private static void SaltedHash(ReadOnlySpan<byte> data, ReadOnlySpan<byte> salt, Span<byte> destination)
    {
        var hash = HashScratch.Sha256;
        hash.AppendData(salt);
        hash.AppendData(data);
        hash.AppendData(salt);
        hash.GetHashAndReset(destination);
    }
}
