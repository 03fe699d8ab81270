using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>gzip_packed for message bodies.</summary>
internal static class Gzip
{
    /// <summary>Bodies of at least this many bytes are tried on a sample first.</summary>
    internal const int ProbeFrom = 64 * 1024;

    /// <summary>The sample of a large body compressed to see whether the whole is worth compressing.</summary>
    internal const int ProbeLength = 8 * 1024;

    /// <summary>
    /// The body as gzip_packed when it is at least <paramref name="threshold"/> bytes and that makes it smaller. A body of
    /// <see cref="ProbeFrom"/> bytes or more (a file part, an upload.file) is first judged on its leading
    /// <see cref="ProbeLength"/> bytes: when they do not shrink (media, random or already compressed data) the body is sent as
    /// it is, without spending a whole compression pass on it.
    /// </summary>
    public static byte[] PackIfSmaller(byte[] body, int threshold) => TryPack(body, threshold, out var packed) ? packed : body;

    /// <summary>
    /// The body as gzip_packed, when it is at least <paramref name="threshold"/> bytes and that makes it smaller (judged on
    /// a sample first for large bodies, as <see cref="PackIfSmaller"/>); false when it is to be sent as it is.
    /// </summary>
    public static bool TryPack(ReadOnlySpan<byte> body, int threshold, out byte[] packed)
    {
        packed = [];
        if (threshold <= 0 || body.Length < threshold)
            return false;
        if (body.Length >= ProbeFrom && !Shrinks(body[..ProbeLength]))
            return false;
        using var output = new MemoryStream(body.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(body);
        var deflated = output.GetBuffer().AsSpan(0, (int)output.Length);
        var tlLength = 4 + (deflated.Length <= 253 ? 1 : 4) + deflated.Length;
        tlLength = (tlLength + 3) & ~3;
        if (tlLength >= body.Length)
            return false;
        var writer = new TlWriter(tlLength);
        try
        {
            writer.WriteUInt32(TlReader.GzipPackedId);
            writer.WriteBytes(deflated);
            packed = writer.ToArray();
            return true;
        }
        finally
        {
            writer.Dispose();
        }
    }

    // Whether deflating the sample saves at least 1/16 of it.
    private static bool Shrinks(ReadOnlySpan<byte> sample)
    {
        using var output = new MemoryStream(sample.Length + 256);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(sample);
        return output.Length < sample.Length - sample.Length / 16;
    }

    /// <summary>Whether the body starts with gzip_packed.</summary>
    public static bool IsPacked(ReadOnlySpan<byte> body) =>
        body.Length >= 4 && BinaryPrimitives.ReadUInt32LittleEndian(body) == TlReader.GzipPackedId;

    /// <summary>Unpacks a gzip_packed body into a pooled buffer the caller returns to <see cref="ArrayPool{T}.Shared"/>.</summary>
    /// <exception cref="TlDecodeException">The data is not valid gzip or unpacks to too much.</exception>
    public static (byte[] Buffer, int Length) Unpack(ReadOnlySpan<byte> body)
    {
        var reader = new TlReader(body[4..]);
        return TlReader.Unpack(reader.ReadBytesSpan(), 0);
    }
}
