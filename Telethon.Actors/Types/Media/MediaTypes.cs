using MimeTypes;

namespace Telethon.Model;

/// <summary>Mime types from file names and extensions from mime types (MediaTypeMap's table), with Telegram's own types
/// on top.</summary>
internal static class MediaTypes
{
    /// <summary>The mime type of files with no known type.</summary>
    public const string Unknown = "application/octet-stream";

    // Types Telegram uses that the general table lacks: animated stickers (gzipped Lottie) and Telegram's voice notes.
    private static readonly Dictionary<string, string> TelegramTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".tgs"] = "application/x-tgsticker",
    };

    private static readonly Dictionary<string, string> TelegramExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/x-tgsticker"] = ".tgs",
        // A voice note is Opus in Ogg; the general table says .oga, which players know less well.
        ["audio/ogg"] = ".ogg",
    };

    /// <summary>The mime type for a file name (by its extension, any case); <see cref="Unknown"/> when the extension is
    /// missing or not known.</summary>
    public static string MimeOf(string? name)
    {
        var ext = Path.GetExtension(name);
        if (string.IsNullOrEmpty(ext))
            return Unknown;
        if (TelegramTypes.TryGetValue(ext, out var telegram))
            return telegram;
        return MimeTypeMap.GetMimeType(ext.ToLowerInvariant());
    }

    /// <summary>The extension (with its dot) for a mime type; empty when none is known.</summary>
    public static string ExtensionOf(string? mimeType)
    {
        if (string.IsNullOrEmpty(mimeType))
            return "";
        var type = mimeType.Split(';', 2)[0].Trim();
        if (TelegramExtensions.TryGetValue(type, out var telegram))
            return telegram;
        return MimeTypeMap.GetExtension(type.ToLowerInvariant(), false);
    }
}
