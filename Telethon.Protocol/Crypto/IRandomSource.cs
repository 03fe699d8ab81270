namespace Telethon.Crypto;

/// <summary>
/// Where the crypto layer takes its random bytes from. Production code uses
/// <see cref="SecureRandomSource.Instance"/>; tests pass a scripted source so that every
/// output is reproducible.
/// </summary>
public interface IRandomSource
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    void Fill(Span<byte> destination);
}
