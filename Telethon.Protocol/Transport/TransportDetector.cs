using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Telethon.Transport;

/// <summary>
/// Recognises, on the server, which transport a client speaks from the first bytes of its
/// connection: abridged (0xef), intermediate (ee ee ee ee), padded intermediate (dd dd dd dd),
/// full (a plausible first length followed by sequence number 0) or obfuscated2 (a 64-byte
/// header whose decrypted bytes 56..59 hold a supported protocol tag). Starts that look like
/// HTTP or TLS are rejected.
/// </summary>
public static class TransportDetector
{
    /// <summary>The most bytes detection ever needs (an obfuscated2 header).</summary>
    public const int MaxPrefixLength = Obfuscated2.HeaderLength;

    /// <summary>
    /// Tries to recognise the transport. Nothing is consumed: on success, hand the same input
    /// (from the first byte of the connection) to <see cref="TransportDetection.Codec"/>.
    /// </summary>
    /// <param name="input">The bytes received so far, from the start of the connection.</param>
    /// <param name="detection">The transport and its server codec, when recognised.</param>
    /// <param name="requiredLength">When not recognised yet: the input length needed to decide.</param>
    /// <param name="options">Settings for the codec (frame limit, randomness); also bounds a plausible full-transport length.</param>
    /// <param name="proxySecret">Empty, or the 16-byte MTProxy secret obfuscated clients key their streams with.</param>
    /// <returns>True when recognised; false when more bytes are needed.</returns>
    /// <exception cref="UnknownTransportTagException">The start names no supported transport, or looks like HTTP or TLS.</exception>
    /// <exception cref="ArgumentException">The secret has the wrong length.</exception>
    public static bool TryDetect(
        ReadOnlySpan<byte> input,
        [NotNullWhen(true)] out TransportDetection? detection,
        out int requiredLength,
        TransportOptions? options = null,
        ReadOnlySpan<byte> proxySecret = default)
    {
        if (proxySecret.Length != 0 && proxySecret.Length != Obfuscated2.ProxySecretLength)
            throw new ArgumentException($"An MTProxy secret is {Obfuscated2.ProxySecretLength} bytes long, got {proxySecret.Length}.", nameof(proxySecret));
        options ??= TransportOptions.Default;
        detection = null;
        requiredLength = 0;
        var start = input.Length > MaxPrefixLength ? input[..MaxPrefixLength] : input;

        if (start.Length < 1)
            return NeedMore(1, out requiredLength);
        if (start[0] == 0xef)
            return Plain(TransportKind.Abridged, options, out detection);
        if (start.Length < 4)
            return NeedMore(4, out requiredLength);

        var first = BinaryPrimitives.ReadUInt32LittleEndian(start);
        switch (first)
        {
            case 0xeeeeeeee:
                return Plain(TransportKind.Intermediate, options, out detection);
            case 0xdddddddd:
                return Plain(TransportKind.PaddedIntermediate, options, out detection);
            case 0x44414548 or 0x54534f50 or 0x20544547 or 0x4954504f:
                throw new UnknownTransportTagException("The connection starts like an HTTP request, not an MTProto transport", first);
            case 0x02010316:
                throw new UnknownTransportTagException("The connection starts like a TLS handshake, not an MTProto transport", first);
        }

        if (start.Length < 8)
            return NeedMore(8, out requiredLength);
        if (BinaryPrimitives.ReadUInt32LittleEndian(start[4..]) == 0)
        {
            // Obfuscated2 headers never have zeros at 4..7; this can only be a full-transport
            // first frame: length, then sequence number 0.
            var length = (long)first;
            if (length < 12 || length % 4 != 0 || length - 12 > options.MaxFrameLength)
                throw new UnknownTransportTagException("The connection starts with no known tag and no plausible full-transport frame", first);
            return Plain(TransportKind.Full, options, out detection);
        }

        if (start.Length < MaxPrefixLength)
            return NeedMore(MaxPrefixLength, out requiredLength);
        Obfuscated2 obfuscation;
        try
        {
            obfuscation = Obfuscated2.AcceptServer(start, proxySecret);
        }
        catch (UnknownTransportTagException) when (start[0] == 0x16 && start[1] == 0x03)
        {
            throw new UnknownTransportTagException("The connection starts like a TLS record, not an MTProto transport", first);
        }
        var codec = TransportCodec.CreateDetectedServer(obfuscation, options);
        detection = new TransportDetection(obfuscation.Kind, true, obfuscation.DcId, Obfuscated2.HeaderLength, codec);
        return true;
    }

    /// <summary>As <see cref="TryDetect(ReadOnlySpan{byte}, out TransportDetection?, out int, TransportOptions?, ReadOnlySpan{byte})"/>, over a sequence.</summary>
    /// <param name="input">The bytes received so far, from the start of the connection.</param>
    /// <param name="detection">The transport and its server codec, when recognised.</param>
    /// <param name="requiredLength">When not recognised yet: the input length needed to decide.</param>
    /// <param name="options">Settings for the codec.</param>
    /// <param name="proxySecret">Empty, or the 16-byte MTProxy secret.</param>
    /// <returns>True when recognised; false when more bytes are needed.</returns>
    /// <exception cref="UnknownTransportTagException">The start names no supported transport, or looks like HTTP or TLS.</exception>
    public static bool TryDetect(
        in ReadOnlySequence<byte> input,
        [NotNullWhen(true)] out TransportDetection? detection,
        out int requiredLength,
        TransportOptions? options = null,
        ReadOnlySpan<byte> proxySecret = default)
    {
        Span<byte> start = stackalloc byte[MaxPrefixLength];
        var length = (int)Math.Min(MaxPrefixLength, input.Length);
        input.Slice(0, length).CopyTo(start);
        return TryDetect(start[..length], out detection, out requiredLength, options, proxySecret);
    }

    private static bool NeedMore(int length, out int requiredLength)
    {
        requiredLength = length;
        return false;
    }

    private static bool Plain(TransportKind kind, TransportOptions options, out TransportDetection detection)
    {
        var codec = TransportCodec.CreateDetectedServer(kind, options);
        detection = new TransportDetection(kind, false, null, codec.PrefixLengthForDetection, codec);
        return true;
    }
}
