namespace Telethon.Transport;

/// <summary>
/// A frame whose header cannot be valid for its transport: a length that is not a multiple of 4
/// where one must be, a full-transport length shorter than its own header, and the like.
/// </summary>
public sealed class MalformedFrameException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public MalformedFrameException(string message)
        : base(message)
    {
    }
}
