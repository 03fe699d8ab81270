using System.Security.Cryptography;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;
using TF = Telethon.Tl.Functions;

namespace Telethon.Tests.TestServer;

/// <summary>Images made by hand (only their headers matter to the server) and uploads through the harness.</summary>
internal static class FilesSupport
{
    /// <summary>A JPEG header of <paramref name="width"/> x <paramref name="height"/> (SOI, SOF0, EOI), padded to <paramref name="size"/> bytes.</summary>
    public static byte[] Jpeg(int width, int height, int size = 0)
    {
        byte[] head =
        [
            0xFF, 0xD8,
            0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 0x03,
            0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
            0xFF, 0xD9,
        ];
        var bytes = new byte[Math.Max(size, head.Length)];
        head.CopyTo(bytes, 0);
        for (var i = head.Length; i < bytes.Length; i++)
            bytes[i] = (byte)(i * 7);
        return bytes;
    }

    /// <summary>A real greyscale PNG of <paramref name="width"/> x <paramref name="height"/> (the media tests' sample).</summary>
    public static byte[] Png(int width, int height) => Telethon.Tests.Media.MediaSamples.Png(width, height);

    /// <summary>Bytes that are no image.</summary>
    public static byte[] Noise(int size, int seed = 1)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>The MD5 of <paramref name="bytes"/>, as inputFile's md5_checksum.</summary>
    public static string Md5(byte[] bytes) => Convert.ToHexStringLower(MD5.HashData(bytes));

    /// <summary>Uploads with saveFilePart in parts of <paramref name="partSize"/>; returns the inputFile (with the MD5).</summary>
    public static T.InputFile Upload(WorldHarness h, TestSession session, byte[] bytes, long fileId, string name = "file.bin", int partSize = 128 * 1024)
    {
        var parts = 0;
        for (var at = 0; at < bytes.Length; at += partSize, parts++)
            Assert.True(h.Call(session, new TF.Upload.SaveFilePart { FileId = fileId, FilePart = parts, Bytes = bytes[at..Math.Min(bytes.Length, at + partSize)] }));
        return new T.InputFile { Id = fileId, Parts = parts, Name = name, Md5Checksum = Md5(bytes) };
    }

    /// <summary>Uploads with saveBigFilePart in parts of <paramref name="partSize"/>; returns the inputFileBig.</summary>
    public static T.InputFileBig UploadBig(WorldHarness h, TestSession session, byte[] bytes, long fileId, string name = "big.bin", int partSize = 512 * 1024)
    {
        var total = (bytes.Length + partSize - 1) / partSize;
        for (var part = 0; part < total; part++)
        {
            var at = part * partSize;
            Assert.True(h.Call(session, new TF.Upload.SaveBigFilePart { FileId = fileId, FilePart = part, FileTotalParts = total, Bytes = bytes[at..Math.Min(bytes.Length, at + partSize)] }));
        }
        return new T.InputFileBig { Id = fileId, Parts = total, Name = name };
    }

    /// <summary>Downloads a whole file in chunks of <paramref name="chunk"/> bytes (a power of two from 4 KiB to 1 MiB).</summary>
    public static byte[] Download(WorldHarness h, TestSession session, InputFileLocation location, int chunk = 128 * 1024)
    {
        using var output = new MemoryStream();
        for (long offset = 0; ; offset += chunk)
        {
            var file = Assert.IsType<T.Upload.File>(h.Call(session, new TF.Upload.GetFile { Location = location, Offset = offset, Limit = chunk }));
            output.Write(file.Bytes);
            if (file.Bytes.Length < chunk)
                return output.ToArray();
        }
    }

    /// <summary>The location of a photo's (only) size, as its viewer got it.</summary>
    public static T.InputPhotoFileLocation Location(T.Photo photo) => new()
    {
        Id = photo.Id,
        AccessHash = photo.AccessHash,
        FileReference = photo.FileReference,
        ThumbSize = Assert.IsType<T.PhotoSize>(Assert.Single(photo.Sizes)).Type,
    };

    /// <summary>The location of a document, as its viewer got it.</summary>
    public static T.InputDocumentFileLocation Location(T.Document document) => new()
    {
        Id = document.Id,
        AccessHash = document.AccessHash,
        FileReference = document.FileReference,
        ThumbSize = "",
    };

    /// <summary>The new messages of an updates answer or push, in order.</summary>
    public static T.Message[] NewMessages(UpdatesBase updates) =>
        [.. Assert.IsType<T.UpdatesConstructor>(updates).Updates.Select(u => u switch
        {
            T.UpdateNewMessage n => n.Message,
            T.UpdateNewChannelMessage c => c.Message,
            _ => null,
        }).OfType<T.Message>()];
}
