namespace Telethon.Crypto;

/// <summary>
/// Thrown when a 2FA SRP computation cannot proceed safely (for example the hash u of A and B
/// is zero, or a value has the wrong size).
/// </summary>
public sealed class SrpException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public SrpException(string message)
        : base(message)
    {
    }
}
