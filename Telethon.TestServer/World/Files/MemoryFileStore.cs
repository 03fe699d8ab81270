using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Telethon.TestServer.World;

/// <summary>File bytes in memory, one array per blob.</summary>
internal sealed class MemoryFileStore(long limit) : FileStore(limit)
{
    private readonly ConcurrentDictionary<string, byte[]> _blobs = new(StringComparer.Ordinal);

    public override long Length(string key) => _blobs.TryGetValue(key, out var blob) ? blob.Length : 0;

    public override int Read(string key, long offset, Span<byte> destination)
    {
        if (!_blobs.TryGetValue(key, out var blob) || offset >= blob.Length)
            return 0;
        var count = (int)Math.Min(destination.Length, blob.Length - offset);
        blob.AsSpan((int)offset, count).CopyTo(destination);
        return count;
    }

    protected override void Write(string key, byte[] data) => _blobs[key] = data;

    protected override void WriteConcat(string key, IReadOnlyList<string> parts, long total, IncrementalHash md5)
    {
        if (total > Array.MaxLength)
            throw WorldErrors.Bad("FILE_STORAGE_FULL");
        var blob = new byte[total];
        var at = 0;
        foreach (var part in parts)
        {
            var bytes = _blobs[part];
            bytes.CopyTo(blob, at);
            md5.AppendData(bytes);
            at += bytes.Length;
        }
        _blobs[key] = blob;
    }

    protected override long Remove(string key) => _blobs.TryRemove(key, out var blob) ? blob.Length : 0;
}
