namespace Telethon.Crypto;

/// <summary>
/// Thrown when Diffie–Hellman parameters break the MTProto security rules: a prime that is not
/// a 2048-bit safe prime, a generator outside 2..7 or not generating the required subgroup, or a
/// public value (g_a, g_b, SRP's A or B) outside the allowed range.
/// </summary>
public sealed class DhValidationException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public DhValidationException(string message)
        : base(message)
    {
    }
}
