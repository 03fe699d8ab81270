using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// Per-thread incremental hashers, reused so that hashing a long message in several pieces does
/// not allocate on every call.
/// </summary>
internal static class HashScratch
{
    [ThreadStatic]
    private static IncrementalHash? _sha256;

    [ThreadStatic]
    private static IncrementalHash? _sha1;

    /// <summary>This thread's SHA-256 hasher, reset.</summary>
    public static IncrementalHash Sha256 => _sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>This thread's SHA-1 hasher, reset.</summary>
    public static IncrementalHash Sha1 => _sha1 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA1);

    /// <summary>SHA-256 of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static void Sha256Of(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        var hash = Sha256;
        hash.AppendData(first);
        hash.AppendData(second);
        hash.GetHashAndReset(destination);
    }

    /// <summary>SHA-1 of <paramref name="first"/> followed by <paramref name="second"/>.</summary>
    public static void Sha1Of(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        var hash = Sha1;
        hash.AppendData(first);
        hash.AppendData(second);
        hash.GetHashAndReset(destination);
    }

    /// <summary>SHA-1 of three pieces in order.</summary>
    public static void Sha1Of(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third, Span<byte> destination)
    {
        var hash = Sha1;
        hash.AppendData(first);
        hash.AppendData(second);
        hash.AppendData(third);
        hash.GetHashAndReset(destination);
    }
}
