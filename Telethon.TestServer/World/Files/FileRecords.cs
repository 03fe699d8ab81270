using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>One stored image: a photo size or a document's thumbnail.</summary>
/// <param name="Type">Telegram's size letter (s, m, x, y, w).</param>
/// <param name="Width">The width in pixels.</param>
/// <param name="Height">The height in pixels.</param>
/// <param name="Blob">The key of its bytes in the <see cref="FileStore"/>.</param>
/// <param name="Size">The byte size.</param>
/// <param name="MimeType">The detected image type.</param>
internal sealed record StoredImage(string Type, int Width, int Height, string Blob, int Size, string MimeType)
{
    /// <summary>Telegram's size letter of an image whose longer side is <paramref name="longer"/> pixels.</summary>
    public static string TypeFor(int longer) => longer switch
    {
        <= 100 => "s",
        <= 320 => "m",
        <= 800 => "x",
        <= 1280 => "y",
        _ => "w",
    };

    public T.PhotoSize View() => new() { Type = Type, W = Width, H = Height, Size = Size };
}

/// <summary>A stored photo: the original image as its one (largest) size. Immutable; its views depend on the viewer.</summary>
internal sealed record StoredPhoto(long Id, int DcId, int Date, StoredImage Original, FileKeys Keys)
{
    /// <summary>The photo as <paramref name="viewerId"/> sees it (its own access hash and file reference).</summary>
    public T.Photo View(long viewerId) => new()
    {
        Id = Id,
        AccessHash = Keys.AccessHash(viewerId, Id),
        FileReference = Keys.Reference(viewerId, Id),
        Date = Date,
        Sizes = [Original.View()],
        DcId = DcId,
    };
}

/// <summary>A stored document: the client's mime type and attributes (with the file name), and a thumbnail if one was sent. Immutable.</summary>
internal sealed record StoredDocument(long Id, int DcId, int Date, string Blob, long Size, string MimeType, DocumentAttribute[] Attributes, StoredImage? Thumb, FileKeys Keys)
{
    /// <summary>The document as <paramref name="viewerId"/> sees it (its own access hash and file reference).</summary>
    public T.Document View(long viewerId) => new()
    {
        Id = Id,
        AccessHash = Keys.AccessHash(viewerId, Id),
        FileReference = Keys.Reference(viewerId, Id),
        Date = Date,
        MimeType = MimeType,
        Size = Size,
        Thumbs = Thumb is null ? null : [Thumb.View()],
        DcId = DcId,
        Attributes = Attributes,
    };
}

/// <summary>The media of a stored message: a photo or a document, with the flags it was sent with. Immutable.</summary>
internal sealed record StoredMedia(StoredPhoto? Photo, StoredDocument? Document, bool Spoiler = false, int? TtlSeconds = null)
{
    /// <summary>Whether it is a photo or a video (they group together in albums; other documents only with their kind).</summary>
    public bool IsVisual => Photo is not null || Document?.Attributes.Any(a => a is T.DocumentAttributeVideo) == true;

    /// <summary>The message media as <paramref name="viewerId"/> sees it.</summary>
    public MessageMedia View(long viewerId)
    {
        if (Photo is { } photo)
            return new T.MessageMediaPhoto { Photo = photo.View(viewerId), Spoiler = Spoiler, TtlSeconds = TtlSeconds };
        var document = Document!;
        var video = document.Attributes.OfType<T.DocumentAttributeVideo>().FirstOrDefault();
        var audio = document.Attributes.OfType<T.DocumentAttributeAudio>().FirstOrDefault();
        return new T.MessageMediaDocument
        {
            Document = document.View(viewerId),
            Spoiler = Spoiler,
            TtlSeconds = TtlSeconds,
            Video = video is { RoundMessage: false },
            Round = video is { RoundMessage: true },
            Voice = audio is { Voice: true },
        };
    }
}
