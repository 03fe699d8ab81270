namespace Telethon.Transport;

/// <summary>What <see cref="TransportDetector"/> found at the start of a connection.</summary>
public sealed class TransportDetection
{
    internal TransportDetection(TransportKind kind, bool isObfuscated, short? dcId, int prefixLength, TransportCodec codec)
    {
        Kind = kind;
        IsObfuscated = isObfuscated;
        DcId = dcId;
        PrefixLength = prefixLength;
        Codec = codec;
    }

    /// <summary>The framing the client speaks.</summary>
    public TransportKind Kind { get; }

    /// <summary>Whether the connection is wrapped in obfuscated2.</summary>
    public bool IsObfuscated { get; }

    /// <summary>For an obfuscated connection, the DC id its header announced; otherwise null.</summary>
    public short? DcId { get; }

    /// <summary>
    /// Bytes before the first frame: the tag (1 or 4), the obfuscated2 header (64), or 0 (full).
    /// The <see cref="Codec"/> consumes them itself with the first item it reads, so the caller
    /// hands it the input from the very start of the connection.
    /// </summary>
    public int PrefixLength { get; }

    /// <summary>A server codec for the connection, expecting the input from its very first byte.</summary>
    public TransportCodec Codec { get; }
}
