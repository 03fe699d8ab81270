using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Telethon.Samples.MenuBot;

/// <summary>Makes the bot's photo: a small, valid PNG (8-bit RGB, one IDAT chunk), drawn in code so the sample ships no
/// image file.</summary>
public static class SamplePng
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>A PNG of <paramref name="width"/> by <paramref name="height"/> pixels: a diagonal gradient.</summary>
    /// <param name="width">The width, in pixels (1 to 4096).</param>
    /// <param name="height">The height, in pixels (1 to 4096).</param>
    /// <exception cref="ArgumentOutOfRangeException">A side outside 1 to 4096.</exception>
    public static byte[] Gradient(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(width, 4096);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(height, 4096);

        // The scanlines: each a filter byte (0, none) and then red, green and blue for each pixel.
        var stride = 1 + (width * 3);
        var pixels = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            var row = y * stride;
            for (var x = 0; x < width; x++)
            {
                var at = row + 1 + (x * 3);
                pixels[at] = (byte)(255 * x / Math.Max(1, width - 1));
                pixels[at + 1] = (byte)(255 * y / Math.Max(1, height - 1));
                pixels[at + 2] = (byte)(255 - (255 * (x + y) / Math.Max(1, width + height - 2)));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            zlib.Write(pixels);

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bits per sample
        header[9] = 2; // colour type: truecolour (RGB)
        // compression, filter method and interlace are all 0

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream png, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        png.Write(typeBytes);
        png.Write(data);
        // The CRC covers the chunk's type and data, not its length.
        var crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(number, crc);
        png.Write(number);
    }

    private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    // The CRC-32 of the PNG specification (ISO 3309, reflected polynomial 0xEDB88320).
    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            table[n] = c;
        }
        return table;
    }
}
