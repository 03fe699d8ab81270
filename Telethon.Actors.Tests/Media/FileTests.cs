using MetadataExtractor;
using MetadataExtractor.Formats.Jpeg;
using Telethon.Model;
using Telethon.Tests.Events;
using File = Telethon.Model.File;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Media;

/// <summary>The <see cref="File"/> of Telegram's photos and documents: Telegram's rules for sizes (the largest by bytes is
/// the photo, the others its thumbnails, a stripped size expands to a JPEG) and attributes (core.telegram.org/api/files).</summary>
public sealed class FileTests
{
    [Fact]
    public void A_photo_is_its_largest_size_by_bytes_and_the_other_images_are_its_thumbnails()
    {
        var file = File.FromPhoto(TlMedia.Photo(), null, null)!;

        Assert.Equal(90_000, file.Size);
        Assert.Equal(1280, file.Width);
        Assert.Equal(960, file.Height);
        Assert.Equal("image/jpeg", file.MimeType);
        Assert.Null(file.Name);
        Assert.Equal(".jpg", file.Ext);
        Assert.Null(file.Duration);
        var location = Assert.IsType<TlTypes.InputPhotoFileLocation>(file.Location);
        Assert.Equal((500L, 501L, "y"), (location.Id, location.AccessHash, location.ThumbSize));
        Assert.Equal(TlMedia.Reference, location.FileReference);
        Assert.Equal(4, file.DcId);
        var resend = Assert.IsType<TlTypes.InputMediaPhoto>(file.InputMedia);
        Assert.Equal(500, Assert.IsType<TlTypes.InputPhoto>(resend.Id).Id);

        // The path size (an outline, no image) is not a thumbnail.
        var thumbs = file.Thumbnails;
        Assert.Equal(["i", "s", "m"], thumbs.Select(t => ((TlTypes.InputPhotoFileLocation)t.Location).ThumbSize));
        Assert.Equal([(40, 30), (90, 67), (320, 240)], thumbs.Select(t => (t.Width!.Value, t.Height!.Value)));
        Assert.Equal(12_000, thumbs[2].Size);
        Assert.All(thumbs, t => Assert.Empty(t.Thumbnails));
    }

    [Fact]
    public void A_stripped_thumbnail_is_the_jpeg_Telegram_documents_and_is_read_without_a_download()
    {
        var stripped = File.FromPhoto(TlMedia.Photo(), null, null)!.Thumbnails[0];
        var jpeg = stripped.InlineBytes!;

        Assert.Equal(stripped.Size, jpeg.Length);
        Assert.Equal([0xFF, 0xD8], jpeg[..2]);
        Assert.Equal([0xAA, 0xBB, 0xFF, 0xD9], jpeg[^4..]);
        // Its SOF0 marker holds the height and width the thumbnail's bytes give.
        var directory = ImageMetadataReader.ReadMetadata(new MemoryStream(jpeg)).OfType<JpegDirectory>().Single();
        Assert.Equal(40, directory.GetInt32(JpegDirectory.TagImageWidth));
        Assert.Equal(30, directory.GetInt32(JpegDirectory.TagImageHeight));
    }

    [Fact]
    public void A_photo_without_an_image_size_has_no_file()
    {
        var photo = TlMedia.Photo();
        photo.Sizes = [new TlTypes.PhotoSizeEmpty { Type = "s" }, new TlTypes.PhotoPathSize { Type = "j", Bytes = [1] }];
        Assert.Null(File.FromPhoto(photo, null, null));
    }

    [Fact]
    public void A_document_keeps_its_name_type_size_and_attributes()
    {
        var document = TlMedia.Document("video/mp4", 3_000_000,
            new TlTypes.DocumentAttributeVideo { Duration = 12.5, W = 1920, H = 1080, SupportsStreaming = true, Nosound = true },
            new TlTypes.DocumentAttributeFilename { FileName = "clip.MP4" });
        var file = File.FromDocument(document, null, null);

        Assert.Equal("clip.MP4", file.Name);
        Assert.Equal(".MP4", file.Ext);
        Assert.Equal("video/mp4", file.MimeType);
        Assert.Equal(3_000_000, file.Size);
        Assert.Equal((1920, 1080), (file.Width, file.Height));
        Assert.Equal(TimeSpan.FromSeconds(12.5), file.Duration);
        Assert.True(file.IsMuted);
        Assert.False(file.IsRound);
        var location = Assert.IsType<TlTypes.InputDocumentFileLocation>(file.Location);
        Assert.Equal((700L, 701L, ""), (location.Id, location.AccessHash, location.ThumbSize));
        Assert.Equal(2, file.DcId);
        Assert.Equal(700, Assert.IsType<TlTypes.InputDocument>(Assert.IsType<TlTypes.InputMediaDocument>(file.InputMedia).Id).Id);

        var thumb = Assert.Single(file.Thumbnails);
        Assert.Equal((320, 180, 9_000L), (thumb.Width!.Value, thumb.Height!.Value, thumb.Size));
        var thumbLocation = Assert.IsType<TlTypes.InputDocumentFileLocation>(thumb.Location);
        Assert.Equal((700L, "m"), (thumbLocation.Id, thumbLocation.ThumbSize));
    }

