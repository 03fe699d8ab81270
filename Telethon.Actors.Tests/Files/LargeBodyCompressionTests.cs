using Telethon.Mtproto;
using Xunit;

namespace Telethon.Tests.Files;

/// <summary>gzip_packed for large bodies (file parts, upload.file): judged on a sample, so random data costs no compression pass.</summary>
public sealed class LargeBodyCompressionTests
{
    [Fact]
    public void A_large_body_of_random_bytes_is_sent_as_it_is()
    {
        var body = new byte[512 * 1024 + 24];
        new Random(21).NextBytes(body);
        Assert.Same(body, Gzip.PackIfSmaller(body, 512));
        Assert.False(Gzip.TryPack(body, 512, out _));
    }

    [Fact]
    public void A_large_compressible_body_is_still_packed_and_unpacks_to_itself()
    {
        var body = new byte[Gzip.ProbeFrom * 2];
        for (var i = 0; i < body.Length; i++)
            body[i] = (byte)(i % 7);
        Assert.True(Gzip.TryPack(body, 512, out var packed));
        Assert.True(Gzip.IsPacked(packed));
        Assert.True(packed.Length < body.Length / 10);
        var (buffer, length) = Gzip.Unpack(packed);
        Assert.Equal(body, buffer.AsSpan(0, length).ToArray());
        System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
    }

    [Fact]
    public void Small_bodies_keep_the_old_rule()
    {
        var text = System.Text.Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("hello world ", 100)));
        Assert.True(Gzip.IsPacked(Gzip.PackIfSmaller(text, 512)));
        Assert.Same(text, Gzip.PackIfSmaller(text, 4096));
    }
}
