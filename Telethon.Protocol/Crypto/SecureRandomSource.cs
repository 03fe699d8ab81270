using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>The operating system's cryptographically secure generator.</summary>
public sealed class SecureRandomSource : IRandomSource
{
    private SecureRandomSource()
    {
    }

    /// <summary>The single instance.</summary>
    public static SecureRandomSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
