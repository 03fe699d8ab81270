using System.Security.Cryptography;

namespace Telethon.Crypto;

/// <summary>Comparisons whose running time does not depend on where the inputs differ.</summary>
public static class ConstantTime
{
    /// <summary>
    /// True when both spans have the same length and contents. The time taken depends only on
    /// the length, so a msg_key or hash check leaks nothing about the expected value.
    /// </summary>
    public static bool AreEqual(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right) =>
        CryptographicOperations.FixedTimeEquals(left, right);
}
