using System.Security.Cryptography;

namespace Telethon.TestServer.World;

/// <summary>
/// Where the world keeps file bytes: uploaded parts and stored files, as immutable blobs by key, up to
/// <see cref="WorldOptions.FileStorageLimit"/> bytes in all. Thread-safe: a blob is written once, before
/// anyone can name it, and read by any thread (upload.getFile reads outside the files lock).
/// </summary>
internal abstract class FileStore
{
    private readonly long _limit;
    private long _used;

    protected FileStore(long limit) => _limit = limit;

    /// <summary>The bytes stored now.</summary>
    public long BytesUsed => Interlocked.Read(ref _used);

    /// <summary>Creates the store the options ask for: a folder, or memory.</summary>
    public static FileStore Create(WorldOptions options) =>
        options.FileFolder is { Length: > 0 } folder ? new FolderFileStore(folder, options.FileStorageLimit) : new MemoryFileStore(options.FileStorageLimit);

    /// <summary>
    /// Stores a blob (replacing one with the same key). The store may keep <paramref name="data"/> itself rather than a
    /// copy (a saved part is half a megabyte), so the caller gives the array up: nothing may change it afterwards.
    /// </summary>
    /// <exception cref="RpcError">FILE_STORAGE_FULL past the limit.</exception>
    public void Put(string key, byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Delete(key);
        Reserve(data.Length);
        try
        {
            Write(key, data);
        }
        catch
        {
            Interlocked.Add(ref _used, -data.Length);
            throw;
        }
    }

    /// <summary>Stores the blobs <paramref name="parts"/> one after the other as one blob, feeding <paramref name="md5"/>.</summary>
    /// <exception cref="RpcError">FILE_STORAGE_FULL past the limit.</exception>
    public void Concat(string key, IReadOnlyList<string> parts, IncrementalHash md5)
    {
        long total = 0;
        foreach (var part in parts)
            total += Length(part);
        Delete(key);
        Reserve(total);
        try
        {
            WriteConcat(key, parts, total, md5);
        }
        catch
        {
            Interlocked.Add(ref _used, -total);
            throw;
        }
    }

    /// <summary>Removes a blob, if stored.</summary>
    public void Delete(string key)
    {
        var freed = Remove(key);
        if (freed > 0)
            Interlocked.Add(ref _used, -freed);
    }

    /// <summary>The length of a stored blob.</summary>
    public abstract long Length(string key);

    /// <summary>Copies bytes of a blob from <paramref name="offset"/> into <paramref name="destination"/>; returns how many (0 past the end).</summary>
    public abstract int Read(string key, long offset, Span<byte> destination);

    /// <summary>Stores <paramref name="data"/>, which the store may keep as it is (see <see cref="Put"/>).</summary>
    protected abstract void Write(string key, byte[] data);

    protected abstract void WriteConcat(string key, IReadOnlyList<string> parts, long total, IncrementalHash md5);

    /// <summary>Removes a blob; returns its length (0 when there was none).</summary>
    protected abstract long Remove(string key);

    private void Reserve(long bytes)
    {
        if (Interlocked.Add(ref _used, bytes) > _limit)
        {
            Interlocked.Add(ref _used, -bytes);
            throw WorldErrors.Bad("FILE_STORAGE_FULL");
        }
    }
}
