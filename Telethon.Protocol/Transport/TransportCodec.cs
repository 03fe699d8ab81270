using System.Buffers;
using System.Buffers.Binary;
using Telethon.Crypto;

namespace Telethon.Transport;

/// <summary>
/// The transport codec: one framing (abridged, intermediate, padded intermediate, full),
/// optionally inside obfuscated2, for the client or the server end of one connection.
/// Create client codecs with <see cref="Create"/> or <see cref="CreateObfuscatedClient"/>;
/// server codecs with <see cref="Create"/> (the client's tag is then expected first) or, when the
/// transport is not known in advance, through <see cref="TransportDetector"/>.
/// </summary>
public sealed class TransportCodec : ITransportCodec
{
    // Room for a header, the first word of the body and, for full, a CRC: enough to judge a
    // candidate transport error (full: 8 + 4 + 4) without consuming anything, and a whole padded
    // quick ack (4 + 16).
    private const int PeekLength = 4 + 16;

    private readonly Framing _framing;
    private readonly TransportOptions _options;
    private readonly Obfuscated2? _obfuscation;
    private readonly AesCtr? _encryptor;
    private readonly AesCtr? _decryptor;

    // Client: the tag or obfuscated2 header still to send before the first frame.
    private byte[]? _pendingOutputPrefix;

    // Server: bytes at the start of the input that precede the first item. When
    // _expectedInputPrefix is set they are checked against it; otherwise (an obfuscated2 header
    // the detector already decrypted) they are skipped.
    private int _inputPrefixLength;
    private readonly byte[]? _expectedInputPrefix;

    private bool _readFaulted;
    private bool _disposed;

    private TransportCodec(Framing framing, TransportOptions options, Obfuscated2? obfuscation, byte[]? outputPrefix, int inputPrefixLength, byte[]? expectedInputPrefix)
    {
        _framing = framing;
        _options = options;
        _obfuscation = obfuscation;
        _encryptor = obfuscation?.Encryptor;
        _decryptor = obfuscation?.Decryptor;
        _pendingOutputPrefix = outputPrefix is { Length: > 0 } ? outputPrefix : null;
        _inputPrefixLength = inputPrefixLength;
        _expectedInputPrefix = expectedInputPrefix;
    }

    /// <inheritdoc />
    public TransportKind Kind => _framing.Kind;

    /// <inheritdoc />
    public TransportRole Role => _framing.Role;

    /// <inheritdoc />
    public bool IsObfuscated => _obfuscation is not null;

    /// <inheritdoc />
    public short? DcId => _obfuscation?.DcId;

    /// <inheritdoc />
    public int MaxFrameLength => _framing.MaxFrameLength;

    /// <inheritdoc />
    public bool SupportsQuickAck => _framing.SupportsQuickAck;

    /// <summary>
    /// A codec for a plain (not obfuscated) connection. A client codec sends the framing's tag
    /// before its first frame; a server codec expects it as the first bytes it reads.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> or <paramref name="role"/> is not defined.</exception>
    public static TransportCodec Create(TransportKind kind, TransportRole role, TransportOptions? options = null)
    {
        options ??= TransportOptions.Default;
        var framing = CreateFraming(kind, role, options);
        var tag = framing.Tag.ToArray();
        return role == TransportRole.Client
            ? new TransportCodec(framing, options, null, tag, 0, null)
            : new TransportCodec(framing, options, null, null, tag.Length, tag);
    }

