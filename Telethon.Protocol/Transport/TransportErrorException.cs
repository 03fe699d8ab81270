namespace Telethon.Transport;

/// <summary>
/// The server answered with a transport error: a frame whose whole payload is one negative 32-bit
/// integer, such as -404 (auth key not found), -429 (too many connections or transport flood)
/// or -444 (invalid DC). The server closes the connection after sending it.
/// </summary>
public sealed class TransportErrorException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public TransportErrorException(int code)
        : base($"The server sent transport error {code}.")
    {
        Code = code;
    }

    /// <summary>The error code as sent: a negative number such as -404.</summary>
    public int Code { get; }
}
