namespace Telethon.Model;

/// <summary>
/// How far an upload or a download has come, as reported through <see cref="IProgress{T}"/>. Reports come as parts
/// complete; <see cref="BytesDone"/> only grows, and the last report of a finished transfer of a known size has
/// <see cref="BytesDone"/> equal to <see cref="TotalBytes"/>.
/// </summary>
/// <param name="BytesDone">The bytes transferred so far.</param>
/// <param name="TotalBytes">The size of the whole file, or null when it is not known (a download of unknown size).</param>
public readonly record struct TransferProgress(long BytesDone, long? TotalBytes)
{
    /// <summary>The part done, from 0 to 1, or null when the size is not known (or is zero).</summary>
    public double? Fraction => TotalBytes is > 0 and var total ? (double)BytesDone / total : null;
}
