using System.Numerics;

namespace Telethon.Crypto;

/// <summary>
/// The parameters of the 2FA password algorithm
/// <c>passwordKdfAlgoSHA256SHA512iter100000SHA256ModPow</c>: two salts, the generator g and the
/// 2048-bit prime p (as sent in account.password.current_algo).
/// </summary>
public sealed class SrpParameters
{
    /// <summary>Size of p and of every value padded to its length, in bytes.</summary>
    public const int ModulusSize = 256;

    private readonly byte[] _salt1;
    private readonly byte[] _salt2;
    private readonly byte[] _p;

    /// <summary>Copies the parameters.</summary>
    /// <param name="salt1">salt1 (the server appends its own random bytes to the client's when setting a password).</param>
    /// <param name="salt2">salt2.</param>
    /// <param name="g">The generator.</param>
    /// <param name="p">The prime, unsigned big-endian, at most 256 bytes (left-padded to 256).</param>
    /// <exception cref="ArgumentException">p is empty or longer than 256 bytes.</exception>
    public SrpParameters(ReadOnlySpan<byte> salt1, ReadOnlySpan<byte> salt2, int g, ReadOnlySpan<byte> p)
    {
        if (p.IsEmpty || p.Length > ModulusSize)
            throw new ArgumentException($"p must be 1 to {ModulusSize} bytes, got {p.Length}.", nameof(p));
        _salt1 = salt1.ToArray();
        _salt2 = salt2.ToArray();
        G = g;
        _p = new byte[ModulusSize];
        p.CopyTo(_p.AsSpan(ModulusSize - p.Length));
        Prime = BigEndian.ToBigInteger(_p);
    }

    /// <summary>salt1.</summary>
    public ReadOnlySpan<byte> Salt1 => _salt1;

    /// <summary>salt2.</summary>
    public ReadOnlySpan<byte> Salt2 => _salt2;

    /// <summary>The generator g.</summary>
    public int G { get; }

    /// <summary>p as 256 big-endian bytes.</summary>
    public ReadOnlySpan<byte> P => _p;

    /// <summary>p as a number.</summary>
    internal BigInteger Prime { get; }
}
