using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>Facts about Telegram's photo sizes: how many bytes each stands for, its dimensions, and the contents of the
/// sizes Telegram sends inline (cached and stripped thumbnails) rather than through upload.getFile.</summary>
internal static class PhotoSizes
{
    /// <summary>The JPEG header a stripped thumbnail omits (Telegram's documented constant; bytes 164 and 166 take the
    /// thumbnail's height and width).</summary>
    private static readonly byte[] StrippedHeader = Convert.FromHexString(
        "FFD8FFE000104A46494600010100000100010000FFDB004300281C1E231E19282321232D2B28303C64413C37373C7B585D4964918099968F808C8AA0B4E6C3A0AADAAD8A8CC8FFCBDAEEF5FFFFFF9BC1FFFFFFFAFFE6FDFFF8FFDB0043012B2D2D3C353C76414176F8A58CA5F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8F8FFC0001108001E002803012200021101031101FFC4001F0000010501010101010100000000000000000102030405060708090A0BFFC400B5100002010303020403050504040000017D01020300041105122131410613516107227114328191A1082342B1C11552D1F02433627282090A161718191A25262728292A3435363738393A434445464748494A535455565758595A636465666768696A737475767778797A838485868788898A92939495969798999AA2A3A4A5A6A7A8A9AAB2B3B4B5B6B7B8B9BAC2C3C4C5C6C7C8C9CAD2D3D4D5D6D7D8D9DAE1E2E3E4E5E6E7E8E9EAF1F2F3F4F5F6F7F8F9FAFFC4001F0100030101010101010101010000000000000102030405060708090A0BFFC400B51100020102040403040705040400010277000102031104052131061241510761711322328108144291A1B1C109233352F0156272D10A162434E125F11718191A262728292A35363738393A434445464748494A535455565758595A636465666768696A737475767778797A82838485868788898A92939495969798999AA2A3A4A5A6A7A8A9AAB2B3B4B5B6B7B8B9BAC2C3C4C5C6C7C8C9CAD2D3D4D5D6D7D8D9DAE2E3E4E5E6E7E8E9EAF2F3F4F5F6F7F8F9FAFFDA000C03010002110311003F00");

    private static readonly byte[] StrippedFooter = [0xFF, 0xD9];

    /// <summary>How many bytes the size stands for: the file size of a stored size, the largest scan of a progressive
    /// one, the inline bytes of the others (a stripped thumbnail counted as the JPEG it expands to).</summary>
    public static long ByteCount(TlAbcs.PhotoSize size) => size switch
    {
        TlTypes.PhotoSize s => s.Size,
        TlTypes.PhotoSizeProgressive p => Max(p.Sizes),
        TlTypes.PhotoCachedSize c => c.Bytes.Length,
        TlTypes.PhotoStrippedSize s => s.Bytes.Length < 3 ? 0 : StrippedHeader.Length + s.Bytes.Length - 3 + StrippedFooter.Length,
        TlTypes.PhotoPathSize p => p.Bytes.Length,
        _ => 0,
    };

    /// <summary>The width and height of the size, when it has them (a stripped thumbnail keeps them in its bytes).</summary>
    public static (int Width, int Height)? Dimensions(TlAbcs.PhotoSize size) => size switch
    {
        TlTypes.PhotoSize s => (s.W, s.H),
        TlTypes.PhotoSizeProgressive p => (p.W, p.H),
        TlTypes.PhotoCachedSize c => (c.W, c.H),
        TlTypes.PhotoStrippedSize { Bytes.Length: >= 3 } s => (s.Bytes[2], s.Bytes[1]),
        _ => null,
    };

    /// <summary>The size's type letter (what upload.getFile's thumb_size names).</summary>
    public static string TypeOf(TlAbcs.PhotoSize size) => size switch
    {
        TlTypes.PhotoSize s => s.Type,
        TlTypes.PhotoSizeProgressive p => p.Type,
        TlTypes.PhotoCachedSize c => c.Type,
        TlTypes.PhotoStrippedSize s => s.Type,
        TlTypes.PhotoPathSize p => p.Type,
        TlTypes.PhotoSizeEmpty e => e.Type,
        _ => "",
    };

    /// <summary>Whether the size can be fetched or read: not an empty size, nor a vector outline (photoPathSize, an SVG
    /// path, no image of its own).</summary>
    public static bool IsImage(TlAbcs.PhotoSize size) =>
        size is TlTypes.PhotoSize or TlTypes.PhotoSizeProgressive or TlTypes.PhotoCachedSize or TlTypes.PhotoStrippedSize { Bytes.Length: >= 3 };

    /// <summary>The contents of a size Telegram sends inline: a cached size's bytes, a stripped thumbnail expanded to the
    /// JPEG it stands for; null for sizes fetched with upload.getFile.</summary>
    public static byte[]? InlineBytes(TlAbcs.PhotoSize size)
    {
        switch (size)
        {
            case TlTypes.PhotoCachedSize c:
                return c.Bytes;
            case TlTypes.PhotoStrippedSize { Bytes.Length: >= 3 } s:
                var jpeg = new byte[StrippedHeader.Length + s.Bytes.Length - 3 + StrippedFooter.Length];
                StrippedHeader.CopyTo(jpeg, 0);
                // The SOF0 marker's height and width (one byte each: stripped thumbnails are at most 40 pixels).
                jpeg[164] = s.Bytes[1];
                jpeg[166] = s.Bytes[2];
                s.Bytes.AsSpan(3).CopyTo(jpeg.AsSpan(StrippedHeader.Length));
                StrippedFooter.CopyTo(jpeg, jpeg.Length - StrippedFooter.Length);
                return jpeg;
            default:
                return null;
        }
    }

    private static long Max(int[] values)
    {
        long max = 0;
        foreach (var v in values)
            max = Math.Max(max, v);
        return max;
    }
}
