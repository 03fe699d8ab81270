using System.Buffers.Binary;
using System.Text;
using MetadataExtractor;
using MetadataExtractor.Formats.Avi;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Mpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.QuickTime;
using MetadataExtractor.Formats.Wav;
using MetadataExtractor.Formats.WebP;

namespace Telethon.Model;

/// <summary>
/// Reads an image's size and an audio's or video's duration and size from the file's content, with MetadataExtractor
/// (JPEG, PNG, GIF, BMP, WebP, MP4/QuickTime, AVI, WAV and MPEG audio headers). What the library does not give is read
/// by hand from the format's own header: a WAV's data length (for its duration), an MP3's ID3v2 tag (title and
/// performer; the library does not look past it), and an MP3's frame count in its Xing/Info header (else the duration
/// of a constant bitrate).
/// </summary>
internal static class MediaReader
{
    /// <summary>The most bytes of an ID3v2 tag read for its title and performer (the rest, pictures mostly, is skipped).</summary>
    private const int MaxTagRead = 64 * 1024;

    /// <summary>
    /// What the content tells, read from <paramref name="stream"/> at its position over <paramref name="length"/> bytes.
    /// The stream must be seekable; its position is put back where it was. A format the reader does not know, or a
    /// damaged file, tells nothing (<see cref="MediaInfo.None"/>): guessing never fails a send.
    /// </summary>
    public static MediaInfo Read(Stream stream, long length)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek || length <= 0)
            return MediaInfo.None;
        var start = stream.Position;
        try
        {
            var window = new WindowStream(stream, start, length);
            var (tagLength, title, performer) = ReadId3v2(window);
            window.Position = tagLength;
            IReadOnlyList<MetadataExtractor.Directory> directories;
            try
            {
                // The library does not look past an ID3v2 tag: the frames after it are read as MPEG audio.
                directories = tagLength > 0 ? Mp3MetadataReader.ReadMetadata(new WindowStream(window, tagLength, window.Length - tagLength))
                    : ImageMetadataReader.ReadMetadata(window);
            }
            catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or InvalidOperationException or IndexOutOfRangeException)
            {
                return title is null && performer is null ? MediaInfo.None : new MediaInfo(null, null, null, title, performer);
            }
            var info = FromDirectories(directories, window, tagLength);
            return info with { Title = title, Performer = performer };
        }
        finally
        {
            stream.Position = start;
        }
    }

    private static MediaInfo FromDirectories(IReadOnlyList<MetadataExtractor.Directory> directories, Stream window, long tagLength)
    {
        int? width = null, height = null;
        TimeSpan? duration = null;
        foreach (var directory in directories)
        {
            switch (directory)
            {
                case JpegDirectory jpeg:
                    (width, height) = Size(jpeg, JpegDirectory.TagImageWidth, JpegDirectory.TagImageHeight, width, height);
                    break;
                case PngDirectory png:
                    (width, height) = Size(png, PngDirectory.TagImageWidth, PngDirectory.TagImageHeight, width, height);
                    break;
                case GifHeaderDirectory gif:
                    (width, height) = Size(gif, GifHeaderDirectory.TagImageWidth, GifHeaderDirectory.TagImageHeight, width, height);
                    break;
                case BmpHeaderDirectory bmp:
                    (width, height) = Size(bmp, BmpHeaderDirectory.TagImageWidth, BmpHeaderDirectory.TagImageHeight, width, height);
                    if (height is < 0)
                        height = -height; // a top-down bitmap
                    break;
                case WebPDirectory webp:
                    (width, height) = Size(webp, WebPDirectory.TagImageWidth, WebPDirectory.TagImageHeight, width, height);
                    break;
                case QuickTimeMovieHeaderDirectory movie when movie.GetObject(QuickTimeMovieHeaderDirectory.TagDuration) is TimeSpan d:
                    duration ??= d;
                    break;
                case QuickTimeTrackHeaderDirectory track:
                    // The first track with a picture (audio tracks are 0 by 0).
                    if (width is null && Number(track, QuickTimeTrackHeaderDirectory.TagWidth) is { } w and > 0
                        && Number(track, QuickTimeTrackHeaderDirectory.TagHeight) is { } h and > 0)
                    {
                        width = (int)w;
                        height = (int)h;
                    }
                    break;
                case AviDirectory avi:
                    (width, height) = Size(avi, AviDirectory.TagWidth, AviDirectory.TagHeight, width, height);
                    if (avi.GetObject(AviDirectory.TagDuration) is string text && TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var span))
                        duration ??= span;
                    break;
                case WavFormatDirectory wav when Number(wav, WavFormatDirectory.TagBytesPerSec) is { } bytesPerSecond and > 0:
                    if (WavDataLength(window) is { } data)
                        duration ??= TimeSpan.FromSeconds(data / bytesPerSecond);
                    break;
                case Mp3Directory mp3:
                    duration ??= Mp3Duration(mp3, window, tagLength);
                    break;
            }
        }
        return new MediaInfo(width, height, duration, null, null);
    }

    private static (int?, int?) Size(MetadataExtractor.Directory directory, int widthTag, int heightTag, int? width, int? height)
    {
        if (width is not null)
            return (width, height);
        return Number(directory, widthTag) is { } w && Number(directory, heightTag) is { } h ? ((int)w, (int)h) : (null, null);
    }

    private static double? Number(MetadataExtractor.Directory directory, int tag) => directory.GetObject(tag) switch
    {
        int i => i,
        uint u => u,
        ushort s => s,
        short s => s,
        long l => l,
        decimal m => (double)m,
        double d => d,
        float f => f,
        byte b => b,
        _ => null,
    };

    /// <summary>The length of a RIFF WAVE file's data chunk, found by walking its chunks.</summary>
    private static long? WavDataLength(Stream window)
    {
        Span<byte> header = stackalloc byte[12];
        window.Position = 0;
        if (window.ReadAtLeast(header, 12, throwOnEndOfStream: false) < 12 || !header[..4].SequenceEqual("RIFF"u8) || !header[8..12].SequenceEqual("WAVE"u8))
            return null;
        Span<byte> chunk = stackalloc byte[8];
        while (window.ReadAtLeast(chunk, 8, throwOnEndOfStream: false) == 8)
        {
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk[4..]);
            if (chunk[..4].SequenceEqual("data"u8))
                return Math.Min(size, window.Length - window.Position);
            // Chunks are padded to an even length.
            var next = window.Position + size + (size & 1);
            if (next > window.Length)
                return null;
            window.Position = next;
        }
        return null;
    }

    /// <summary>An MPEG audio file's duration: its frame count from a Xing or Info header when the first frame has one
    /// (variable bitrates), else its length at the first frame's bitrate.</summary>
    private static TimeSpan? Mp3Duration(Mp3Directory mp3, Stream window, long tagLength)
    {
        if (Number(mp3, Mp3Directory.TagFrequency) is not { } frequency || frequency <= 0)
            return null;
        var mpeg1 = mp3.GetString(Mp3Directory.TagId) == "MPEG-1";
        var mono = mp3.GetString(Mp3Directory.TagMode) == "Mono";
        var samplesPerFrame = mp3.GetString(Mp3Directory.TagLayer) switch
        {
            "Layer I" => 384,
            "Layer II" => 1152,
            _ => mpeg1 ? 1152 : 576,
        };
        // The Xing header sits after the side information of the first frame (Layer III).
        var sideInfo = mpeg1 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        Span<byte> xing = stackalloc byte[12];
        window.Position = tagLength + 4 + sideInfo;
        if (window.ReadAtLeast(xing, 12, throwOnEndOfStream: false) == 12
            && (xing[..4].SequenceEqual("Xing"u8) || xing[..4].SequenceEqual("Info"u8))
            && (BinaryPrimitives.ReadUInt32BigEndian(xing[4..]) & 1) != 0)
        {
            var frames = BinaryPrimitives.ReadUInt32BigEndian(xing[8..]);
            return TimeSpan.FromSeconds(frames * (double)samplesPerFrame / frequency);
        }
        if (Number(mp3, Mp3Directory.TagBitrate) is not { } kilobits || kilobits <= 0)
            return null;
        return TimeSpan.FromSeconds((window.Length - tagLength) * 8 / (kilobits * 1000));
    }

    /// <summary>An ID3v2 tag's length (header included; 0 without a tag) and its title (TIT2) and performer (TPE1).</summary>
    private static (long Length, string? Title, string? Performer) ReadId3v2(Stream window)
    {
        Span<byte> header = stackalloc byte[10];
        window.Position = 0;
        if (window.ReadAtLeast(header, 10, throwOnEndOfStream: false) < 10 || !header[..3].SequenceEqual("ID3"u8))
            return (0, null, null);
        var version = header[3];
        var flags = header[5];
        var size = Synchsafe(header[6..10]);
        var length = 10 + size + ((flags & 0x10) != 0 ? 10 : 0);
        if (version is < 2 or > 4 || length > window.Length)
            return (0, null, null);
        var body = new byte[(int)Math.Min(size, MaxTagRead)];
        var read = window.ReadAtLeast(body, body.Length, throwOnEndOfStream: false);
        string? title = null, performer = null;
        var offset = 0;
        // Version 2 frames have 3-letter ids and 3-byte sizes; 3 and 4 have 4-letter ids and 4-byte sizes.
        var idLength = version == 2 ? 3 : 4;
        var headerLength = version == 2 ? 6 : 10;
        if (version == 3 && (flags & 0x40) != 0 && read >= 4)
            offset += 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(body);
        else if (version == 4 && (flags & 0x40) != 0 && read >= 4)
            offset += (int)Synchsafe(body.AsSpan(0, 4));
        while (offset + headerLength <= read && body[offset] != 0)
        {
            var id = Encoding.ASCII.GetString(body, offset, idLength);
            var frameSize = version switch
            {
                2 => (body[offset + 3] << 16) | (body[offset + 4] << 8) | body[offset + 5],
                3 => (int)BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(offset + 4)),
                _ => (int)Synchsafe(body.AsSpan(offset + 4, 4)),
            };
            var start = offset + headerLength;
            if (frameSize <= 0 || start + frameSize > read)
                break;
            if (id is "TIT2" or "TT2")
                title = Text(body.AsSpan(start, frameSize));
            else if (id is "TPE1" or "TP1")
                performer = Text(body.AsSpan(start, frameSize));
            offset = start + frameSize;
        }
        return (length, title, performer);
    }

    /// <summary>UTF-16 text with its byte order mark (little-endian when it has none).</summary>
    private static string Utf16(ReadOnlySpan<byte> content) => content switch
    {
        [0xFE, 0xFF, ..] => Encoding.BigEndianUnicode.GetString(content[2..]),
        [0xFF, 0xFE, ..] => Encoding.Unicode.GetString(content[2..]),
        _ => Encoding.Unicode.GetString(content),
    };

    private static long Synchsafe(ReadOnlySpan<byte> bytes) => (long)(((uint)(bytes[0] & 0x7F) << 21) | ((uint)(bytes[1] & 0x7F) << 14) | ((uint)(bytes[2] & 0x7F) << 7) | (uint)(bytes[3] & 0x7F));

    /// <summary>A text frame's first string, in its declared encoding.</summary>
    private static string? Text(ReadOnlySpan<byte> frame)
    {
        if (frame.Length < 2)
            return null;
        var content = frame[1..];
        var text = frame[0] switch
        {
            0 => Encoding.Latin1.GetString(content),
            1 => Utf16(content),
            2 => Encoding.BigEndianUnicode.GetString(content),
            _ => Encoding.UTF8.GetString(content),
        };
        var end = text.IndexOf('\0', StringComparison.Ordinal);
        var value = (end >= 0 ? text[..end] : text).Trim();
        return value.Length == 0 ? null : value;
    }
}
