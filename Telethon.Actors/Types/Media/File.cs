using System.Globalization;
using Telethon.Events;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>
/// A file sent to Telegram that can be downloaded (Telethon's <c>File</c>): a photo (its largest size), a document
/// (any other file: audio, video, stickers...) or one of their thumbnails. Get one from <see cref="Message.File"/>,
/// <see cref="Message.Photo"/>, <see cref="Message.Audio"/>, <see cref="Message.Video"/> or
/// <see cref="Client.GetProfilePhotosAsync"/>; pass one to <see cref="Client.SendFileAsync"/> to send it again without
/// uploading it.
/// </summary>
public sealed class File
{
    private readonly IReadOnlyList<TlAbcs.DocumentAttribute> _attributes;
    private readonly TlAbcs.PhotoSize? _size;
    private readonly TlAbcs.PhotoSize[] _thumbs;
    private readonly Client? _client;
    private readonly IEventContext? _context;

    private File(FileKind kind, long id, long accessHash, byte[] fileReference, int dcId, string mimeType, long size,
        IReadOnlyList<TlAbcs.DocumentAttribute> attributes, TlAbcs.PhotoSize? photoSize, TlAbcs.PhotoSize[] thumbs,
        TlAbcs.InputMedia inputMedia, Client? client, IEventContext? context)
    {
        Kind = kind;
        Id = id;
        AccessHash = accessHash;
        FileReference = fileReference;
        DcId = dcId;
        MimeType = mimeType;
        Size = size;
        _attributes = attributes;
        _size = photoSize;
        _thumbs = thumbs;
        InputMedia = inputMedia;
        _client = client;
        _context = context;
    }

    /// <summary>The file name, when known (documents sent with one; photos have none).</summary>
    public string? Name
    {
        get
        {
            foreach (var attribute in _attributes)
            {
                if (attribute is TlTypes.DocumentAttributeFilename f)
                    return f.FileName;
            }
            return null;
        }
    }

    /// <summary>The file extension with its leading dot, from <see cref="Name"/> or else from <see cref="MimeType"/>; empty
    /// when neither tells, so it is always safe to append to a file name.</summary>
    public string Ext => Name is { } name && Path.GetExtension(name) is { Length: > 0 } ext
        ? ext
        : MediaTypes.ExtensionOf(MimeType);

    /// <summary>The size in bytes (for a photo or thumbnail, of the size a download gives).</summary>
    public long Size { get; }

    /// <summary>The mime type (image/jpeg for photos and their thumbnails).</summary>
    public string MimeType { get; }

    /// <summary>The width of the image or video, in pixels, if known.</summary>
    public int? Width => Dimensions?.Width;

    /// <summary>The height of the image or video, in pixels, if known.</summary>
    public int? Height => Dimensions?.Height;

    /// <summary>How long the audio or video plays, if known.</summary>
    public TimeSpan? Duration
    {
        get
        {
            foreach (var attribute in _attributes)
            {
                switch (attribute)
                {
                    case TlTypes.DocumentAttributeVideo v:
                        return TimeSpan.FromSeconds(v.Duration);
                    case TlTypes.DocumentAttributeAudio a:
                        return TimeSpan.FromSeconds(a.Duration);
                }
            }
            return null;
        }
    }

    /// <summary>The title of the song, for audio files that have one.</summary>
    public string? Title => AudioAttribute?.Title;

    /// <summary>The performer of the song, for audio files that have one.</summary>
    public string? Performer => AudioAttribute?.Performer;

    /// <summary>Whether the audio is a voice note.</summary>
    public bool IsVoice => AudioAttribute?.Voice ?? false;

    /// <summary>Whether the video is a round video message.</summary>
    public bool IsRound => VideoAttribute?.RoundMessage ?? false;

    /// <summary>Whether the video has no sound (animations, muted videos).</summary>
    public bool IsMuted => VideoAttribute?.Nosound ?? false;