    [Fact]
    public void Without_a_name_the_extension_comes_from_the_mime_type_and_is_empty_when_unknown()
    {
        Assert.Equal(".mp3", File.FromDocument(TlMedia.Document("audio/mpeg", 1), null, null).Ext);
        Assert.Equal(".tgs", File.FromDocument(TlMedia.Document("application/x-tgsticker", 1), null, null).Ext);
        Assert.Equal("", File.FromDocument(TlMedia.Document("application/x-unknown-to-all", 1), null, null).Ext);
        Assert.Null(File.FromDocument(TlMedia.Document("audio/mpeg", 1), null, null).Name);
    }

    [Fact]
    public void An_audio_document_tells_its_duration_title_performer_and_voice()
    {
        var file = File.FromDocument(TlMedia.Document("audio/ogg", 5_000,
            new TlTypes.DocumentAttributeAudio { Voice = true, Duration = 7, Title = "T", Performer = "P" }), null, null);

        Assert.Equal(TimeSpan.FromSeconds(7), file.Duration);
        Assert.Equal(("T", "P", true), (file.Title, file.Performer, file.IsVoice));
        Assert.Null(file.Width);
    }

    [Fact]
    public void A_file_built_by_hand_cannot_download()
    {
        var file = File.FromPhoto(TlMedia.Photo(), null, null)!;
        Assert.Throws<InvalidOperationException>(() => file.DownloadAsync(Stream.Null).GetAwaiter().GetResult());
    }

    [Fact]
    public void A_message_tells_its_file_photo_audio_and_video_apart()
    {
        var context = new FakeEventContext();
        var chat = new User { Id = 7 };
        Message Of(Telethon.Tl.Abcs.MessageMedia? media) => new(TlMedia.MessageWith(media), chat, chat, context);

        var photo = Of(new TlTypes.MessageMediaPhoto { Photo = TlMedia.Photo() });
        Assert.NotNull(photo.File);
        Assert.NotNull(photo.Photo);
        Assert.Null(photo.Audio);
        Assert.Null(photo.Video);

        var audio = Of(new TlTypes.MessageMediaDocument { Document = TlMedia.Document("audio/mpeg", 10, new TlTypes.DocumentAttributeAudio { Duration = 3 }) });
        Assert.NotNull(audio.File);
        Assert.Null(audio.Photo);
        Assert.NotNull(audio.Audio);
        Assert.Null(audio.Video);

        var video = Of(new TlTypes.MessageMediaDocument { Document = TlMedia.Document("video/mp4", 10, new TlTypes.DocumentAttributeVideo { Duration = 3, W = 2, H = 2 }) });
        Assert.Null(video.Photo);
        Assert.Null(video.Audio);
        Assert.NotNull(video.Video);

        // An image sent as a file is a document, not a photo.
        var image = Of(new TlTypes.MessageMediaDocument { Document = TlMedia.Document("image/png", 10, new TlTypes.DocumentAttributeImageSize { W = 5, H = 6 }) });
        Assert.NotNull(image.File);
        Assert.Null(image.Photo);
        Assert.Equal((5, 6), (image.File!.Width, image.File.Height));

        // A link preview's photo is the message's file and photo (Telethon's rule).
        var preview = Of(new TlTypes.MessageMediaWebPage
        {
            Webpage = new TlTypes.WebPage { Id = 1, Url = "https://example.org", DisplayUrl = "example.org", Hash = 0, Photo = TlMedia.Photo() },
        });
        Assert.NotNull(preview.File);
        Assert.NotNull(preview.Photo);

        Assert.Null(Of(null).File);
        Assert.Null(Of(new TlTypes.MessageMediaGeo { Geo = new TlTypes.GeoPointEmpty() }).File);
        Assert.Null(Of(new TlTypes.MessageMediaDocument()).File);
    }
}
