namespace Telethon.TestServer.World;

/// <summary>
/// The parts an account uploaded under one file id (saveFilePart and saveBigFilePart ids are apart), and
/// what they became once a method used them. Owned by the <see cref="FilesService"/>.
/// </summary>
internal sealed class UploadRecord(long ownerId, long fileId, bool big)
{
    public long OwnerId { get; } = ownerId;
    public long FileId { get; } = fileId;
    public bool Big { get; } = big;

    /// <summary>The byte size of each part saved, by part number.</summary>
    public SortedDictionary<int, int> Parts { get; } = [];

    /// <summary>The file_total_parts every saveBigFilePart of this file said.</summary>
    public int? TotalParts { get; set; }

    /// <summary>Set once the parts were put together: the stored file they made (the parts are dropped then).</summary>
    public AssembledFile? Assembled { get; set; }

    public string PartKey(int part) => $"parts/{OwnerId}/{(ulong)FileId:x16}-{(Big ? 'b' : 's')}/{part}";
}

/// <summary>An upload put together: its blob, byte size, part count and MD5 (lowercase hex).</summary>
internal sealed record AssembledFile(string Blob, long Size, int Parts, string Md5);
