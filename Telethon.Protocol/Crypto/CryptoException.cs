namespace Telethon.Crypto;

/// <summary>
/// Base of the exceptions the crypto layer throws when the data it is given fails a check:
/// a bad RSA_PAD block, Diffie–Hellman parameters outside the allowed range, a message key
/// that does not match, an unreadable key file. Wrong argument sizes (a key that is not
/// 32 bytes, a length that is not a multiple of 16) are programming errors and are reported
/// with <see cref="ArgumentException"/> instead.
/// </summary>
public class CryptoException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public CryptoException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public CryptoException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
