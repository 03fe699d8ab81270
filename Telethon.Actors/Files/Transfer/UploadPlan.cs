namespace Telethon.Files;

/// <summary>
/// How a file of a given size is cut into parts for upload.saveFilePart / upload.saveBigFilePart, by Telegram's rules
/// (core.telegram.org/api/files, "Uploading files"): every part has the same size but the last, which is smaller or equal;
/// the part size is a multiple of 1 KiB and divides 512 KiB; the part numbers run from 0 to the part count limit minus 1;
/// a file of more than 10 MB is saved with upload.saveBigFilePart and named by inputFileBig, a smaller one with
/// upload.saveFilePart and inputFile (with its MD5).
/// </summary>
/// <param name="Size">The size of the file in bytes.</param>
/// <param name="PartSize">The size of every part but the last.</param>
/// <param name="PartCount">How many parts there are.</param>
internal readonly record struct UploadPlan(long Size, int PartSize, int PartCount)
{
    /// <summary>The largest part Telegram takes (512 KiB), also the part size it recommends.</summary>
    public const int MaxPartSize = 512 * 1024;

    /// <summary>Part sizes are multiples of this (1 KiB).</summary>
    public const int PartSizeUnit = 1024;

    /// <summary>
    /// The part count limit of an account without Premium (the appConfig value upload_max_fileparts_default, 4000): with
    /// 512 KiB parts, files up to 4000 × 512 KiB.
    /// </summary>
    public const int DefaultMaxParts = 4000;

    /// <summary>Files larger than this (10 MB) go through upload.saveBigFilePart.</summary>
    public const long BigFileThreshold = 10 * 1024 * 1024;

    /// <summary>Whether the file is saved with upload.saveBigFilePart (and named by inputFileBig).</summary>
    public bool IsBig => Size > BigFileThreshold;

    /// <summary>The size of the last part (between 1 and <see cref="PartSize"/>).</summary>
    public int LastPartSize => (int)(Size - (long)(PartCount - 1) * PartSize);

    /// <summary>The size of part <paramref name="part"/>.</summary>
    public int SizeOf(int part)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(part);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(part, PartCount);
        return part == PartCount - 1 ? LastPartSize : PartSize;
    }

    /// <summary>Where part <paramref name="part"/> starts in the file.</summary>
    public long OffsetOf(int part) => (long)part * PartSize;

    /// <summary>Whether <paramref name="partSize"/> is a part size Telegram takes: a multiple of 1 KiB that divides 512 KiB.</summary>
    public static bool IsValidPartSize(int partSize) =>
        partSize >= PartSizeUnit && partSize <= MaxPartSize && partSize % PartSizeUnit == 0 && MaxPartSize % partSize == 0;

    /// <summary>The largest file that can be uploaded in at most <paramref name="maxParts"/> parts of <paramref name="partSize"/>.</summary>
    public static long MaxFileSize(int partSize = MaxPartSize, int maxParts = DefaultMaxParts) => (long)partSize * maxParts;

    /// <summary>Cuts a file of <paramref name="size"/> bytes into parts of <paramref name="partSize"/>.</summary>
    /// <param name="size">The size of the file, at least 1 byte (Telegram refuses an empty part).</param>
    /// <param name="partSize">The part size (512 KiB by default, as Telegram recommends).</param>
    /// <param name="maxParts">The part count limit (<see cref="DefaultMaxParts"/> by default).</param>
    /// <exception cref="ArgumentOutOfRangeException">The file is empty, or needs more parts than the limit, or the part size
    /// breaks Telegram's rules.</exception>
    public static UploadPlan For(long size, int partSize = MaxPartSize, int maxParts = DefaultMaxParts)
    {
        if (!IsValidPartSize(partSize))
            throw new ArgumentOutOfRangeException(nameof(partSize), partSize,
                "A part size must be a multiple of 1024 bytes that divides 524288 (512 KiB).");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParts, 1);
        if (size <= 0)
            throw new ArgumentOutOfRangeException(nameof(size), size,
                "An empty file cannot be uploaded: Telegram refuses an empty part (FILE_PART_EMPTY).");
        var parts = (size + partSize - 1) / partSize;
        if (parts > maxParts)
            throw new ArgumentOutOfRangeException(nameof(size), size,
                $"The file needs {parts} parts of {partSize} bytes, more than the {maxParts} Telegram takes (FILE_PARTS_INVALID): at most {MaxFileSize(partSize, maxParts)} bytes.");
        return new UploadPlan(size, partSize, (int)parts);
    }
}
