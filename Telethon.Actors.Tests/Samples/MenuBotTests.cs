using System.IO.Compression;
using System.Text.Json;
using MetadataExtractor;
using MetadataExtractor.Formats.Png;
using Telethon.Samples.MenuBot;
using Xunit.Abstractions;

namespace Telethon.Tests.Samples;

/// <summary>
/// The MenuBot sample's scripted scenario, run in-process against its embedded test server: the JSON line it prints
/// must count every click answered, every page an edit, the inline results of its query, the photo downloaded whole
/// and the file's checksum coming back.
/// </summary>
public sealed class MenuBotTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_scripted_user_clicks_through_the_menu_queries_inline_gets_the_photo_and_sends_a_file()
    {
        using var log = new StringWriter();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var report = await MenuBotDemo.RunAsync(log, timeout.Token);
        var json = report.ToJson();
        output.WriteLine(log.ToString());
        output.WriteLine(json);

        using var line = JsonDocument.Parse(json);
        var root = line.RootElement;
        Assert.False(root.TryGetProperty("failed", out var failed), $"a step failed: {failed}");
        // Fruits, Apple, Back, Colours, Blue, Back, and the photo button: seven clicks, each answered; the four page
        // buttons each edit the menu message.
        Assert.Equal(7, root.GetProperty("clicks").GetInt32());
        Assert.Equal(7, root.GetProperty("callback_answers").GetInt32());
        Assert.Equal(4, root.GetProperty("edits").GetInt32());
        // "ap" is in Apple, Apricot and Grape.
        Assert.Equal(3, root.GetProperty("inline_results").GetInt32());
        Assert.True(root.GetProperty("inline_sent").GetBoolean());
        Assert.Equal(MenuBotHandlers.Photo.Length, root.GetProperty("photo_bytes").GetInt64());
        Assert.True(root.GetProperty("file_bytes").GetInt64() > 256 * 1024, "the file is larger than one part");
        Assert.True(root.GetProperty("file_roundtrip").GetBoolean());
        Assert.True(report.Succeeded);
    }

    [Fact]
    public void The_bots_photo_is_a_valid_png_of_its_size()
    {
        var png = SamplePng.Gradient(MenuBotHandlers.PhotoWidth, MenuBotHandlers.PhotoHeight);

        // Every PNG ends with the same IEND chunk, whose CRC-32 (over "IEND") is AE 42 60 82.
        Assert.Equal([0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82], png[^12..]);

        // MetadataExtractor reads the header.
        var header = ImageMetadataReader.ReadMetadata(new MemoryStream(png)).OfType<PngDirectory>().Single(d => d.Name == "PNG-IHDR");
        Assert.Equal(MenuBotHandlers.PhotoWidth, header.GetInt32(PngDirectory.TagImageWidth));
        Assert.Equal(MenuBotHandlers.PhotoHeight, header.GetInt32(PngDirectory.TagImageHeight));

        // The one IDAT chunk inflates to a filter byte and three bytes per pixel for each row.
        var idatLength = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT"u8.ToArray(), png[37..41]);
        using var pixels = new MemoryStream();
        using (var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress))
            zlib.CopyTo(pixels);
        Assert.Equal(MenuBotHandlers.PhotoHeight * (1 + (MenuBotHandlers.PhotoWidth * 3)), pixels.Length);
    }
}
