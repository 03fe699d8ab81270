namespace Telethon.Transport;

/// <summary>A full-transport frame whose CRC-32 does not match its contents.</summary>
public sealed class BadCrcException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public BadCrcException(uint expected, uint actual)
        : base($"Bad CRC-32 in a full-transport frame: computed 0x{expected:x8}, the frame carries 0x{actual:x8}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The CRC-32 computed over the received length, sequence number and payload.</summary>
    public uint Expected { get; }

    /// <summary>The CRC-32 the frame carried.</summary>
    public uint Actual { get; }
}
