using System.Buffers.Binary;
using System.Security.Cryptography;
using Telethon.Crypto;

namespace Telethon.Transport;

/// <summary>
/// The obfuscated2 layer of one connection: the 64-byte init header and the two AES-256-CTR
/// streams it keys. The client draws 64 random bytes (redrawn while they could be mistaken for
/// another protocol), writes the protocol tag at 56..59 and the DC id at 60..61, keys its
/// sending stream with bytes 8..40 / 40..56 and its receiving stream with the same 48 bytes
/// reversed, encrypts the header with the sending stream and sends bytes 0..56 as drawn and
/// 56..64 encrypted. The server mirrors it. With an MTProxy secret each key becomes
/// SHA-256(key | secret).
/// </summary>
public sealed class Obfuscated2 : IDisposable
{
    /// <summary>Length of the init header.</summary>
    public const int HeaderLength = 64;

    /// <summary>Length of an MTProxy secret.</summary>
    public const int ProxySecretLength = 16;

    /// <summary>Protocol tag of the abridged framing.</summary>
    public const uint AbridgedTag = 0xefefefef;

    /// <summary>Protocol tag of the intermediate framing.</summary>
    public const uint IntermediateTag = 0xeeeeeeee;

    /// <summary>Protocol tag of the padded intermediate framing.</summary>
    public const uint PaddedIntermediateTag = 0xdddddddd;

    private const int MaxDraws = 1000;

    private Obfuscated2(AesCtr encryptor, AesCtr decryptor, TransportKind kind, short dcId)
    {
        Encryptor = encryptor;
        Decryptor = decryptor;
        Kind = kind;
        DcId = dcId;
    }

    /// <summary>The stream for bytes this end sends (already past the header on the client).</summary>
    public AesCtr Encryptor { get; }

    /// <summary>The stream for bytes this end receives (already past the header on the server).</summary>
    public AesCtr Decryptor { get; }

    /// <summary>The framing the header announced.</summary>
    public TransportKind Kind { get; }

    /// <summary>The DC id from bytes 60..61 of the header (signed; clients choose negative ids for media DCs).</summary>
    public short DcId { get; }

    /// <summary>The protocol tag of a framing; full has none.</summary>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is <see cref="TransportKind.Full"/> or unknown.</exception>
    public static uint TagOf(TransportKind kind) => kind switch
    {
        TransportKind.Abridged => AbridgedTag,
        TransportKind.Intermediate => IntermediateTag,
        TransportKind.PaddedIntermediate => PaddedIntermediateTag,
        _ => throw new ArgumentException($"The {kind} transport cannot be obfuscated; use abridged, intermediate or padded intermediate.", nameof(kind)),
    };

    /// <summary>
    /// Whether 64 random bytes may start a connection: the first byte is not 0xef, the first four
    /// are not "HEAD", "POST", "GET ", "OPTI", 16 03 01 02, dd dd dd dd or ee ee ee ee, and bytes
    /// 4..7 are not all zero.
    /// </summary>
    public static bool IsAcceptableInit(ReadOnlySpan<byte> init)
    {
        if (init.Length < 8)
            return false;
        if (init[0] == 0xef)
            return false;
        var first = BinaryPrimitives.ReadUInt32LittleEndian(init);
        if (IsForbiddenFirstWord(first))
            return false;
        return BinaryPrimitives.ReadUInt32LittleEndian(init[4..]) != 0;
    }

    /// <summary>
    /// The client side from random bytes drawn through <paramref name="random"/> until acceptable.
    /// </summary>
    /// <param name="random">Source of the 64 init bytes.</param>
    /// <param name="kind">The framing to announce.</param>
    /// <param name="dcId">The DC id to announce.</param>
    /// <param name="header">Receives the 64 bytes to send first.</param>
    /// <param name="proxySecret">Empty, or a 16-byte MTProxy secret.</param>
    /// <exception cref="ArgumentException">Bad kind, header span or secret length.</exception>
    /// <exception cref="InvalidOperationException">The random source kept producing forbidden headers.</exception>
    public static Obfuscated2 CreateClient(RandomFill random, TransportKind kind, short dcId, Span<byte> header, ReadOnlySpan<byte> proxySecret = default)
    {
        ArgumentNullException.ThrowIfNull(random);
        Span<byte> init = stackalloc byte[HeaderLength];
        for (var draw = 0; draw < MaxDraws; draw++)
        {
            random(init);
            if (IsAcceptableInit(init))
            {
                var result = CreateClient(init, kind, dcId, header, proxySecret);
                CryptographicOperations.ZeroMemory(init);
                return result;
            }
        }
        throw new InvalidOperationException($"The random source produced {MaxDraws} forbidden obfuscated2 headers in a row.");
    }

