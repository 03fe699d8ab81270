using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Telethon.TestServer.World;

/// <summary>
/// The access hashes and file references of photos and documents, per viewer: each derives from the
/// world's secret, the viewer and the file, so an account's hash or reference is worth nothing to another.
/// A file reference also carries the current epoch: <see cref="Expire"/> starts a new one, and every
/// reference handed out before answers FILE_REFERENCE_EXPIRED until the client fetches the message again.
/// Pure and lock-free (views of a message are built under any lock, or none).
/// </summary>
internal sealed class FileKeys(byte[] secret)
{
    private const byte ReferenceVersion = 1;
    private const int ReferenceLength = 1 + 4 + 16;

    private readonly byte[] _secret = [.. secret];
    private int _epoch;

    /// <summary>The epoch file references are made in now.</summary>
    public int Epoch => Volatile.Read(ref _epoch);

    /// <summary>Makes every file reference handed out so far stale.</summary>
    public void Expire() => Interlocked.Increment(ref _epoch);

    /// <summary>The access hash <paramref name="viewerId"/> uses for the photo or document <paramref name="fileId"/>.</summary>
    public long AccessHash(long viewerId, long fileId)
    {
        Span<byte> mac = stackalloc byte[32];
        Mac((byte)'a', viewerId, fileId, 0, mac);
        return BinaryPrimitives.ReadInt64LittleEndian(mac);
    }

    /// <summary>The file reference <paramref name="viewerId"/> gets now for the photo or document <paramref name="fileId"/>.</summary>
    public byte[] Reference(long viewerId, long fileId)
    {
        var epoch = Epoch;
        var reference = new byte[ReferenceLength];
        reference[0] = ReferenceVersion;
        BinaryPrimitives.WriteInt32LittleEndian(reference.AsSpan(1), epoch);
        Span<byte> mac = stackalloc byte[32];
        Mac((byte)'r', viewerId, fileId, epoch, mac);
        mac[..16].CopyTo(reference.AsSpan(5));
        return reference;
    }

    /// <summary>Whether <paramref name="reference"/> is the current one of <paramref name="viewerId"/> for <paramref name="fileId"/>.</summary>
    public bool IsCurrent(ReadOnlySpan<byte> reference, long viewerId, long fileId) =>
        reference.Length == ReferenceLength && CryptographicOperations.FixedTimeEquals(reference, Reference(viewerId, fileId));

    private void Mac(byte purpose, long viewerId, long fileId, int epoch, Span<byte> destination)
    {
        Span<byte> data = stackalloc byte[1 + 8 + 8 + 4];
        data[0] = purpose;
        BinaryPrimitives.WriteInt64LittleEndian(data[1..], viewerId);
        BinaryPrimitives.WriteInt64LittleEndian(data[9..], fileId);
        BinaryPrimitives.WriteInt32LittleEndian(data[17..], epoch);
        HMACSHA256.HashData(_secret, data, destination);
    }
}
