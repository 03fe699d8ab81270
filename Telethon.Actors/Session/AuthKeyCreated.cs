using System.Collections.Immutable;

namespace Telethon.Session;

/// <summary>An auth key was created (or its salt changed) for a DC. It replaces the key of the same DC and kind.</summary>
/// <param name="DcId">The DC.</param>
/// <param name="Key">The 256 key bytes.</param>
/// <param name="Salt">The server salt to start with.</param>
/// <param name="Temporary">Whether this is a temporary (PFS) key.</param>
internal sealed record AuthKeyCreated(int DcId, ImmutableArray<byte> Key, long Salt, bool Temporary = false) : ISessionEvent
{
    /// <inheritdoc />
    public bool Equals(AuthKeyCreated? other) =>
        other is not null && DcId == other.DcId && Salt == other.Salt && Temporary == other.Temporary &&
        Key.AsSpan().SequenceEqual(other.Key.AsSpan());

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(DcId, Temporary, Salt, Key.IsDefault ? 0 : Key.Length);

    /// <inheritdoc />
    public override string ToString() =>
        $"AuthKeyCreated {{ DcId = {DcId}, Temporary = {Temporary}, Key = <redacted {(Key.IsDefault ? 0 : Key.Length)} bytes> }}";
}
