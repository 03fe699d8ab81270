using System.Numerics;
using System.Security.Cryptography;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Transport;

public sealed class AesCtrTests
{
    // NIST SP 800-38A, F.5.5 CTR-AES256.Encrypt.
    private const string NistKey = "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4";
    private const string NistCounter = "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff";
    private const string NistPlain =
        "6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51" +
        "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710";
    private const string NistCipher =
        "601ec313775789a5b7a7f504bbf3d228f443e3ca4d62b59aca84e990cacaf5c5" +
        "2b0930daa23de94ce87017ba2d84988ddfc9c58db67aada613c2dd08457941a6";

    [Fact]
    public void NistVectorEncryptsAndDecrypts()
    {
        using var enc = new AesCtr(Hex.Bytes(NistKey), Hex.Bytes(NistCounter));
        var data = Hex.Bytes(NistPlain);
        enc.Transform(data);
        Assert.Equal(NistCipher, Hex.Of(data));
        Assert.Equal(64, enc.Position);

        using var dec = new AesCtr(Hex.Bytes(NistKey), Hex.Bytes(NistCounter));
        dec.Transform(data);
        Assert.Equal(NistPlain, Hex.Of(data));
    }

    [Theory]
    [InlineData("0000000000000000ffffffffffffffff")]
    [InlineData("ffffffffffffffffffffffffffffffff")]
    [InlineData("000102030405060708090a0b0c0d0eff")]
    [InlineData("f0f1f2f3f4f5f6f7fffffffffffffffe")]
    public void CounterIsTheWholeIvIncrementedBigEndian(string ivHex)
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 1)).ToArray();
        var iv = Hex.Bytes(ivHex);
        var input = Enumerable.Range(0, 3000).Select(i => (byte)(i * 31)).ToArray();

        var expected = ReferenceCtr(key, iv, input);
        var actual = new byte[input.Length];
        using var ctr = new AesCtr(key, iv);
        ctr.Transform(input, actual);
        Assert.Equal(Hex.Of(expected), Hex.Of(actual));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(1023)]
    [InlineData(1500)]
    public void ArbitraryChunksGiveTheSameStream(int seed)
    {
        var rng = new Random(seed);
        var key = new byte[32];
        var iv = new byte[16];
        rng.NextBytes(key);
        rng.NextBytes(iv);
        var input = new byte[5000 + rng.Next(3000)];
        rng.NextBytes(input);

        var expected = ReferenceCtr(key, iv, input);
        var actual = new byte[input.Length];
        using var ctr = new AesCtr(key, iv);
        var offset = 0;
        while (offset < input.Length)
        {
            var n = Math.Min(input.Length - offset, rng.Next(0, seed + 1));
            ctr.Transform(input.AsSpan(offset, n), actual.AsSpan(offset, n));
            offset += n;
        }
        Assert.Equal(input.Length, ctr.Position);
        Assert.Equal(Hex.Of(expected), Hex.Of(actual));
    }

    [Fact]
    public void TransformAheadShowsTheNextKeystreamWithoutConsumingIt()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var iv = Enumerable.Range(100, 16).Select(i => (byte)i).ToArray();
        var input = Enumerable.Range(0, 4096).Select(i => (byte)(i ^ 0x5a)).ToArray();
        var expected = ReferenceCtr(key, iv, input);

        using var ctr = new AesCtr(key, iv);
        var offset = 0;
        // Peeks that straddle the end of a keystream batch (1024 bytes) and of blocks.
        foreach (var step in new[] { 3, 1018, 5, 17, 1000, 40, 1013 })
        {
            var peek = new byte[40];
            ctr.TransformAhead(input.AsSpan(offset, 40), peek);
            Assert.Equal(Hex.Of(expected.AsSpan(offset, 40)), Hex.Of(peek));
            Assert.Equal(offset, ctr.Position);

            var output = new byte[step];
            ctr.Transform(input.AsSpan(offset, step), output);
            Assert.Equal(Hex.Of(expected.AsSpan(offset, step)), Hex.Of(output));
            offset += step;
        }
    }

    [Fact]
    public void TransformDoesNotAllocateAfterConstruction()
    {
        using var ctr = new AesCtr(new byte[32], new byte[16]);
        var buffer = new byte[777];
        ctr.Transform(buffer);
        ctr.TransformAhead(buffer.AsSpan(0, 40), buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
        {
            ctr.Transform(buffer);
            ctr.TransformAhead(buffer.AsSpan(0, 40), buffer.AsSpan(100));
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void RejectsBadKeyAndIvLengths()
    {
        Assert.Throws<ArgumentException>(() => new AesCtr(new byte[16], new byte[16]));
        Assert.Throws<ArgumentException>(() => new AesCtr(new byte[32], new byte[8]));
        using var ctr = new AesCtr(new byte[32], new byte[16]);
        Assert.Throws<ArgumentException>(() => ctr.Transform(new byte[4], new byte[3]));
    }

    [Fact]
    public void UseAfterDisposeIsRejected()
    {
        var ctr = new AesCtr(new byte[32], new byte[16]);
        ctr.Dispose();
        Assert.Throws<ObjectDisposedException>(() => ctr.Transform(new byte[4]));
    }

    /// <summary>Block-at-a-time CTR with the counter as a 128-bit big-endian integer.</summary>
    private static byte[] ReferenceCtr(byte[] key, byte[] iv, byte[] input)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var counter = new BigInteger(iv, isUnsigned: true, isBigEndian: true);
        var modulus = BigInteger.One << 128;
        var output = new byte[input.Length];
        var block = new byte[16];
        for (var offset = 0; offset < input.Length; offset += 16)
        {
            Array.Clear(block);
            var bytes = counter.ToByteArray(isUnsigned: true, isBigEndian: true);
            bytes.CopyTo(block, 16 - bytes.Length);
            var keystream = aes.EncryptEcb(block, PaddingMode.None);
            for (var i = 0; i < 16 && offset + i < input.Length; i++)
                output[offset + i] = (byte)(input[offset + i] ^ keystream[i]);
            counter = (counter + 1) % modulus;
        }
        return output;
    }
}
