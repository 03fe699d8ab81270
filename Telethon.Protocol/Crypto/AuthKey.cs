using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>
/// A 256-byte MTProto auth key with its derived auth_key_id and aux_hash computed once.
/// Instances are immutable and safe to share between threads.
/// </summary>
public sealed class AuthKey
{
    private readonly byte[] _data;

    /// <summary>Copies a 256-byte auth key and derives its identifiers.</summary>
    /// <exception cref="ArgumentException">The key is not 256 bytes.</exception>
    public AuthKey(ReadOnlySpan<byte> data)
    {
        MtProtoKdf.RequireAuthKey(data);
        _data = data.ToArray();
        Span<byte> sha = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(_data, sha);
        AuxHash = BinaryPrimitives.ReadInt64LittleEndian(sha);
        Id = BinaryPrimitives.ReadInt64LittleEndian(sha[12..]);
    }

    /// <summary>The 256 key bytes.</summary>
    public ReadOnlySpan<byte> Data => _data;

    /// <summary>auth_key_id: the lower 64 bits of SHA1(auth_key), as sent (little-endian) before every encrypted message.</summary>
    public long Id { get; }

    /// <summary>aux_hash: the higher 64 bits of SHA1(auth_key).</summary>
    public long AuxHash { get; }

    /// <summary>A copy of the key bytes (for storage).</summary>
    public byte[] ToArray() => (byte[])_data.Clone();

    /// <summary>new_nonce_hash1, 2 or 3 for this key; see <see cref="MtProtoKdf.ComputeNewNonceHash"/>.</summary>
    public byte[] ComputeNewNonceHash(ReadOnlySpan<byte> newNonce, int number)
    {
        var hash = new byte[16];
        MtProtoKdf.ComputeNewNonceHash(_data, newNonce, number, hash);
        return hash;
    }
}
