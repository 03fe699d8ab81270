using System.Security.Cryptography;
using Telethon.Tl.Abcs;
using FU = Telethon.Tl.Functions.Upload;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// Files: the parts each account uploads (upload.saveFilePart / saveBigFilePart), the files they make once
/// a method uses them, photos (with their sizes) and documents (with their attributes), profile photos, and
/// upload.getFile. The bytes live in a <see cref="FileStore"/> (memory up to a limit, or a folder); access
/// hashes and file references are per viewer (<see cref="FileKeys"/>). A leaf in the lock order (45): it
/// calls no other service under its lock; methods that resolve peers do so before taking it.
/// </summary>
/// <remarks>
/// Telegram's rules (core.telegram.org/api/files): a part is at most 512 KiB; every part but the last has
/// the same size, a multiple of 1 KiB that divides 512 KiB; a file has at most <see cref="MaxParts"/> parts
/// (the non-premium limit) and is saved with saveFilePart up to 10 MiB, saveBigFilePart past it; the MD5 of
/// a small file is checked when the client gives it. Downloads: offset and limit multiples of 4 KiB, limit
/// dividing 1 MiB, and no chunk across a 1 MiB boundary (with <c>precise</c>: multiples of 1 KiB, limit at
/// most 1 MiB, the same boundary rule).
/// </remarks>
internal sealed partial class FilesService
{
    /// <summary>The most parts of one file (non-premium accounts).</summary>
    public const int MaxParts = 4000;

    /// <summary>The largest part.</summary>
    public const int MaxPartSize = 512 * 1024;

    /// <summary>The largest file saved with upload.saveFilePart (and the largest photo).</summary>
    public const long SmallFileMax = 10 * 1024 * 1024;

    private const long FirstFileId = 5_000_000_001;

    private readonly TelegramWorld _world;
    private readonly ServiceLock _gate;
    private readonly FileStore _store;
    private readonly Dictionary<(long Owner, long FileId, bool Big), UploadRecord> _uploads = [];
    private readonly Dictionary<long, StoredPhoto> _photos = [];
    private readonly Dictionary<long, StoredDocument> _documents = [];
    private readonly Dictionary<long, List<long>> _profilePhotos = [];
    private long _nextId = FirstFileId;
    private long _nextBlob = 1;

    public FilesService(TelegramWorld world, byte[] secret)
    {
        _world = world;
        _gate = new ServiceLock(LockRank.Files, world.Deliver);
        _store = FileStore.Create(world.Options);
        Keys = new FileKeys(secret);
    }

    /// <summary>The access hashes and file references of every stored file.</summary>
    public FileKeys Keys { get; }

    /// <summary>The bytes stored now (parts and files).</summary>
    public long BytesStored => _store.BytesUsed;

    private int Now => _world.Now;

    // ---- upload.saveFilePart / saveBigFilePart ----

    /// <summary>upload.saveFilePart: one part of a file of at most 10 MiB.</summary>
    public bool SaveFilePart(Caller caller, FU.SaveFilePart request) => SavePart(caller.UserId, request.FileId, request.FilePart, null, request.Bytes);

    /// <summary>upload.saveBigFilePart: one part of a file over 10 MiB, saying how many parts the file has.</summary>
    public bool SaveBigFilePart(Caller caller, FU.SaveBigFilePart request) =>
        SavePart(caller.UserId, request.FileId, request.FilePart, request.FileTotalParts, request.Bytes);

    private bool SavePart(long ownerId, long fileId, int part, int? totalParts, byte[]? bytes)
    {
        var big = totalParts is not null;
        if (totalParts is { } total && (total <= 0 || total > MaxParts))
            throw WorldErrors.Bad("FILE_PARTS_INVALID");
        if (part < 0 || part >= (totalParts ?? MaxParts))
            throw WorldErrors.Bad("FILE_PART_INVALID");
        var length = bytes?.Length ?? 0;
        if (length == 0)
            throw WorldErrors.Bad("FILE_PART_EMPTY");
        if (length > MaxPartSize)
            throw WorldErrors.Bad("FILE_PART_TOO_BIG");
        var last = totalParts is { } count && part == count - 1;
        if (big && !last && !IsPartSize(length))
            throw WorldErrors.Bad("FILE_PART_SIZE_INVALID");
        using (_gate.Enter())
        {
            var key = (ownerId, fileId, big);
            if (!_uploads.TryGetValue(key, out var upload) || upload.Assembled is not null)
                _uploads[key] = upload = new UploadRecord(ownerId, fileId, big);
            if (big)
            {
                if (upload.TotalParts is { } said && said != totalParts)
                    throw WorldErrors.Bad("FILE_PARTS_INVALID");
                // Every part but the last has the same size; the last is no larger.
                foreach (var (other, size) in upload.Parts)
                {
                    if (other == part)
                        continue;
                    var otherLast = other == totalParts - 1;
                    if ((!last && !otherLast && size != length) || (last && length > size) || (otherLast && size > length))
                        throw WorldErrors.Bad("FILE_PART_SIZE_CHANGED");
                }
                upload.TotalParts = totalParts;
            }
            _store.Put(upload.PartKey(part), bytes!);
            upload.Parts[part] = length;
            return true;
        }
    }

