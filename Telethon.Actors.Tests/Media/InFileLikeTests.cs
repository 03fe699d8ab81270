using Telethon.Model;
using File = Telethon.Model.File;

namespace Telethon.Tests.Media;

public sealed class InFileLikeTests
{
    [Fact]
    public void Strings_are_paths_unless_they_are_http_urls()
    {
        InFileLike path = "photos/cat.jpg";
        InFileLike url = "HTTPS://example.org/cat.jpg";
        Assert.Equal("photos/cat.jpg", path.Path);
        Assert.Null(path.Url);
        Assert.Equal("HTTPS://example.org/cat.jpg", url.Url);
        Assert.Null(url.Path);
        Assert.Equal("http-notes.txt", InFileLike.FromString("http-notes.txt").Path);
        Assert.Throws<ArgumentException>(() => InFileLike.FromUrl("ftp://example.org/a"));
        Assert.Throws<ArgumentException>(() => InFileLike.FromString(" "));
    }

    [Fact]
    public void Streams_bytes_and_files_convert_and_the_default_is_empty()
    {
        using var stream = new MemoryStream([1, 2]);
        InFileLike fromStream = stream;
        InFileLike fromBytes = new byte[] { 1, 2, 3 };
        InFileLike fromFile = File.FromPhoto(TlMedia.Photo(), null, null)!;

        Assert.Same(stream, fromStream.Stream);
        Assert.Equal(3, fromBytes.Bytes!.Value.Length);
        Assert.NotNull(fromFile.File);
        Assert.True(default(InFileLike).IsEmpty);
        Assert.False(fromBytes.IsEmpty);
    }
}
