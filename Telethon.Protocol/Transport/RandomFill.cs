namespace Telethon.Transport;

/// <summary>
/// Fills <paramref name="destination"/> with random bytes. The transports take their randomness
/// (obfuscated2 headers, padding) through this so tests can make it deterministic; the default is
/// <see cref="System.Security.Cryptography.RandomNumberGenerator.Fill(Span{byte})"/>.
/// </summary>
public delegate void RandomFill(Span<byte> destination);
