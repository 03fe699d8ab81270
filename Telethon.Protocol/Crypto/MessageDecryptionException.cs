namespace Telethon.Crypto;

/// <summary>
/// Thrown when an MTProto 2.0 encrypted message cannot be decrypted: it is too short or not
/// block-aligned, it names another auth key, or its msg_key does not match the decrypted data.
/// </summary>
public sealed class MessageDecryptionException : CryptoException
{
    /// <summary>Creates the exception.</summary>
    public MessageDecryptionException(string message)
        : base(message)
    {
    }
}
