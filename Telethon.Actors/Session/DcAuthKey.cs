using System.Collections.Immutable;
using Telethon.Crypto;

namespace Telethon.Session;

/// <summary>
/// An auth key for one DC, with the server salt last used with it. Its <see cref="ToString"/> never shows
/// the key: only the DC, whether it is temporary and the key's length.
/// </summary>
/// <param name="DcId">The DC the key was created with.</param>
/// <param name="Key">The 256 key bytes.</param>
/// <param name="Salt">The server salt to start with (0 when unknown: the server sends one with bad_server_salt).</param>
/// <param name="Temporary">Whether this is a temporary (PFS) key bound to the permanent one, rather than the permanent key.</param>
public sealed record DcAuthKey(int DcId, ImmutableArray<byte> Key, long Salt, bool Temporary = false)
{
    /// <summary>The key as the protocol layer uses it (derives auth_key_id and aux_hash).</summary>
    public AuthKey ToAuthKey() => new(Key.AsSpan());

    /// <inheritdoc />
    public bool Equals(DcAuthKey? other) =>
        other is not null && DcId == other.DcId && Salt == other.Salt && Temporary == other.Temporary &&
        Key.AsSpan().SequenceEqual(other.Key.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DcId, Temporary, Salt, Key.IsDefault ? 0 : Key.Length);

    /// <inheritdoc />
    public override string ToString() =>
        $"DcAuthKey {{ DcId = {DcId}, Temporary = {Temporary}, Key = <redacted {(Key.IsDefault ? 0 : Key.Length)} bytes> }}";
}
