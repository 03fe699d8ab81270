namespace Telethon.Tests.Support;

/// <summary>Hex helpers for known-answer tests.</summary>
public static class Hex
{
    /// <summary>Lowercase hex of the bytes.</summary>
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    /// <summary>Bytes of a hex string (either case, no separators).</summary>
    public static byte[] Bytes(string hex) => Convert.FromHexString(hex);
}
