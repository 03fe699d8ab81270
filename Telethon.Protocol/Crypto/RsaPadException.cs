namespace Telethon.Crypto;

/// <summary>
/// Thrown when an RSA_PAD block does not decrypt to a well-formed payload (the value is not below
/// the modulus, or the SHA-256 hash inside it does not match), or cannot be produced.
/// </summary>
public sealed class RsaPadException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public RsaPadException(string message)
        : base(message)
    {
    }
}
