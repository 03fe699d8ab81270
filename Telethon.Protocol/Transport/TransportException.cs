namespace Telethon.Transport;

/// <summary>
/// The base of every error a transport codec or the transport detector raises for bad input
/// from the peer. After one is thrown from a read, the connection cannot be resynchronised and
/// must be closed.
/// </summary>
public class TransportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TransportException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