    /// <summary>Whether <paramref name="size"/> may be the size of every part but the last: a multiple of 1 KiB that divides 512 KiB.</summary>
    public static bool IsPartSize(int size) => size > 0 && size % 1024 == 0 && MaxPartSize % size == 0;

    /// <summary>
    /// The stored file an InputFile names, putting its parts together the first time: every part there,
    /// sizes by the rules, the MD5 when given. Call under the lock.
    /// </summary>
    private (AssembledFile File, string Name) AssembleLocked(long ownerId, InputFile? input)
    {
        _gate.EnsureHeld();
        var (fileId, parts, name, md5, big) = input switch
        {
            T.InputFile f => (f.Id, f.Parts, f.Name, f.Md5Checksum, false),
            T.InputFileBig f => (f.Id, f.Parts, f.Name, null, true),
            null => throw WorldErrors.Bad("MEDIA_EMPTY"),
            _ => throw WorldErrors.Bad(Rpc.RpcDispatcher.NotImplemented),
        };
        if (parts <= 0 || parts > MaxParts)
            throw WorldErrors.Bad("FILE_PARTS_INVALID");
        if (!_uploads.TryGetValue((ownerId, fileId, big), out var upload))
            throw WorldErrors.Bad("FILE_PART_0_MISSING");
        if (upload.Assembled is { } done)
        {
            if (done.Parts != parts)
                throw WorldErrors.Bad("FILE_PARTS_INVALID");
            CheckMd5(md5, done.Md5);
            return (done, name ?? "");
        }
        if (big && upload.TotalParts != parts)
            throw WorldErrors.Bad("FILE_PARTS_INVALID");
        for (var i = 0; i < parts; i++)
        {
            if (!upload.Parts.ContainsKey(i))
                throw WorldErrors.Bad($"FILE_PART_{i}_MISSING");
        }
        if (upload.Parts.Count > parts)
            throw WorldErrors.Bad("FILE_PARTS_INVALID");
        long size = 0;
        var partSize = upload.Parts[0];
        for (var i = 0; i < parts; i++)
        {
            var length = upload.Parts[i];
            size += length;
            if (i == parts - 1)
            {
                if (parts > 1 && length > partSize)
                    throw WorldErrors.Bad("FILE_PART_SIZE_CHANGED");
            }
            else if (!IsPartSize(length))
            {
                throw WorldErrors.Bad("FILE_PART_SIZE_INVALID");
            }
            else if (length != partSize)
            {
                throw WorldErrors.Bad("FILE_PART_SIZE_CHANGED");
            }
        }
        if (!big && size > SmallFileMax)
            throw WorldErrors.Bad("FILE_PARTS_INVALID");
        var blob = $"files/{_nextBlob++}";
        var keys = Enumerable.Range(0, parts).Select(upload.PartKey).ToArray();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        _store.Concat(blob, keys, hash);
        var digest = Convert.ToHexStringLower(hash.GetHashAndReset());
        try
        {
            CheckMd5(md5, digest);
        }
        catch (RpcError)
        {
            _store.Delete(blob);
            throw;
        }
        foreach (var key in keys)
            _store.Delete(key);
        upload.Parts.Clear();
        upload.Assembled = new AssembledFile(blob, size, parts, digest);
        return (upload.Assembled, name ?? "");
    }

    private static void CheckMd5(string? given, string actual)
    {
        if (!string.IsNullOrEmpty(given) && !string.Equals(given, actual, StringComparison.OrdinalIgnoreCase))
            throw WorldErrors.Bad("MD5_CHECKSUM_INVALID");
    }

    private byte[] ReadAll(string blob, long size)
    {
        var bytes = new byte[size];
        _store.Read(blob, 0, bytes);
        return bytes;
    }

    private long NextId() => _nextId++;

    /// <summary>The DC a file stored now lives on: <see cref="WorldOptions.FileDc"/>, or the DC the uploader called from (its home DC).</summary>
    private int FileDcFor(Caller caller) => _world.Options.FileDc ?? caller.Session.DcId;
}
