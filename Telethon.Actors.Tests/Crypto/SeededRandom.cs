using Telethon.Crypto;

namespace Telethon.Tests.Crypto;

/// <summary>A reproducible, non-cryptographic random source for round-trip tests.</summary>
public sealed class SeededRandom(int seed) : IRandomSource
{
    private readonly Random _random = new(seed);

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => _random.NextBytes(destination);
}
