namespace Telethon.Transport;

/// <summary>What one call to read from a transport codec produced.</summary>
public enum TransportReadStatus
{
    /// <summary>The input does not hold a whole item yet; nothing was consumed and nothing written.</summary>
    NeedMoreData,

    /// <summary>A whole frame was consumed and its payload written to the output.</summary>
    Frame,

    /// <summary>A quick-ack token from the server was consumed; nothing was written to the output.</summary>
    QuickAck,
}