    /// <summary>The client side from 64 given init bytes (bytes 56..63 are overwritten by tag, DC id and the two that follow).</summary>
    /// <param name="init">64 acceptable random bytes (see <see cref="IsAcceptableInit"/>).</param>
    /// <param name="kind">The framing to announce.</param>
    /// <param name="dcId">The DC id to announce.</param>
    /// <param name="header">Receives the 64 bytes to send first.</param>
    /// <param name="proxySecret">Empty, or a 16-byte MTProxy secret.</param>
    /// <exception cref="ArgumentException">Bad lengths, kind, or bytes a server would take for another protocol.</exception>
    public static Obfuscated2 CreateClient(ReadOnlySpan<byte> init, TransportKind kind, short dcId, Span<byte> header, ReadOnlySpan<byte> proxySecret = default)
    {
        if (init.Length != HeaderLength)
            throw new ArgumentException($"The init bytes must be {HeaderLength} long.", nameof(init));
        if (header.Length < HeaderLength)
            throw new ArgumentException($"The header span must hold {HeaderLength} bytes.", nameof(header));
        if (!IsAcceptableInit(init))
            throw new ArgumentException("The init bytes are forbidden: a server would take them for another protocol.", nameof(init));
        CheckSecret(proxySecret);
        var tag = TagOf(kind);

        Span<byte> plain = stackalloc byte[HeaderLength];
        init.CopyTo(plain);
        BinaryPrimitives.WriteUInt32LittleEndian(plain[56..], tag);
        BinaryPrimitives.WriteInt16LittleEndian(plain[60..], dcId);

        var encryptor = CreateStream(plain[8..56], proxySecret, reversed: false);
        var decryptor = CreateStream(plain[8..56], proxySecret, reversed: true);
        Span<byte> encrypted = stackalloc byte[HeaderLength];
        encryptor.Transform(plain, encrypted);
        plain[..56].CopyTo(header);
        encrypted[56..].CopyTo(header[56..]);
        CryptographicOperations.ZeroMemory(plain);
        return new Obfuscated2(encryptor, decryptor, kind, dcId);
    }

    /// <summary>The server side from the 64-byte header a client sent.</summary>
    /// <param name="header">The first 64 bytes of the connection.</param>
    /// <param name="proxySecret">Empty, or the 16-byte MTProxy secret the client was given.</param>
    /// <exception cref="UnknownTransportTagException">The decrypted protocol tag is not one of the three supported.</exception>
    /// <exception cref="ArgumentException">The header is too short or the secret has the wrong length.</exception>
    public static Obfuscated2 AcceptServer(ReadOnlySpan<byte> header, ReadOnlySpan<byte> proxySecret = default)
    {
        if (header.Length < HeaderLength)
            throw new ArgumentException($"The header must be {HeaderLength} bytes long.", nameof(header));
        CheckSecret(proxySecret);
        header = header[..HeaderLength];

        var decryptor = CreateStream(header[8..56], proxySecret, reversed: false);
        Span<byte> plain = stackalloc byte[HeaderLength];
        decryptor.Transform(header, plain);
        var tag = BinaryPrimitives.ReadUInt32LittleEndian(plain[56..]);
        var dcId = BinaryPrimitives.ReadInt16LittleEndian(plain[60..]);
        CryptographicOperations.ZeroMemory(plain);
        TransportKind kind;
        switch (tag)
        {
            case AbridgedTag: kind = TransportKind.Abridged; break;
            case IntermediateTag: kind = TransportKind.Intermediate; break;
            case PaddedIntermediateTag: kind = TransportKind.PaddedIntermediate; break;
            default:
                decryptor.Dispose();
                throw new UnknownTransportTagException("The obfuscated2 header names an unknown protocol", tag);
        }
        var encryptor = CreateStream(header[8..56], proxySecret, reversed: true);
        return new Obfuscated2(encryptor, decryptor, kind, dcId);
    }

    /// <summary>Disposes both streams.</summary>
    public void Dispose()
    {
        Encryptor.Dispose();
        Decryptor.Dispose();
    }

    internal static bool IsForbiddenFirstWord(uint first) => first switch
    {
        0x44414548 => true, // "HEAD"
        0x54534f50 => true, // "POST"
        0x20544547 => true, // "GET "
        0x4954504f => true, // "OPTI"
        0x02010316 => true, // 16 03 01 02, a TLS handshake record
        0xdddddddd => true,
        0xeeeeeeee => true,
        _ => false,
    };

    private static void CheckSecret(ReadOnlySpan<byte> proxySecret)
    {
        if (proxySecret.Length != 0 && proxySecret.Length != ProxySecretLength)
            throw new ArgumentException($"An MTProxy secret is {ProxySecretLength} bytes long, got {proxySecret.Length}.", nameof(proxySecret));
    }

    /// <summary>Keys a stream with 48 key-and-IV bytes, read forwards or reversed.</summary>
    private static AesCtr CreateStream(ReadOnlySpan<byte> material, ReadOnlySpan<byte> proxySecret, bool reversed)
    {
        Span<byte> keyIv = stackalloc byte[48];
        material.CopyTo(keyIv);
        if (reversed)
            keyIv.Reverse();
        Span<byte> key = stackalloc byte[AesCtr.KeySize];
        if (proxySecret.IsEmpty)
        {
            keyIv[..32].CopyTo(key);
        }
        else
        {
            Span<byte> input = stackalloc byte[AesCtr.KeySize + ProxySecretLength];
            keyIv[..32].CopyTo(input);
            proxySecret.CopyTo(input[32..]);
            SHA256.HashData(input, key);
            CryptographicOperations.ZeroMemory(input);
        }
        var stream = new AesCtr(key, keyIv[32..48]);
        CryptographicOperations.ZeroMemory(key);
        CryptographicOperations.ZeroMemory(keyIv);
        return stream;
    }
}
