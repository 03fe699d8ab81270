using System.Buffers;
using Telethon.TestServer.Rpc;
using Telethon.Tl.Abcs;
using FU = Telethon.Tl.Functions.Upload;
using T = Telethon.Tl.Types;
using TS = Telethon.Tl.Types.Storage;

namespace Telethon.TestServer.World;

internal sealed partial class FilesService
{
    /// <summary>The largest chunk one upload.getFile returns.</summary>
    public const int MaxChunk = 1024 * 1024;

    /// <summary>
    /// upload.getFile: a chunk of a photo size, a document (or its thumbnail) or a profile photo, by
    /// Telegram's offset / limit rules (LIMIT_INVALID, OFFSET_INVALID). The location must carry the
    /// caller's own access hash (LOCATION_INVALID) and a current file reference of the caller's
    /// (FILE_REFERENCE_EXPIRED); a file on another DC answers 303 FILE_MIGRATE_X. Past the end the chunk is
    /// empty. The type is the file's format for a chunk from offset 0 (fileJpeg, filePng, ..., fileUnknown)
    /// and storage.filePartial for later chunks.
    /// </summary>
    public Tl.Abcs.Upload.File GetFile(Caller caller, FU.GetFile request) => ReadChunk(caller, request, rent: false).File;

    /// <summary>
    /// upload.getFile as the network serves it: as <see cref="GetFile"/>, with a large chunk's bytes in an array rented
    /// from the shared pool and given back once the answer is written (a <see cref="LentResult"/>): a fresh
    /// megabyte array per chunk costs more than encrypting it.
    /// </summary>
    public object ServeFile(Caller caller, FU.GetFile request)
    {
        var (file, rented) = ReadChunk(caller, request, rent: true);
        return rented is null ? file : new LentResult(file, () => ArrayPool<byte>.Shared.Return(rented));
    }

    private (T.Upload.File File, byte[]? Rented) ReadChunk(Caller caller, FU.GetFile request, bool rent)
    {
        var (offset, limit) = (request.Offset, request.Limit);
        CheckRange(offset, limit, request.Precise);
        // A profile photo is named through its owner: resolve the peer before the lock (peers rank above files).
        long? photoOwner = request.Location is T.InputPeerPhotoFileLocation peerPhoto ? ProfileOwner(caller.UserId, peerPhoto.Peer) : null;
        string blob;
        long size;
        int mtime;
        string mime;
        using (_gate.Enter())
        {
            (blob, size, mtime, mime) = LocateLocked(caller, request.Location, photoOwner);
        }
        var count = offset >= size ? 0 : (int)Math.Min(limit, size - offset);
        byte[]? rented = null;
        if (rent && count >= PooledChunkSize)
        {
            // The TL field is the whole array, so only a chunk the size of a pool bucket (a power of two) can be rented.
            rented = ArrayPool<byte>.Shared.Rent(count);
            if (rented.Length != count)
            {
                ArrayPool<byte>.Shared.Return(rented);
                rented = null;
            }
        }
        var bytes = rented ?? new byte[count];
        if (count > 0)
            _store.Read(blob, offset, bytes);
        return (new T.Upload.File { Type = offset == 0 ? FileType(mime) : new TS.FilePartial(), Mtime = mtime, Bytes = bytes }, rented);
    }

    // Chunks from this size on would be large-object arrays.
    private const int PooledChunkSize = 84 * 1024;

    /// <summary>Telegram's download rules (core.telegram.org/api/files#downloading-files).</summary>
    public static void CheckRange(long offset, int limit, bool precise)
    {
        if (offset < 0)
            throw WorldErrors.Bad("OFFSET_INVALID");
        if (limit <= 0 || limit > MaxChunk)
            throw WorldErrors.Bad("LIMIT_INVALID");
        var unit = precise ? 1024 : 4096;
        if (offset % unit != 0)
            throw WorldErrors.Bad("OFFSET_INVALID");
        if (limit % unit != 0 || (!precise && MaxChunk % limit != 0))
            throw WorldErrors.Bad("LIMIT_INVALID");
        if (offset % MaxChunk + limit > MaxChunk) // offset / 1 MiB == (offset + limit - 1) / 1 MiB, without overflow
            throw WorldErrors.Bad("LIMIT_INVALID");
    }

    private (string Blob, long Size, int Mtime, string Mime) LocateLocked(Caller caller, InputFileLocation? location, long? photoOwner)
    {
        var viewerId = caller.UserId;
        switch (location)
        {
            case T.InputPhotoFileLocation p:
            {
                if (!_photos.TryGetValue(p.Id, out var photo) || p.AccessHash != Keys.AccessHash(viewerId, photo.Id))
                    throw WorldErrors.Bad("LOCATION_INVALID");
                CheckDc(caller, photo.DcId);
                CheckReference(p.FileReference, viewerId, photo.Id);
                if (p.ThumbSize != photo.Original.Type)
                    throw WorldErrors.Bad("LOCATION_INVALID");
                return (photo.Original.Blob, photo.Original.Size, photo.Date, photo.Original.MimeType);
            }
            case T.InputDocumentFileLocation d:
            {
                if (!_documents.TryGetValue(d.Id, out var document) || d.AccessHash != Keys.AccessHash(viewerId, document.Id))
                    throw WorldErrors.Bad("LOCATION_INVALID");
                CheckDc(caller, document.DcId);
                CheckReference(d.FileReference, viewerId, document.Id);
                if (string.IsNullOrEmpty(d.ThumbSize))
                    return (document.Blob, document.Size, document.Date, document.MimeType);
                if (document.Thumb is { } thumb && d.ThumbSize == thumb.Type)
                    return (thumb.Blob, thumb.Size, document.Date, thumb.MimeType);
                throw WorldErrors.Bad("LOCATION_INVALID");
            }
            case T.InputPeerPhotoFileLocation p:
            {
                if (photoOwner is not { } owner || !_profilePhotos.TryGetValue(owner, out var list) || !list.Contains(p.PhotoId))
                    throw WorldErrors.Bad("LOCATION_INVALID");
                var photo = _photos[p.PhotoId];
                CheckDc(caller, photo.DcId);
                return (photo.Original.Blob, photo.Original.Size, photo.Date, photo.Original.MimeType);
            }
            default:
                throw WorldErrors.Bad("LOCATION_INVALID");
        }
    }

    private static void CheckDc(Caller caller, int dcId)
    {
        if (caller.Session.DcId != dcId)
            throw WorldErrors.Migrate("FILE", dcId);
    }

    /// <summary>The user whose profile photo an inputPeerPhotoFileLocation names (only users have profile photos here).</summary>
    private long ProfileOwner(long viewerId, InputPeer? peer)
    {
        var key = _world.Peers.ResolvePeer(viewerId, peer);
        return key.Kind == PeerKind.User ? key.Id : throw WorldErrors.Bad("LOCATION_INVALID");
    }

    /// <summary>storage.FileType of a file's mime type.</summary>
    public static Tl.Abcs.Storage.FileType FileType(string mime) => mime switch
    {
        "image/jpeg" => new TS.FileJpeg(),
        "image/png" => new TS.FilePng(),
        "image/gif" => new TS.FileGif(),
        "image/webp" => new TS.FileWebp(),
        "application/pdf" => new TS.FilePdf(),
        "audio/mpeg" or "audio/mp3" => new TS.FileMp3(),
        "video/quicktime" => new TS.FileMov(),
        "video/mp4" => new TS.FileMp4(),
        _ => new TS.FileUnknown(),
    };
}
