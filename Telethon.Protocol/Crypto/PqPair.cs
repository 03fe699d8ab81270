namespace Telethon.Crypto;

/// <summary>The two prime factors of the handshake's pq, smaller first.</summary>
/// <param name="P">The smaller factor.</param>
/// <param name="Q">The larger factor (equal to <paramref name="P"/> only for a square).</param>
public readonly record struct PqPair(ulong P, ulong Q)
{
    /// <summary>The product pq.</summary>
    public ulong Product => P * Q;
}
