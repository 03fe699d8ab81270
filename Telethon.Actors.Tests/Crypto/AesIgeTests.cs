using System.Text.Json;
using Telethon.Crypto;
using Telethon.Tests.Support;

namespace Telethon.Tests.Crypto;

public sealed class AesIgeTests
{
    public static TheoryData<bool> Paths => new() { true, false };

    private static void SkipUnlessAvailable(bool hardware) =>
        Skip.If(hardware && !AesIge.IsHardwareAccelerated, "AES-NI is not available on this processor");

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void KnownAnswers(bool hardware)
    {
        SkipUnlessAvailable(hardware);
        using var doc = SharedData.Json("vectors/aes_ige.json");
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("vectors").EnumerateArray())
        {
            var key = Hex.Bytes(v.GetProperty("key").GetString()!);
            var iv = Hex.Bytes(v.GetProperty("iv").GetString()!);
            var input = Hex.Bytes(v.GetProperty("input").GetString()!);
            var expected = v.GetProperty("expected").GetString()!;
            var encrypt = v.GetProperty("op").GetString() == "encrypt";

            var output = new byte[input.Length];
            AesIge.Transform(key, iv, input, output, encrypt, hardware);
            Assert.Equal(expected, Hex.Of(output));

            // The inverse operation gives the input back.
            var back = new byte[input.Length];
            AesIge.Transform(key, iv, output, back, !encrypt, hardware);
            Assert.Equal(Hex.Of(input), Hex.Of(back));
            count++;
        }
        Assert.Equal(3, count);
    }

    [SkippableTheory]
    [MemberData(nameof(Paths))]
    public void InPlaceMatchesSpanToSpan(bool hardware)
    {
        SkipUnlessAvailable(hardware);
        var random = new Random(7);
        var key = new byte[32];
        var iv = new byte[32];
        random.NextBytes(key);
        random.NextBytes(iv);
        var plain = new byte[16 * 37];
        random.NextBytes(plain);

        var separate = new byte[plain.Length];
        AesIge.Transform(key, iv, plain, separate, encrypt: true, hardware);
        var inPlace = (byte[])plain.Clone();
        AesIge.Transform(key, iv, inPlace, inPlace, encrypt: true, hardware);
        Assert.Equal(separate, inPlace);
        Assert.NotEqual(plain, inPlace);

        AesIge.Transform(key, iv, inPlace, inPlace, encrypt: false, hardware);
        Assert.Equal(plain, inPlace);
    }

    [SkippableFact]
    public void HardwareAndPortablePathsAgree()
    {
        SkipUnlessAvailable(true);
        var random = new Random(11);
        foreach (var blocks in new[] { 1, 2, 3, 15, 64, 257 })
        {
            var key = new byte[32];
            var iv = new byte[32];
            var data = new byte[blocks * 16];
            random.NextBytes(key);
            random.NextBytes(iv);
            random.NextBytes(data);
            var hw = new byte[data.Length];
            var sw = new byte[data.Length];
            AesIge.Transform(key, iv, data, hw, encrypt: true, hardware: true);
            AesIge.Transform(key, iv, data, sw, encrypt: true, hardware: false);
            Assert.Equal(sw, hw);
            AesIge.Transform(key, iv, data, hw, encrypt: false, hardware: true);
            AesIge.Transform(key, iv, data, sw, encrypt: false, hardware: false);
            Assert.Equal(sw, hw);
        }
    }

    [Fact]
    public void PublicMethodsRoundTrip()
    {
        var key = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        var iv = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
        var plain = Enumerable.Range(0, 1024).Select(i => (byte)i).ToArray();
        var cipher = new byte[plain.Length];
        AesIge.Encrypt(key, iv, plain, cipher);
        var copy = (byte[])cipher.Clone();
        AesIge.Decrypt(key, iv, copy);
        Assert.Equal(plain, copy);
        AesIge.Encrypt(key, iv, copy);
        Assert.Equal(cipher, copy);
        var back = new byte[plain.Length];
        AesIge.Decrypt(key, iv, cipher, back);
        Assert.Equal(plain, back);
    }

    [SkippableFact]
    public void HardwarePathDoesNotAllocate()
    {
        SkipUnlessAvailable(true);
        var key = new byte[32];
        var iv = new byte[32];
        var data = new byte[4096];
        AesIge.Transform(key, iv, data, data, encrypt: true, hardware: true);
        AesIge.Transform(key, iv, data, data, encrypt: false, hardware: true);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            AesIge.Transform(key, iv, data, data, encrypt: true, hardware: true);
            AesIge.Transform(key, iv, data, data, encrypt: false, hardware: true);
        }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(17)]
    [InlineData(33)]
    public void RejectsLengthsThatAreNotWholeBlocks(int length)
    {
        var ex = Assert.Throws<ArgumentException>(() => AesIge.Encrypt(new byte[32], new byte[32], new byte[length]));
        Assert.Equal("source", ex.ParamName);
        Assert.Throws<ArgumentException>(() => AesIge.Decrypt(new byte[32], new byte[32], new byte[length], new byte[length]));
    }

    [Fact]
    public void RejectsBadKeyIvAndDestination()
    {
        Assert.Equal("key", Assert.Throws<ArgumentException>(() => AesIge.Encrypt(new byte[16], new byte[32], new byte[16])).ParamName);
        Assert.Equal("iv", Assert.Throws<ArgumentException>(() => AesIge.Encrypt(new byte[32], new byte[16], new byte[16])).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentException>(
            () => AesIge.Encrypt(new byte[32], new byte[32], new byte[32], new byte[16])).ParamName);
        var buffer = new byte[64];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(
            () => AesIge.Encrypt(new byte[32], new byte[32], buffer.AsSpan(0, 32), buffer.AsSpan(16, 32))).ParamName);
    }

    [Fact]
    public void EmptyInputIsANoOp()
    {
        var buffer = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        AesIge.Encrypt(new byte[32], new byte[32], buffer.AsSpan(0, 0));
        AesIge.Decrypt(new byte[32], new byte[32], ReadOnlySpan<byte>.Empty, buffer);
        Assert.Equal(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray(), buffer);
    }
}
