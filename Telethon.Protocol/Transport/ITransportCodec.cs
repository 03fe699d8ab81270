using System.Buffers;

namespace Telethon.Transport;

/// <summary>
/// Sans-IO framing of one MTProto TCP connection, both directions, for one end (client or
/// server). Pack writes outgoing frames (the first one preceded by the tag or obfuscated2
/// header when this end is a client); TryUnpack takes the next whole item from received bytes.
/// Not thread-safe: one reader and one writer must not call it at the same time. After a read
/// throws, the connection must be closed.
/// </summary>
public interface ITransportCodec : IDisposable
{
    /// <summary>The framing.</summary>
    TransportKind Kind { get; }

    /// <summary>Which end of the connection this codec serves.</summary>
    TransportRole Role { get; }

    /// <summary>Whether the connection is wrapped in obfuscated2.</summary>
    bool IsObfuscated { get; }

    /// <summary>For an obfuscated connection, the DC id its header announced; otherwise null.</summary>
    short? DcId { get; }

    /// <summary>The largest payload (padding included) a frame may carry.</summary>
    int MaxFrameLength { get; }

    /// <summary>Whether the framing has quick acks (all but full).</summary>
    bool SupportsQuickAck { get; }

    /// <summary>An upper bound of the bytes one <see cref="Pack"/> of <paramref name="payloadLength"/> bytes writes.</summary>
    int GetMaxPackedLength(int payloadLength);

    /// <summary>
    /// Frames <paramref name="payload"/> into <paramref name="output"/>. The first call of a client
    /// codec writes the tag or the obfuscated2 header first.
    /// </summary>
    /// <param name="payload">The payload; its length must be a multiple of 4.</param>
    /// <param name="output">Receives the bytes to send.</param>
    /// <param name="requestQuickAck">Client only: ask the server to acknowledge receipt with a quick ack.</param>
    /// <exception cref="FrameTooLargeException">The payload exceeds <see cref="MaxFrameLength"/>; nothing was written.</exception>
    /// <exception cref="ArgumentException">The payload length is not a multiple of 4.</exception>
    /// <exception cref="InvalidOperationException">A server codec was asked to request a quick ack.</exception>
    /// <exception cref="NotSupportedException">The framing has no quick acks.</exception>
    void Pack(ReadOnlySpan<byte> payload, IBufferWriter<byte> output, bool requestQuickAck = false);

    /// <summary>
    /// Server only: writes the quick-ack answer carrying <paramref name="token"/> (its top bit is set on the wire): the
    /// 4 token bytes big-endian on abridged, little-endian on intermediate, and on padded intermediate a frame of
    /// 0xffffffff, the token and 0 to 8 random bytes.
    /// </summary>
    /// <exception cref="InvalidOperationException">This is a client codec.</exception>
    /// <exception cref="NotSupportedException">The framing has no quick acks.</exception>
    void PackQuickAck(uint token, IBufferWriter<byte> output);

    /// <summary>Server only: writes transport error <paramref name="code"/> (negative, e.g. -404) as clients recognise it.</summary>
    /// <exception cref="InvalidOperationException">This is a client codec.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is not negative.</exception>
    void PackTransportError(int code, IBufferWriter<byte> output);

    /// <summary>
    /// Takes the next whole item from the start of <paramref name="input"/>. A frame's payload is
    /// written to <paramref name="payload"/>. With <see cref="TransportReadStatus.NeedMoreData"/>
    /// nothing is consumed or written; call again with the same start and more bytes.
    /// </summary>
    /// <param name="input">Received bytes not consumed yet.</param>
    /// <param name="payload">Receives a frame's payload.</param>
    /// <param name="consumed">Bytes of <paramref name="input"/> consumed.</param>
    /// <exception cref="TransportException">The peer sent something invalid, or (client) a transport error.</exception>
    TransportReadResult TryUnpack(ReadOnlySpan<byte> input, IBufferWriter<byte> payload, out int consumed);

    /// <summary>
    /// As <see cref="TryUnpack(ReadOnlySpan{byte}, IBufferWriter{byte}, out int)"/>, over a sequence as
    /// System.IO.Pipelines hands it out; <paramref name="consumed"/> is the position to advance to.
    /// </summary>
    /// <param name="input">Received bytes not consumed yet.</param>
    /// <param name="payload">Receives a frame's payload.</param>
    /// <param name="consumed">Where the consumed bytes end.</param>
    /// <exception cref="TransportException">The peer sent something invalid, or (client) a transport error.</exception>
    TransportReadResult TryUnpack(in ReadOnlySequence<byte> input, IBufferWriter<byte> payload, out SequencePosition consumed);
}
