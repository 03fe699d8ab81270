namespace Telethon.Files;

/// <summary>
/// The offsets and limits of the upload.getFile requests that read a file, by Telegram's rules for requests without the
/// precise flag (core.telegram.org/api/files, "Downloading files"): the offset and the limit are multiples of 4 KiB,
/// the limit divides 1 MiB, and a request stays within one 1 MiB block of the file
/// (offset / 1 MiB == (offset + limit − 1) / 1 MiB). Every request asks for <see cref="Limit"/> bytes at a multiple of it,
/// which keeps all three rules; the server answers the last one with what is left, fewer bytes than asked.
/// </summary>
/// <param name="Limit">The bytes each request asks for: a power of two between 4 KiB and 1 MiB.</param>
internal readonly record struct DownloadPlan(int Limit)
{
    /// <summary>The largest limit upload.getFile takes (1 MiB), the size of its blocks.</summary>
    public const int MaxLimit = 1024 * 1024;

    /// <summary>Offsets and limits are multiples of this (4 KiB) without the precise flag.</summary>
    public const int Alignment = 4096;

    /// <summary>The limit of each request by default: 1 MiB, the largest, so a file takes the fewest round trips.</summary>
    public const int DefaultLimit = MaxLimit;

    /// <summary>The plan with the default limit.</summary>
    public static DownloadPlan Default => new(DefaultLimit);

    /// <summary>The offset of request <paramref name="index"/>.</summary>
    public long OffsetOf(long index) => index * Limit;

    /// <summary>How many requests read a file of <paramref name="size"/> bytes (null when the size is not known).</summary>
    public long? RequestCount(long? size) => size is { } s ? (s + Limit - 1) / Limit : null;

    /// <summary>How many bytes request <paramref name="index"/> of a file of <paramref name="size"/> bytes brings back.</summary>
    public int ExpectedLength(long index, long size) => (int)Math.Clamp(size - OffsetOf(index), 0, Limit);

    /// <summary>Whether an upload.getFile request with this offset and limit keeps Telegram's rules (without precise).</summary>
    public static bool IsValidRequest(long offset, int limit) =>
        offset >= 0 && limit > 0 && offset % Alignment == 0 && limit % Alignment == 0 && MaxLimit % limit == 0
        && offset / MaxLimit == (offset + limit - 1) / MaxLimit;

    /// <summary>A plan whose requests ask for <paramref name="limit"/> bytes each.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="limit"/> is not a multiple of 4 KiB that divides 1 MiB.</exception>
    public static DownloadPlan For(int limit)
    {
        if (limit < Alignment || limit % Alignment != 0 || MaxLimit % limit != 0)
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "A limit must be a multiple of 4096 bytes that divides 1048576 (1 MiB).");
        return new DownloadPlan(limit);
    }
}
