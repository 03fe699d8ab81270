namespace Telethon.Transport;

/// <summary>
/// The start of a connection names no transport this library speaks: an unknown tag, an
/// obfuscated2 header whose decrypted protocol tag is not one of the three supported, or a start
/// that looks like HTTP or TLS.
/// </summary>
public sealed class UnknownTransportTagException : TransportException
{
    /// <summary>Creates the exception.</summary>
    public UnknownTransportTagException(string message, uint tag)
        : base($"{message} (first bytes as a little-endian tag: 0x{tag:x8})")
    {
        Tag = tag;
    }

    /// <summary>
    /// The offending tag as a little-endian 32-bit value: the first four bytes of the connection,
    /// or for obfuscated2 the decrypted bytes 56..59 of its header.
    /// </summary>
    public uint Tag { get; }
}
