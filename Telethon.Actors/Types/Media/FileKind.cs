namespace Telethon.Model;

/// <summary>What a <see cref="File"/> is: a photo, a document, or a thumbnail of either.</summary>
internal enum FileKind
{
    /// <summary>A photo (Telegram compressed it), at its largest size.</summary>
    Photo,

    /// <summary>A document: any file sent as it is.</summary>
    Document,

    /// <summary>A smaller size of a photo, or a thumbnail of a document.</summary>
    Thumbnail,
}
