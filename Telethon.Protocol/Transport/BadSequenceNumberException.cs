namespace Telethon.Transport;

/// <summary>A full-transport frame whose sequence number is not the next one expected.</summary>
public sealed class BadSequenceNumberException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public BadSequenceNumberException(int expected, int actual)
        : base($"Bad sequence number in a full-transport frame: expected {expected}, got {actual}.")
    {
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The sequence number expected (frames received so far in this direction).</summary>
    public int Expected { get; }

    /// <summary>The sequence number the frame carried.</summary>
    public int Actual { get; }
}