    /// <summary>The thumbnails: for photos the smaller sizes, for documents the thumbnails sent with them (empty for a
    /// thumbnail). Vector outlines (an SVG path, no image) are left out.</summary>
    public IReadOnlyList<File> Thumbnails
    {
        get
        {
            if (Kind == FileKind.Thumbnail)
                return [];
            var thumbnails = new List<File>(_thumbs.Length);
            foreach (var thumb in _thumbs)
            {
                if (!PhotoSizes.IsImage(thumb))
                    continue;
                thumbnails.Add(new File(FileKind.Thumbnail, Id, AccessHash, FileReference, DcId, "image/jpeg", PhotoSizes.ByteCount(thumb),
                    [], thumb, [], InputMedia, _client, _context) { ThumbnailOfPhoto = Kind == FileKind.Photo });
            }
            return thumbnails;
        }
    }

    /// <summary>Downloads the file to <paramref name="path"/> (<see cref="Client.DownloadAsync(File, string, IProgress{TransferProgress}?, CancellationToken)"/>);
    /// an existing file there is overwritten.</summary>
    /// <param name="path">Where to write it; the extension is not added (see <see cref="Ext"/>).</param>
    /// <param name="progress">Told of the bytes downloaded as parts arrive.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="InvalidOperationException">The file does not come from an account (it was built by hand).</exception>
    public Task DownloadAsync(string path, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Owner.DownloadAsync(this, path, progress, cancellationToken);

    /// <summary>Downloads the file into <paramref name="destination"/> (<see cref="Client.DownloadAsync(File, Stream, IProgress{TransferProgress}?, CancellationToken)"/>).</summary>
    /// <param name="destination">Where to write it, from its current position; it is not closed.</param>
    /// <param name="progress">Told of the bytes downloaded as parts arrive.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="InvalidOperationException">The file does not come from an account (it was built by hand).</exception>
    public Task DownloadAsync(Stream destination, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        Owner.DownloadAsync(this, destination, progress, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"File {{ {Kind}, Name = {Name ?? "none"}, MimeType = {MimeType}, Size = {Size}, Width = {Width?.ToString(CultureInfo.InvariantCulture) ?? "?"}, Height = {Height?.ToString(CultureInfo.InvariantCulture) ?? "?"} }}");

    /// <summary>What the file is.</summary>
    internal FileKind Kind { get; }

    /// <summary>The photo's or document's id.</summary>
    internal long Id { get; }

    /// <summary>The photo's or document's access hash, for the account that has it.</summary>
    internal long AccessHash { get; }

    /// <summary>The file reference a download and a re-send present.</summary>
    internal byte[] FileReference { get; }

    /// <summary>The DC the file lives on.</summary>
    internal int DcId { get; }

    /// <summary>For a thumbnail, whether it is a photo's (else a document's).</summary>
    internal bool ThumbnailOfPhoto { get; private init; }

    /// <summary>What sends the file again without uploading it (the photo or document it is, or belongs to).</summary>
    internal TlAbcs.InputMedia InputMedia { get; }

    /// <summary>The document's attributes, as Telegram sent them (empty for photos).</summary>
    internal IReadOnlyList<TlAbcs.DocumentAttribute> Attributes => _attributes;

    /// <summary>Whether the file is a photo (not a document, nor a thumbnail).</summary>
    internal bool IsPhoto => Kind == FileKind.Photo;

    /// <summary>The contents, for thumbnails Telegram sent inline (cached and stripped sizes); null for the rest.</summary>
    internal byte[]? InlineBytes => _size is null ? null : PhotoSizes.InlineBytes(_size);

    /// <summary>Where upload.getFile reads the file: the photo at its size, the document, or a thumbnail of either.</summary>
    internal TlAbcs.InputFileLocation Location => Kind switch
    {
        FileKind.Document => new TlTypes.InputDocumentFileLocation { Id = Id, AccessHash = AccessHash, FileReference = FileReference, ThumbSize = "" },
        FileKind.Photo => PhotoLocation(PhotoSizes.TypeOf(_size!)),
        _ when ThumbnailOfPhoto => PhotoLocation(PhotoSizes.TypeOf(_size!)),
        _ => new TlTypes.InputDocumentFileLocation { Id = Id, AccessHash = AccessHash, FileReference = FileReference, ThumbSize = PhotoSizes.TypeOf(_size!) },
    };

    private TlTypes.InputPhotoFileLocation PhotoLocation(string thumbSize) =>
        new() { Id = Id, AccessHash = AccessHash, FileReference = FileReference, ThumbSize = thumbSize };

    private TlTypes.DocumentAttributeAudio? AudioAttribute => Find<TlTypes.DocumentAttributeAudio>();

    private TlTypes.DocumentAttributeVideo? VideoAttribute => Find<TlTypes.DocumentAttributeVideo>();

    private (int Width, int Height)? Dimensions
    {
        get
        {
            if (_size is not null)
                return PhotoSizes.Dimensions(_size);
            foreach (var attribute in _attributes)
            {
                switch (attribute)
                {
                    case TlTypes.DocumentAttributeImageSize i:
                        return (i.W, i.H);
                    case TlTypes.DocumentAttributeVideo v:
                        return (v.W, v.H);
                }
            }
            return null;
        }
    }

    private Client Owner => _client ?? _context?.Client
        ?? throw new InvalidOperationException("This file was not received by an account, so there is nothing to download it through.");

    private T? Find<T>() where T : TlAbcs.DocumentAttribute
    {
        foreach (var attribute in _attributes)
        {
            if (attribute is T found)
                return found;
        }
        return null;
    }

    /// <summary>The file of a message's media: its photo, its document, or the photo or document of its link preview;
    /// null for other media (polls, venues, contacts...) and for photos and documents Telegram left empty.</summary>
    internal static File? FromMedia(TlAbcs.MessageMedia? media, Client? client, IEventContext? context) => media switch
    {
        TlTypes.MessageMediaPhoto { Photo: TlTypes.Photo photo } m => FromPhoto(photo, client, context, m.Spoiler, m.TtlSeconds),
        TlTypes.MessageMediaDocument { Document: TlTypes.Document document } m => FromDocument(document, client, context, m.Spoiler, m.TtlSeconds),
        TlTypes.MessageMediaWebPage { Webpage: TlTypes.WebPage { Document: TlTypes.Document document } } => FromDocument(document, client, context),
        TlTypes.MessageMediaWebPage { Webpage: TlTypes.WebPage { Photo: TlTypes.Photo photo } } => FromPhoto(photo, client, context),
        _ => null,
    };

    /// <summary>The file of a photo, at its largest size (by bytes); null when the photo has no size that is an image.</summary>
    internal static File? FromPhoto(TlTypes.Photo photo, Client? client, IEventContext? context, bool spoiler = false, int? ttlSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        TlAbcs.PhotoSize? largest = null;
        foreach (var size in photo.Sizes)
        {
            if (PhotoSizes.IsImage(size) && (largest is null || PhotoSizes.ByteCount(size) > PhotoSizes.ByteCount(largest)))
                largest = size;
        }
        if (largest is null)
            return null;
        var others = Array.FindAll(photo.Sizes, s => !ReferenceEquals(s, largest));
        var input = new TlTypes.InputMediaPhoto
        {
            Spoiler = spoiler,
            Id = new TlTypes.InputPhoto { Id = photo.Id, AccessHash = photo.AccessHash, FileReference = photo.FileReference },
            TtlSeconds = ttlSeconds,
        };
        return new File(FileKind.Photo, photo.Id, photo.AccessHash, photo.FileReference, photo.DcId, "image/jpeg",
            PhotoSizes.ByteCount(largest), [], largest, others, input, client, context);
    }

    /// <summary>The file of a document, with its attributes and thumbnails.</summary>
    internal static File FromDocument(TlTypes.Document document, Client? client, IEventContext? context, bool spoiler = false, int? ttlSeconds = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var input = new TlTypes.InputMediaDocument
        {
            Spoiler = spoiler,
            Id = new TlTypes.InputDocument { Id = document.Id, AccessHash = document.AccessHash, FileReference = document.FileReference },
            TtlSeconds = ttlSeconds,
        };
        return new File(FileKind.Document, document.Id, document.AccessHash, document.FileReference, document.DcId,
            document.MimeType, document.Size, document.Attributes, null, document.Thumbs ?? [], input, client, context);
    }
}
