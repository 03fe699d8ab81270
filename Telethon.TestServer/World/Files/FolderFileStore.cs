using System.Security.Cryptography;

namespace Telethon.TestServer.World;

/// <summary>File bytes in a folder, one file per blob (keys are made of letters, digits, '-' and '/').</summary>
internal sealed class FolderFileStore : FileStore
{
    private readonly string _root;

    public FolderFileStore(string folder, long limit)
        : base(limit)
    {
        _root = Path.GetFullPath(folder);
        Directory.CreateDirectory(_root);
    }

    public override long Length(string key)
    {
        var info = new FileInfo(PathOf(key));
        return info.Exists ? info.Length : 0;
    }

    public override int Read(string key, long offset, Span<byte> destination)
    {
        var path = PathOf(key);
        if (!File.Exists(path))
            return 0;
        using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[total..], offset + total);
            if (read == 0)
                break;
            total += read;
        }
        return total;
    }

    protected override void Write(string key, byte[] data)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        stream.Write(data);
    }

    protected override void WriteConcat(string key, IReadOnlyList<string> parts, long total, IncrementalHash md5)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        var buffer = new byte[64 * 1024];
        foreach (var part in parts)
        {
            using var source = new FileStream(PathOf(part), FileMode.Open, FileAccess.Read, FileShare.Read);
            int read;
            while ((read = source.Read(buffer, 0, buffer.Length)) > 0)
            {
                md5.AppendData(buffer, 0, read);
                stream.Write(buffer, 0, read);
            }
        }
    }

    protected override long Remove(string key)
    {
        var info = new FileInfo(PathOf(key));
        if (!info.Exists)
            return 0;
        var length = info.Length;
        info.Delete();
        return length;
    }

    private string PathOf(string key) => Path.Combine(_root, key.Replace('/', Path.DirectorySeparatorChar));
}
