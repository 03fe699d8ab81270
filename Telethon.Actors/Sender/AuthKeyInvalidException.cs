namespace Telethon.Sender;

/// <summary>The answer to every request of a sender whose auth key the server refused (see <see cref="AuthKeyInvalid"/>).</summary>
public sealed class AuthKeyInvalidException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AuthKeyInvalidException(int dcId, long keyId, int transportError)
        : base($"DC {dcId} does not know auth key {keyId:x16} (transport error {transportError}).")
    {
        DcId = dcId;
        KeyId = keyId;
        TransportError = transportError;
    }

    /// <summary>The DC.</summary>
    public int DcId { get; }

    /// <summary>The refused auth_key_id.</summary>
    public long KeyId { get; }

    /// <summary>The transport error the server sent (-404).</summary>
    public int TransportError { get; }
}
