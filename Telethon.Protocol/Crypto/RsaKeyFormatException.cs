namespace Telethon.Crypto;

/// <summary>Thrown when an RSA key cannot be read from its PEM text or has unusable parameters.</summary>
public sealed class RsaKeyFormatException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public RsaKeyFormatException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
