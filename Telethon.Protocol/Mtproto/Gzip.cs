using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;
using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>gzip_packed for message bodies.</summary>
internal static class Gzip
{
    /// <summary>The body as gzip_packed when it is at least <paramref name="threshold"/> bytes and that makes it smaller.</summary>
    public static byte[] PackIfSmaller(byte[] body, int threshold)
    {
        if (threshold <= 0 || body.Length < threshold)
            return body;
        using var output = new MemoryStream(body.Length / 2 + 64);
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            gzip.Write(body);
        var packed = output.GetBuffer().AsSpan(0, (int)output.Length);
        var tlLength = 4 + (packed.Length <= 253 ? 1 : 4) + packed.Length;
        tlLength = (tlLength + 3) & ~3;
        if (tlLength >= body.Length)
            return body;
        var writer = new TlWriter(tlLength);
        try
        {
            writer.WriteUInt32(TlReader.GzipPackedId);
            writer.WriteBytes(packed);
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
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
