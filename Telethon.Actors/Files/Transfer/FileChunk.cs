using System.Buffers;
using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Files;

/// <summary>
/// The answer to one upload.getFile as <see cref="GetFileChunk"/> reads it: the chunk's bytes in an array rented from
/// the shared pool (a megabyte each, so a fresh array per chunk would cost more than decrypting it), or the other
/// answer Telegram may give (upload.fileCdnRedirect). <see cref="Release"/> gives the array back once the bytes are
/// used; a chunk never released leaves its array to the garbage collector.
/// </summary>
internal sealed class FileChunk
{
    private byte[]? _rented;

    /// <summary>A chunk whose first <paramref name="length"/> bytes of <paramref name="rented"/> are the file's.</summary>
    public FileChunk(byte[] rented, int length)
    {
        _rented = rented;
        Bytes = rented.AsMemory(0, length);
    }

    /// <summary>A chunk in an array of its own (nothing to give back).</summary>
    public FileChunk(ReadOnlyMemory<byte> bytes) => Bytes = bytes;

    /// <summary>An answer other than upload.file.</summary>
    public FileChunk(TlAbcs.Upload.File other) => Other = other;

    /// <summary>The chunk's bytes; valid until <see cref="Release"/>.</summary>
    public ReadOnlyMemory<byte> Bytes { get; private set; }

    /// <summary>The answer when it was not upload.file (a CDN redirect), else null.</summary>
    public TlAbcs.Upload.File? Other { get; }

    /// <summary>Gives the bytes' array back to the pool; <see cref="Bytes"/> is empty from then on. Safe to call more than once.</summary>
    public void Release()
    {
        Bytes = ReadOnlyMemory<byte>.Empty;
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
            ArrayPool<byte>.Shared.Return(rented);
    }
}
