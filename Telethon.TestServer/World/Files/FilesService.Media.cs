using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class FilesService
{
    /// <summary>The largest sum of a photo's width and height.</summary>
    public const int PhotoMaxDimensionSum = 10_000;

    /// <summary>The largest ratio of a photo's longer side to its shorter one.</summary>
    public const int PhotoMaxRatio = 20;

    /// <summary>
    /// The stored media an InputMedia names, for <paramref name="caller"/> to send: uploaded photos and
    /// documents become new stored files (on <see cref="WorldOptions.FileDc"/> or the caller's DC);
    /// inputMediaPhoto / inputMediaDocument name stored ones with the caller's own access hash
    /// (MEDIA_INVALID otherwise) and a current file reference of the caller's (FILE_REFERENCE_EXPIRED otherwise).
    /// </summary>
    /// <param name="caller">Who sends.</param>
    /// <param name="media">The media.</param>
    /// <param name="uploadedAllowed">False where Telegram wants media uploaded first (albums: MEDIA_INVALID).</param>
    public StoredMedia ResolveMedia(Caller caller, InputMedia? media, bool uploadedAllowed = true)
    {
        using (_gate.Enter())
        {
            switch (media)
            {
                case null or T.InputMediaEmpty:
                    throw WorldErrors.Bad("MEDIA_EMPTY");
                case T.InputMediaUploadedPhoto photo:
                    if (!uploadedAllowed)
                        throw WorldErrors.Bad("MEDIA_INVALID");
                    return new StoredMedia(MakePhotoLocked(caller, photo.File), null, photo.Spoiler, photo.TtlSeconds);
                case T.InputMediaUploadedDocument document:
                    if (!uploadedAllowed)
                        throw WorldErrors.Bad("MEDIA_INVALID");
                    return new StoredMedia(null, MakeDocumentLocked(caller, document), document.Spoiler, document.TtlSeconds);
                case T.InputMediaPhoto { Id: T.InputPhoto input } photo:
                    if (!_photos.TryGetValue(input.Id, out var stored) || input.AccessHash != Keys.AccessHash(caller.UserId, stored.Id))
                        throw WorldErrors.Bad("MEDIA_INVALID");
                    CheckReference(input.FileReference, caller.UserId, stored.Id);
                    return new StoredMedia(stored, null, photo.Spoiler, photo.TtlSeconds);
                case T.InputMediaPhoto:
                    throw WorldErrors.Bad("MEDIA_EMPTY");
                case T.InputMediaDocument { Id: T.InputDocument input } document:
                    if (!_documents.TryGetValue(input.Id, out var known) || input.AccessHash != Keys.AccessHash(caller.UserId, known.Id))
                        throw WorldErrors.Bad("MEDIA_INVALID");
                    CheckReference(input.FileReference, caller.UserId, known.Id);
                    return new StoredMedia(null, known, document.Spoiler, document.TtlSeconds);
                case T.InputMediaDocument:
                    throw WorldErrors.Bad("MEDIA_EMPTY");
                default:
                    throw WorldErrors.Bad(Rpc.RpcDispatcher.NotImplemented);
            }
        }
    }

    /// <summary>messages.uploadMedia: stores the media without sending it and answers it as the caller sees it (the peer must be one the caller can name).</summary>
    public MessageMedia UploadMedia(Caller caller, FM.UploadMedia request)
    {
        _world.Peers.ResolvePeer(caller.UserId, request.Peer);
        return ResolveMedia(caller, request.Media).View(caller.UserId);
    }

    private void CheckReference(byte[]? reference, long viewerId, long fileId)
    {
        if (!Keys.IsCurrent(reference, viewerId, fileId))
            throw WorldErrors.Bad("FILE_REFERENCE_EXPIRED");
    }

    /// <summary>
    /// A new stored photo from an uploaded file: at most 10 MiB (PHOTO_SAVE_FILE_INVALID), an image MetadataExtractor
    /// reads (IMAGE_PROCESS_FAILED), of sane dimensions (PHOTO_INVALID_DIMENSIONS). The original is its one size.
    /// </summary>
    private StoredPhoto MakePhotoLocked(Caller caller, InputFile? file, int minSide = 1)
    {
        var (assembled, _) = AssembleLocked(caller.UserId, file);
        if (assembled.Size > SmallFileMax)
            throw WorldErrors.Bad("PHOTO_SAVE_FILE_INVALID");
        var probe = ImageProbe.Read(ReadAll(assembled.Blob, assembled.Size)) ?? throw WorldErrors.Bad("IMAGE_PROCESS_FAILED");
        var (longer, shorter) = (Math.Max(probe.Width, probe.Height), Math.Min(probe.Width, probe.Height));
        if (probe.Width + probe.Height > PhotoMaxDimensionSum || longer > (long)shorter * PhotoMaxRatio)
            throw WorldErrors.Bad("PHOTO_INVALID_DIMENSIONS");
        if (shorter < minSide)
            throw WorldErrors.Bad("PHOTO_CROP_SIZE_SMALL");
        var original = new StoredImage(StoredImage.TypeFor(longer), probe.Width, probe.Height, assembled.Blob, (int)assembled.Size, probe.MimeType);
        var photo = new StoredPhoto(NextId(), FileDcFor(caller), Now, original, Keys);
        _photos[photo.Id] = photo;
        return photo;
    }

    /// <summary>
    /// A new stored document from an uploaded file: the client's mime type (application/octet-stream when empty)
    /// and attributes, a documentAttributeFilename from the file's name when the client sent none, and the
    /// thumbnail when one was sent and is an image.
    /// </summary>
    private StoredDocument MakeDocumentLocked(Caller caller, T.InputMediaUploadedDocument media)
    {
        var (assembled, name) = AssembleLocked(caller.UserId, media.File);
        var attributes = new List<DocumentAttribute>(media.Attributes ?? []);
        if (!attributes.Any(a => a is T.DocumentAttributeFilename) && !string.IsNullOrEmpty(name))
            attributes.Add(new T.DocumentAttributeFilename { FileName = name });
        StoredImage? thumb = null;
        if (media.Thumb is { } thumbFile)
        {
            var (thumbBlob, _) = AssembleLocked(caller.UserId, thumbFile);
            if (thumbBlob.Size <= SmallFileMax && ImageProbe.Read(ReadAll(thumbBlob.Blob, thumbBlob.Size)) is { } probe)
                thumb = new StoredImage(StoredImage.TypeFor(Math.Max(probe.Width, probe.Height)), probe.Width, probe.Height, thumbBlob.Blob, (int)thumbBlob.Size, probe.MimeType);
        }
        var mime = string.IsNullOrWhiteSpace(media.MimeType) ? "application/octet-stream" : media.MimeType.Trim();
        var document = new StoredDocument(NextId(), FileDcFor(caller), Now, assembled.Blob, assembled.Size, mime, [.. attributes], thumb, Keys);
        _documents[document.Id] = document;
        return document;
    }
}
