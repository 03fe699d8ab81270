using System.Collections.Immutable;

namespace Telethon.Session;

/// <summary>
/// Stores a new auth key (or a new salt for a known key) of a DC. <see cref="SessionActor"/> persists
/// <see cref="AuthKeyCreated"/> and answers <see cref="SessionAck"/> once it is written.
/// <see cref="ToString"/> never shows the key.
/// </summary>
/// <param name="DcId">The DC.</param>
/// <param name="Key">The 256 key bytes.</param>
/// <param name="Salt">The server salt to start with (0 when unknown).</param>
/// <param name="Temporary">Whether this is a temporary (PFS) key.</param>
internal sealed record SaveAuthKey(int DcId, ImmutableArray<byte> Key, long Salt, bool Temporary = false)
{
    /// <inheritdoc />
    public bool Equals(SaveAuthKey? other) =>
        other is not null && DcId == other.DcId && Salt == other.Salt && Temporary == other.Temporary &&
        Key.AsSpan().SequenceEqual(other.Key.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DcId, Temporary, Salt, Key.IsDefault ? 0 : Key.Length);

    /// <inheritdoc />
    public override string ToString() =>
        $"SaveAuthKey {{ DcId = {DcId}, Temporary = {Temporary}, Key = <redacted {(Key.IsDefault ? 0 : Key.Length)} bytes> }}";
}
