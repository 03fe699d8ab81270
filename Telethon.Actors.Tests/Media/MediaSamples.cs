using System.Buffers.Binary;
using System.Text;

namespace Telethon.Tests.Media;

/// <summary>
/// Small real media files written byte by byte with known properties, following each format's specification: a PNG
/// (ISO/IEC 15948: signature, IHDR, IDAT, IEND with CRC-32s), a baseline JPEG header (SOI, APP0, SOF0, EOI), a RIFF WAV
/// (PCM fmt and data chunks), an MP3 of constant-bitrate MPEG-1 Layer III frames with an ID3v2.3 tag, and an MP4
/// (ISO/IEC 14496-12: ftyp, moov with mvhd and a video trak's tkhd, mdat).
/// </summary>
internal static class MediaSamples
{
    public static byte[] Png(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        PngChunk(output, "IHDR", header);
        // One filter byte and `width` zero pixels per row, stored (uncompressed deflate blocks) in a zlib stream.
        var raw = new byte[(width + 1) * height];
        using (var zlib = new MemoryStream())
        {
            using (var z = new System.IO.Compression.ZLibStream(zlib, System.IO.Compression.CompressionLevel.NoCompression, leaveOpen: true))
                z.Write(raw);
            PngChunk(output, "IDAT", zlib.ToArray());
        }
        PngChunk(output, "IEND", []);
        return output.ToArray();
    }

    public static byte[] Jpeg(int width, int height)
    {
        using var output = new MemoryStream();
        output.Write([0xFF, 0xD8]);
        // APP0 (JFIF 1.1, no density, no thumbnail).
        output.Write([0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
        // SOF0: length 11, precision 8, height, width, one component (id 1, sampling 1x1, table 0).
        var sof = new byte[] { 0xFF, 0xC0, 0x00, 0x0B, 0x08, 0, 0, 0, 0, 0x01, 0x01, 0x11, 0x00 };
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(5), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(7), (ushort)width);
        output.Write(sof);
        output.Write([0xFF, 0xD9]);
        return output.ToArray();
    }

    public static byte[] Wav(int sampleRate, short channels, short bitsPerSample, double seconds)
    {
        var blockAlign = (short)(channels * bitsPerSample / 8);
        var dataSize = (int)Math.Round(seconds * sampleRate) * blockAlign;
        var wav = new byte[44 + dataSize];
        var s = wav.AsSpan();
        Encoding.ASCII.GetBytes("RIFF", s);
        BinaryPrimitives.WriteInt32LittleEndian(s[4..], 36 + dataSize);
        Encoding.ASCII.GetBytes("WAVEfmt ", s[8..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[16..], 16);
        BinaryPrimitives.WriteInt16LittleEndian(s[20..], 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(s[22..], channels);
        BinaryPrimitives.WriteInt32LittleEndian(s[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(s[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(s[32..], blockAlign);
        BinaryPrimitives.WriteInt16LittleEndian(s[34..], bitsPerSample);
        Encoding.ASCII.GetBytes("data", s[36..]);
        BinaryPrimitives.WriteInt32LittleEndian(s[40..], dataSize);
        return wav;
    }

    /// <summary>MPEG-1 Layer III, 128 kbit/s, 44.1 kHz, no padding: 417-byte frames of 1152 samples each.</summary>
    public static byte[] Mp3(int frames, string? title = null, string? performer = null)
    {
        using var output = new MemoryStream();
        if (title is not null || performer is not null)
            output.Write(Id3v23(title, performer));
        var frame = new byte[417];
        // Sync 11 bits, MPEG-1 (11), Layer III (01), no CRC (1); bitrate index 9 (128k), 44.1 kHz (00), no padding; stereo.
        frame[0] = 0xFF;
        frame[1] = 0xFB;
        frame[2] = 0x90;
        frame[3] = 0x00;
        for (var i = 0; i < frames; i++)
            output.Write(frame);
        return output.ToArray();
    }

    public static TimeSpan Mp3Duration(int frames) => TimeSpan.FromSeconds(frames * 1152.0 / 44100);

    /// <summary>An MP4 whose movie lasts <paramref name="duration"/> (at a 1000 Hz timescale) with one video track of the
    /// given size, and <paramref name="payload"/> bytes of media data.</summary>
    public static byte[] Mp4(int width, int height, TimeSpan duration, int payload = 64)
    {
        using var output = new MemoryStream();
        Box(output, "ftyp", b =>
        {
            b.Write("isom"u8);
            b.Write([0, 0, 2, 0]);
            b.Write("isomiso2mp41"u8);
        });
        var units = (uint)Math.Round(duration.TotalMilliseconds);
        Box(output, "moov", moov =>
        {
            Box(moov, "mvhd", b =>
            {
                b.Write(new byte[4]); // version 0, flags
                b.Write(new byte[8]); // created, modified
                WriteU32(b, 1000); // timescale
                WriteU32(b, units); // duration
                WriteU32(b, 0x00010000); // rate 1.0
                b.Write([0x01, 0x00]); // volume 1.0
                b.Write(new byte[10]); // reserved
                WriteMatrix(b);
                b.Write(new byte[24]); // pre-defined
                WriteU32(b, 2); // next track id
            });
            Box(moov, "trak", trak => Box(trak, "tkhd", b =>
            {
                b.Write([0, 0, 0, 3]); // version 0, enabled | in movie
                b.Write(new byte[8]); // created, modified
                WriteU32(b, 1); // track id
                WriteU32(b, 0); // reserved
                WriteU32(b, units); // duration
                b.Write(new byte[8]); // reserved
                b.Write(new byte[4]); // layer, alternate group
                b.Write(new byte[4]); // volume 0 (video), reserved
                WriteMatrix(b);
                WriteU32(b, (uint)width << 16); // 16.16 fixed point
                WriteU32(b, (uint)height << 16);
            }));
        });
        Box(output, "mdat", b => b.Write(new byte[payload]));
        return output.ToArray();
    }

    private static byte[] Id3v23(string? title, string? performer)
    {
        using var frames = new MemoryStream();
        foreach (var (id, text) in new[] { ("TIT2", title), ("TPE1", performer) })
        {
            if (text is null)
                continue;
            var body = Encoding.Latin1.GetBytes(text);
            frames.Write(Encoding.ASCII.GetBytes(id));
            var size = new byte[4];
            BinaryPrimitives.WriteInt32BigEndian(size, body.Length + 1);
            frames.Write(size);
            frames.Write([0, 0, 0]); // flags, ISO-8859-1
            frames.Write(body);
        }
        var content = frames.ToArray();
        using var tag = new MemoryStream();
        tag.Write("ID3"u8);
        tag.Write([3, 0, 0]);
        var length = content.Length;
        // Synchsafe: 7 bits a byte.
        tag.Write([(byte)((length >> 21) & 0x7F), (byte)((length >> 14) & 0x7F), (byte)((length >> 7) & 0x7F), (byte)(length & 0x7F)]);
        tag.Write(content);
        return tag.ToArray();
    }

    private static void PngChunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        output.Write(typeAndData);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static void Box(Stream output, string type, Action<Stream> body)
    {
        using var content = new MemoryStream();
        body(content);
        WriteU32(output, (uint)(8 + content.Length));
        output.Write(Encoding.ASCII.GetBytes(type));
        content.Position = 0;
        content.CopyTo(output);
    }

    private static void WriteMatrix(Stream b)
    {
        foreach (var v in new uint[] { 0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000 })
            WriteU32(b, v);
    }

    private static void WriteU32(Stream output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        output.Write(bytes);
    }
}
