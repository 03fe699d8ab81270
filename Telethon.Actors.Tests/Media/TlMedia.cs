using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Media;

/// <summary>TL photos and documents as Telegram sends them, for the media tests.</summary>
internal static class TlMedia
{
    public static readonly byte[] Reference = [1, 2, 3, 4];

    /// <summary>A photo as Telegram stores an upload: a stripped thumbnail, small sizes, and a progressive largest
    /// size, on DC 4.</summary>
    public static TlTypes.Photo Photo(long id = 500) => new()
    {
        Id = id,
        AccessHash = 501,
        FileReference = Reference,
        Date = 1_700_000_000,
        DcId = 4,
        Sizes =
        [
            new TlTypes.PhotoStrippedSize { Type = "i", Bytes = [0x01, 30, 40, 0xAA, 0xBB] },
            new TlTypes.PhotoSize { Type = "s", W = 90, H = 67, Size = 1_500 },
            new TlTypes.PhotoSize { Type = "m", W = 320, H = 240, Size = 12_000 },
            new TlTypes.PhotoSizeProgressive { Type = "y", W = 1280, H = 960, Sizes = [10_000, 40_000, 90_000] },
            new TlTypes.PhotoPathSize { Type = "j", Bytes = [9, 9] },
        ],
    };

    public static TlTypes.Document Document(string mime, long size, params TlAbcs.DocumentAttribute[] attributes) => new()
    {
        Id = 700,
        AccessHash = 701,
        FileReference = Reference,
        Date = 1_700_000_000,
        MimeType = mime,
        Size = size,
        DcId = 2,
        Attributes = attributes,
        Thumbs = [new TlTypes.PhotoSize { Type = "m", W = 320, H = 180, Size = 9_000 }],
    };

    public static TlTypes.Message MessageWith(TlAbcs.MessageMedia? media, int id = 10) => new()
    {
        Id = id,
        MessageValue = "caption",
        PeerId = new TlTypes.PeerUser { UserId = 7 },
        FromId = new TlTypes.PeerUser { UserId = 7 },
        Date = 1_700_000_000,
        Media = media,
    };
}
