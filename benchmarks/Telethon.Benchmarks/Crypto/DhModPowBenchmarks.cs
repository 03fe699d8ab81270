using BenchmarkDotNet.Attributes;
using Telethon.Crypto;
using BcBigInteger = Org.BouncyCastle.Math.BigInteger;
using BcBigIntegers = Org.BouncyCastle.Utilities.BigIntegers;
using NetBigInteger = System.Numerics.BigInteger;

namespace Telethon.Benchmarks.Crypto;

/// <summary>
/// The handshake's Diffie–Hellman modular exponentiation with a 2048-bit exponent modulo Telegram's
/// 2048-bit safe prime, System.Numerics against BouncyCastle. Each call starts from big-endian
/// unsigned bytes (base, exponent, modulus) and ends with the 256-byte big-endian result, as the
/// handshake does.
/// </summary>
[MemoryDiagnoser]
public class DhModPowBenchmarks
{
    /// <summary>The two shapes of the exponentiation in the handshake.</summary>
    public enum DhShape
    {
        /// <summary>g^a or g^b: the base is the generator g.</summary>
        SmallBase,

        /// <summary>g_a^b or g_b^a: the base is the other side's 2048-bit public value.</summary>
        FullBase,
    }

    private const int Size = 256;
    private const int Generator = 3;

    private readonly byte[] _modulus = DhValidator.TelegramPrimeBytes.ToArray();
    private readonly byte[] _exponent = new byte[Size];
    private byte[] _base = [];

    /// <summary>Which exponentiation is measured.</summary>
    [Params(DhShape.SmallBase, DhShape.FullBase)]
    public DhShape Shape { get; set; }

    /// <summary>Draws a reproducible exponent and, for the full base, a reproducible public value g^x mod p, and checks that both implementations agree.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        random.NextBytes(_exponent);
        if (Shape == DhShape.SmallBase)
        {
            _base = [Generator];
        }
        else
        {
            var x = new byte[Size];
            random.NextBytes(x);
            var p = BigEndian.ToBigInteger(_modulus);
            _base = BigEndian.ToBytes(NetBigInteger.ModPow(Generator, BigEndian.ToBigInteger(x), p), Size);
        }
        if (!SystemNumerics().AsSpan().SequenceEqual(BouncyCastle()))
            throw new InvalidOperationException("The two implementations disagree.");
    }

    /// <summary>System.Numerics.BigInteger.ModPow, with its byte conversions.</summary>
    [Benchmark(Baseline = true)]
    public byte[] SystemNumerics()
    {
        var value = NetBigInteger.ModPow(
            new NetBigInteger(_base, isUnsigned: true, isBigEndian: true),
            new NetBigInteger(_exponent, isUnsigned: true, isBigEndian: true),
            new NetBigInteger(_modulus, isUnsigned: true, isBigEndian: true));
        var result = new byte[Size];
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(result.AsSpan(Size - count), out _, isUnsigned: true, isBigEndian: true);
        return result;
    }

    /// <summary>Org.BouncyCastle.Math.BigInteger.ModPow, with its byte conversions.</summary>
    [Benchmark]
    public byte[] BouncyCastle()
    {
        var value = new BcBigInteger(1, _base).ModPow(new BcBigInteger(1, _exponent), new BcBigInteger(1, _modulus));
        return BcBigIntegers.AsUnsignedByteArray(Size, value);
    }
}
