using Telethon.Model;

namespace Telethon.Tests.Media;

/// <summary>Mime types from names and extensions from mime types, against the IANA registrations.</summary>
public sealed class MediaTypesTests
{
    [Theory]
    [InlineData("photo.jpg", "image/jpeg")]
    [InlineData("photo.JPEG", "image/jpeg")]
    [InlineData("a.png", "image/png")]
    [InlineData("song.mp3", "audio/mpeg")]
    [InlineData("voice.ogg", "audio/ogg")]
    [InlineData("clip.mp4", "video/mp4")]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("sticker.tgs", "application/x-tgsticker")]
    [InlineData("archive.unknownext", "application/octet-stream")]
    [InlineData("README", "application/octet-stream")]
    [InlineData("", "application/octet-stream")]
    public void The_mime_type_follows_the_extension(string name, string mime) => Assert.Equal(mime, MediaTypes.MimeOf(name));

    [Theory]
    [InlineData("image/jpeg", ".jpg")]
    [InlineData("image/png", ".png")]
    [InlineData("audio/mpeg", ".mp3")]
    [InlineData("audio/ogg", ".ogg")]
    [InlineData("video/mp4", ".mp4")]
    [InlineData("VIDEO/MP4; codecs=avc1", ".mp4")]
    [InlineData("application/x-not-a-type", "")]
    [InlineData("", "")]
    public void The_extension_follows_the_mime_type(string mime, string ext) => Assert.Equal(ext, MediaTypes.ExtensionOf(mime));
}
