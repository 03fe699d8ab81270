namespace Telethon.Transport;

/// <summary>
/// A frame longer than the configured maximum. On receive it is raised from the length prefix
/// alone, before anything is buffered or awaited; on send it is raised before anything is written.
/// </summary>
public sealed class FrameTooLargeException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public FrameTooLargeException(long length, int maxLength)
        : base($"A transport frame of {length} bytes exceeds the maximum of {maxLength} bytes.")
    {
        Length = length;
        MaxLength = maxLength;
    }

    /// <summary>The payload length the frame declared (or the caller asked to send).</summary>
    public long Length { get; }

    /// <summary>The configured maximum payload length.</summary>
    public int MaxLength { get; }
}