    /// <summary>
    /// A client codec for an obfuscated2 connection: the 64-byte header is drawn from
    /// <see cref="TransportOptions.Random"/> now and sent before the first frame.
    /// </summary>
    /// <param name="kind">Abridged, intermediate or padded intermediate.</param>
    /// <param name="dcId">The DC id to announce (negative for media DCs, as the client chooses).</param>
    /// <param name="options">Frame limit and randomness.</param>
    /// <param name="proxySecret">Empty, or a 16-byte MTProxy secret.</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is full, or the secret has the wrong length.</exception>
    public static TransportCodec CreateObfuscatedClient(TransportKind kind, short dcId, TransportOptions? options = null, ReadOnlySpan<byte> proxySecret = default)
    {
        options ??= TransportOptions.Default;
        Obfuscated2.TagOf(kind);
        var framing = CreateFraming(kind, TransportRole.Client, options);
        var header = new byte[Obfuscated2.HeaderLength];
        var obfuscation = Obfuscated2.CreateClient(options.Fill, kind, dcId, header, proxySecret);
        return new TransportCodec(framing, options, obfuscation, header, 0, null);
    }

    /// <summary>A server codec for a plain connection whose tag the detector already verified; it skips the tag.</summary>
    internal static TransportCodec CreateDetectedServer(TransportKind kind, TransportOptions options)
    {
        var framing = CreateFraming(kind, TransportRole.Server, options);
        return new TransportCodec(framing, options, null, null, framing.Tag.Length, null);
    }

    /// <summary>A server codec for an obfuscated connection whose 64-byte header <paramref name="obfuscation"/> was made from.</summary>
    internal static TransportCodec CreateDetectedServer(Obfuscated2 obfuscation, TransportOptions options)
    {
        var framing = CreateFraming(obfuscation.Kind, TransportRole.Server, options);
        return new TransportCodec(framing, options, obfuscation, null, Obfuscated2.HeaderLength, null);
    }

    /// <summary>Bytes the codec skips before its first item (the tag the detector saw).</summary>
    internal int PrefixLengthForDetection => _inputPrefixLength;

    /// <inheritdoc />
    public int GetMaxPackedLength(int payloadLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        var prefix = _pendingOutputPrefix?.Length ?? 0;
        return prefix + Framing.MaxHeaderLength + payloadLength + 15 + 4;
    }

    /// <inheritdoc />
    public void Pack(ReadOnlySpan<byte> payload, IBufferWriter<byte> output, bool requestQuickAck = false)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(output);
        if (payload.Length % 4 != 0)
            throw new ArgumentException($"A transport payload must be a multiple of 4 bytes long, got {payload.Length}.", nameof(payload));
        if (payload.Length > _framing.MaxFrameLength)
            throw new FrameTooLargeException(payload.Length, _framing.MaxFrameLength);
        if (requestQuickAck)
        {
            if (Role != TransportRole.Client)
                throw new InvalidOperationException("Only a client requests quick acks.");
            if (!_framing.SupportsQuickAck)
                throw new NotSupportedException($"The {Kind} transport has no quick acks.");
        }

