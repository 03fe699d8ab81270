namespace Telethon.Transport;

/// <summary>Which end of the connection a codec serves.</summary>
public enum TransportRole
{
    /// <summary>The end that opens the connection: it sends the tag or the obfuscated2 header and may request quick acks.</summary>
    Client,

    /// <summary>The end that accepts the connection: it expects the tag first, answers quick acks and may send transport errors.</summary>
    Server,
}
