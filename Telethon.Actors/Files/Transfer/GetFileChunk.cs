using System.Buffers;
using Telethon.Tl;
using Fn = Telethon.Tl.Functions;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Files;

/// <summary>
/// upload.getFile, written exactly as <see cref="Request"/> is, whose answer is read into a <see cref="FileChunk"/>: the
/// bytes go from the decrypted message straight into a pooled array, not into an array of their own that the download
/// would copy and drop.
/// </summary>
internal sealed class GetFileChunk(Fn.Upload.GetFile request) : TlFunction<FileChunk>
{
    /// <summary>The request as Telegram sees it.</summary>
    public Fn.Upload.GetFile Request { get; } = request ?? throw new ArgumentNullException(nameof(request));

    /// <inheritdoc />
    public override uint ConstructorId => Request.ConstructorId;

    /// <inheritdoc />
    public override string TlName => Request.TlName;

    /// <inheritdoc />
    public override void WriteBareTo(ref TlWriter writer) => Request.WriteBareTo(ref writer);

    /// <inheritdoc />
    public override FileChunk ReadResult(ref TlReader reader)
    {
        var start = reader;
        if (reader.ReadUInt32() != TlTypes.Upload.File.TlConstructorId)
        {
            reader = start;
            return new FileChunk(TlAbcs.Upload.File.ReadBoxed(ref reader));
        }
        // upload.file#96a18d5 type:storage.FileType mtime:int bytes:bytes: the type and mtime are not needed here.
        _ = TlAbcs.Storage.FileType.ReadBoxed(ref reader);
        _ = reader.ReadInt32();
        var bytes = reader.ReadBytesSpan();
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(bytes.Length, 1));
        bytes.CopyTo(rented);
        return new FileChunk(rented, bytes.Length);
    }

    /// <inheritdoc />
    public override void WriteResult(ref TlWriter writer, FileChunk result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var answer = result.Other ?? new TlTypes.Upload.File { Type = new TlTypes.Storage.FilePartial(), Mtime = 0, Bytes = result.Bytes.ToArray() };
        answer.WriteTo(ref writer);
    }
}
