namespace Telethon.Transport;

/// <summary>The MTProto TCP framings (core.telegram.org/mtproto/mtproto-transports).</summary>
public enum TransportKind
{
    /// <summary>Tag 0xef once; each frame is prefixed with its length / 4 in one byte, or 0x7f and three bytes.</summary>
    Abridged,

    /// <summary>Tag 0xeeeeeeee once; each frame is prefixed with its 4-byte little-endian length.</summary>
    Intermediate,

    /// <summary>Tag 0xdddddddd once; like intermediate, with 0 to 15 random bytes appended to each frame and counted in its length.</summary>
    PaddedIntermediate,

    /// <summary>No tag; each frame is length, sequence number, payload and CRC-32. Not available under obfuscation.</summary>
    Full,
}