        WritePendingPrefix(output);
        var padding = _framing.ChoosePadding(payload.Length, _options);
        Span<byte> header = stackalloc byte[Framing.MaxHeaderLength];
        var headerLength = _framing.WriteHeader(header, payload.Length + padding, requestQuickAck);
        header = header[..headerLength];
        Write(output, header);
        Write(output, payload);
        if (padding > 0)
        {
            Span<byte> random = stackalloc byte[padding];
            _options.Fill(random);
            Write(output, random);
        }
        if (_framing.HasCrc)
        {
            Span<byte> crc = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(crc, Crc32.Append(Crc32.Compute(header), payload));
            Write(output, crc);
        }
    }

    /// <inheritdoc />
    public void PackQuickAck(uint token, IBufferWriter<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(output);
        if (Role != TransportRole.Server)
            throw new InvalidOperationException("Only a server sends quick acks.");
        if (!_framing.SupportsQuickAck)
            throw new NotSupportedException($"The {Kind} transport has no quick acks.");
        Span<byte> bytes = stackalloc byte[Framing.MaxQuickAckLength];
        var length = _framing.WriteQuickAck(bytes, token | 0x8000_0000u, _options);
        Write(output, bytes[..length]);
    }

    /// <inheritdoc />
    public void PackTransportError(int code, IBufferWriter<byte> output)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(output);
        if (Role != TransportRole.Server)
            throw new InvalidOperationException("Only a server sends transport errors.");
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(code, 0);
        Span<byte> bytes = stackalloc byte[4];
        if (_framing.TryWriteBareError(bytes, code))
        {
            Write(output, bytes);
            return;
        }
        BinaryPrimitives.WriteInt32LittleEndian(bytes, code);
        Pack(bytes, output);
    }

    /// <inheritdoc />
    public TransportReadResult TryUnpack(ReadOnlySpan<byte> input, IBufferWriter<byte> payload, out int consumed)
    {
        var source = new SpanByteSource(input);
        var result = Read(ref source, payload, out var taken);
        consumed = (int)taken;
        return result;
    }

    /// <inheritdoc />
    public TransportReadResult TryUnpack(in ReadOnlySequence<byte> input, IBufferWriter<byte> payload, out SequencePosition consumed)
    {
        var source = new SequenceByteSource(input);
        var result = Read(ref source, payload, out var taken);
        consumed = input.GetPosition(taken);
        return result;
    }

    /// <summary>Disposes the obfuscation streams, if any.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _obfuscation?.Dispose();
    }

    private static Framing CreateFraming(TransportKind kind, TransportRole role, TransportOptions options)
    {
        if (role is not (TransportRole.Client or TransportRole.Server))
            throw new ArgumentOutOfRangeException(nameof(role), role, "Unknown transport role.");
        return kind switch
        {
            TransportKind.Abridged => new AbridgedFraming(role, options.MaxFrameLength),
            TransportKind.Intermediate => new IntermediateFraming(role, options.MaxFrameLength, padded: false),
            TransportKind.PaddedIntermediate => new IntermediateFraming(role, options.MaxFrameLength, padded: true),
            TransportKind.Full => new FullFraming(role, options.MaxFrameLength),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown transport kind."),
        };
    }

    private void WritePendingPrefix(IBufferWriter<byte> output)
    {
        if (_pendingOutputPrefix is not { } prefix)
            return;
        // The obfuscated2 header is already in its on-the-wire form; a plain tag is sent as is.
        var span = output.GetSpan(prefix.Length);
        prefix.CopyTo(span);
        output.Advance(prefix.Length);
        _pendingOutputPrefix = null;
    }

    /// <summary>Copies <paramref name="data"/> to the output, encrypting it when obfuscated.</summary>
    private void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            var span = output.GetSpan(data.Length);
            var n = Math.Min(span.Length, data.Length);
            if (_encryptor is { } encryptor)
                encryptor.Transform(data[..n], span);
            else
                data[..n].CopyTo(span);
            output.Advance(n);
            data = data[n..];
        }
    }

    private TransportReadResult Read<TSource>(ref TSource source, IBufferWriter<byte> payload, out long consumed)
        where TSource : IByteSource, allows ref struct
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(payload);
        if (_readFaulted)
            throw new InvalidOperationException("An earlier read failed; the connection cannot be resynchronised and must be closed.");
        try
        {
            return ReadCore(ref source, payload, out consumed);
        }
        catch (TransportException)
        {
            _readFaulted = true;
            throw;
        }
    }

    private TransportReadResult ReadCore<TSource>(ref TSource source, IBufferWriter<byte> payload, out long consumed)
        where TSource : IByteSource, allows ref struct
    {
        consumed = 0;
        var available = source.Length;

        long start = 0;
        if (_inputPrefixLength > 0)
        {
            if (available < _inputPrefixLength)
                return TransportReadResult.NeedMore(_inputPrefixLength);
            if (_expectedInputPrefix is { } expected)
            {
                Span<byte> tag = stackalloc byte[expected.Length];
                source.CopyTo(0, tag);
                if (!tag.SequenceEqual(expected))
                {
                    Span<byte> word = stackalloc byte[4];
                    source.CopyTo(0, word[..(int)Math.Min(4, available)]);
                    throw new UnknownTransportTagException(
                        $"The connection does not start with the {Kind} transport tag {Convert.ToHexStringLower(expected)}",
                        BinaryPrimitives.ReadUInt32LittleEndian(word));
                }
            }
            start = _inputPrefixLength;
        }

        Span<byte> raw = stackalloc byte[PeekLength];
        var peekLength = (int)Math.Min(PeekLength, available - start);
        raw = raw[..peekLength];
        source.CopyTo(start, raw);
        Span<byte> head = stackalloc byte[PeekLength];
        head = head[..peekLength];
        if (_decryptor is { } peeker)
            peeker.TransformAhead(raw, head);
        else
            raw.CopyTo(head);

        var header = _framing.ParseHeader(head);
        switch (header.Kind)
        {
            case FrameHeaderKind.NeedMore:
                return TransportReadResult.NeedMore(start + header.HeaderLength);
            case FrameHeaderKind.QuickAck:
                if (available - start < header.HeaderLength)
                    return TransportReadResult.NeedMore(start + header.HeaderLength);
                Skip(raw[..header.HeaderLength]);
                consumed = start + header.HeaderLength;
                _inputPrefixLength = 0;
                return TransportReadResult.ForQuickAck(header.Token);
        }

        var total = header.TotalLength;
        if (available - start < total)
            return TransportReadResult.NeedMore(start + total);

        if (Role == TransportRole.Client && header.BodyLength >= 4 && header.BodyLength <= _framing.MaxErrorBodyLength)
            CheckTransportError(head, header);

        // Consume: the header, the body into the output, then the trailer.
        var headerBytes = head[..header.HeaderLength];
        Skip(raw[..header.HeaderLength]);
        var crc = _framing.HasCrc ? Crc32.Compute(headerBytes) : 0;
        var offset = start + header.HeaderLength;
        var remaining = header.BodyLength;
        while (remaining > 0)
        {
            var span = payload.GetSpan(remaining);
            var n = Math.Min(span.Length, remaining);
            var chunk = span[..n];
            source.CopyTo(offset, chunk);
            _decryptor?.Transform(chunk);
            if (_framing.HasCrc)
                crc = Crc32.Append(crc, chunk);
            payload.Advance(n);
            offset += n;
            remaining -= n;
        }
        if (_framing.HasCrc)
        {
            Span<byte> trailer = stackalloc byte[4];
            source.CopyTo(offset, trailer);
            _decryptor?.Transform(trailer);
            var carried = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
            if (carried != crc)
                throw new BadCrcException(crc, carried);
        }
        _framing.OnFrameReceived();
        consumed = start + total;
        _inputPrefixLength = 0;
        return TransportReadResult.ForFrame(header.BodyLength, header.QuickAckRequested);
    }

    /// <summary>
    /// A client treats a body that is one negative int32 (plus, when padded, at most 15 padding
    /// bytes) as a transport error. The whole frame is within the peeked bytes here.
    /// </summary>
    private void CheckTransportError(ReadOnlySpan<byte> head, FrameHeader header)
    {
        var code = BinaryPrimitives.ReadInt32LittleEndian(head[header.HeaderLength..]);
        if (code >= 0)
            return;
        if (_framing.HasCrc)
        {
            var bodyEnd = header.HeaderLength + header.BodyLength;
            var computed = Crc32.Compute(head[..bodyEnd]);
            var carried = BinaryPrimitives.ReadUInt32LittleEndian(head[bodyEnd..]);
            if (computed != carried)
                throw new BadCrcException(computed, carried);
        }
        throw new TransportErrorException(code);
    }

    /// <summary>Advances the receiving stream over bytes already examined.</summary>
    private void Skip(ReadOnlySpan<byte> rawBytes)
    {
        if (_decryptor is not { } decryptor)
            return;
        Span<byte> scratch = stackalloc byte[PeekLength];
        decryptor.Transform(rawBytes, scratch);
    }
}
