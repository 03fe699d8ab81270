using MetadataExtractor;
using MetadataExtractor.Formats.Bmp;
using MetadataExtractor.Formats.FileType;
using MetadataExtractor.Formats.Gif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Png;
using MetadataExtractor.Formats.WebP;

namespace Telethon.TestServer.World;

/// <summary>What an image's header says: its size in pixels and its type (read with MetadataExtractor).</summary>
internal readonly record struct ImageProbe(int Width, int Height, string MimeType)
{
    /// <summary>The size and type of a JPEG, PNG, GIF, WebP or BMP image, or null when the bytes are none of these.</summary>
    public static ImageProbe? Read(byte[] bytes)
    {
        IReadOnlyList<MetadataExtractor.Directory> directories;
        try
        {
            directories = ImageMetadataReader.ReadMetadata(new MemoryStream(bytes, writable: false));
        }
        catch (Exception e) when (e is ImageProcessingException or IOException or ArgumentException or IndexOutOfRangeException or InvalidOperationException)
        {
            return null;
        }
        string? mime = null;
        int? width = null, height = null;
        foreach (var directory in directories)
        {
            switch (directory)
            {
                case FileTypeDirectory type:
                    mime = type.GetString(FileTypeDirectory.TagDetectedFileMimeType);
                    break;
                case JpegDirectory jpeg:
                    Take(jpeg, JpegDirectory.TagImageWidth, JpegDirectory.TagImageHeight);
                    break;
                case PngDirectory png when png.Name == "PNG-IHDR":
                    Take(png, PngDirectory.TagImageWidth, PngDirectory.TagImageHeight);
                    break;
                case GifHeaderDirectory gif:
                    Take(gif, GifHeaderDirectory.TagImageWidth, GifHeaderDirectory.TagImageHeight);
                    break;
                case WebPDirectory webp:
                    Take(webp, WebPDirectory.TagImageWidth, WebPDirectory.TagImageHeight);
                    break;
                case BmpHeaderDirectory bmp:
                    Take(bmp, BmpHeaderDirectory.TagImageWidth, BmpHeaderDirectory.TagImageHeight);
                    break;
            }
        }
        return width is > 0 && height is > 0 && mime is not null ? new ImageProbe(width.Value, Math.Abs(height.Value), mime) : null;

        void Take(MetadataExtractor.Directory directory, int widthTag, int heightTag)
        {
            if (width is null && directory.TryGetInt32(widthTag, out var w) && directory.TryGetInt32(heightTag, out var h))
                (width, height) = (w, h);
        }
    }
}
