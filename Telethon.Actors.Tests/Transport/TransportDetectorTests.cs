using System.Buffers;
using System.Text;
using Telethon.Transport;
using static Telethon.Tests.Transport.TransportTestSupport;

namespace Telethon.Tests.Transport;

/// <summary>Server-side recognition of the transport from the first bytes of a connection.</summary>
public sealed class TransportDetectorTests
{
    [Theory]
    [InlineData(TransportKind.Abridged, false, 1)]
    [InlineData(TransportKind.Intermediate, false, 4)]
    [InlineData(TransportKind.PaddedIntermediate, false, 4)]
    [InlineData(TransportKind.Full, false, 8)]
    [InlineData(TransportKind.Abridged, true, 64)]
    [InlineData(TransportKind.Intermediate, true, 64)]
    [InlineData(TransportKind.PaddedIntermediate, true, 64)]
    public void DecidesAsSoonAsTheBytesAllowAndNotBefore(TransportKind kind, bool obfuscated, int decisiveLength)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            short dc = (short)((seed % 5) - 2);
            using var client = obfuscated
                ? TransportCodec.CreateObfuscatedClient(kind, dc, Options(seed))
                : TransportCodec.Create(kind, TransportRole.Client, Options(seed));
            var wire = PackAll(client, [Payload(40)]);

            for (var n = 0; n < decisiveLength; n++)
            {
                Assert.False(TransportDetector.TryDetect(wire.AsSpan(0, n), out var none, out var required));
                Assert.Null(none);
                Assert.InRange(required, n + 1, decisiveLength);
            }
            foreach (var n in new[] { decisiveLength, wire.Length })
            {
                Assert.True(TransportDetector.TryDetect(wire.AsSpan(0, n), out var detection, out _));
                using var codec = detection.Codec;
                Assert.Equal(kind, detection.Kind);
                Assert.Equal(kind, codec.Kind);
                Assert.Equal(obfuscated, detection.IsObfuscated);
                Assert.Equal(obfuscated ? dc : null, detection.DcId);
                Assert.Equal(obfuscated ? dc : null, codec.DcId);
                Assert.Equal(obfuscated ? 64 : client.Kind switch
                {
                    TransportKind.Abridged => 1,
                    TransportKind.Full => 0,
                    _ => 4,
                }, detection.PrefixLength);
            }

            // The same over a sequence of small segments.
            var sequence = Segmented(wire, new Random(seed));
            Assert.True(TransportDetector.TryDetect(sequence, out var fromSequence, out _));
            using var sequenceCodec = fromSequence.Codec;
            Assert.Equal(kind, fromSequence.Kind);
            Assert.False(TransportDetector.TryDetect(sequence.Slice(0, decisiveLength - 1), out _, out var stillRequired));
            Assert.True(stillRequired >= decisiveLength);
        }
    }

    [Theory]
    [InlineData("GET / HTTP/1.1\r\nHost: example.org\r\n\r\n")]
    [InlineData("POST /api HTTP/1.1\r\n")]
    [InlineData("HEAD / HTTP/1.0\r\n")]
    [InlineData("OPTIONS * HTTP/1.1\r\n")]
    public void HttpStartsAreRejected(string request)
    {
        var bytes = Encoding.ASCII.GetBytes(request);
        Assert.False(TransportDetector.TryDetect(bytes.AsSpan(0, 3), out _, out var required));
        Assert.Equal(4, required);
        var ex = Assert.Throws<UnknownTransportTagException>(() => TransportDetector.TryDetect(bytes, out _, out _));
        Assert.Contains("HTTP", ex.Message);
        Assert.Equal(BitConverter.ToUInt32(bytes), ex.Tag);
    }

    [Fact]
    public void TlsStartsAreRejected()
    {
        // A TLS 1.0 record carrying a 512-byte ClientHello, as fake-TLS proxies send: refused at once.
        var fakeTls = Support.Hex.Bytes("1603010200010001fc0303");
        var ex = Assert.Throws<UnknownTransportTagException>(() => TransportDetector.TryDetect(fakeTls, out _, out _));
        Assert.Contains("TLS", ex.Message);

        // Another TLS record could in principle start an obfuscated2 header; it is refused once 64 bytes show it is not one.
        var rng = new Random(5);
        var hello = new byte[300];
        rng.NextBytes(hello);
        Support.Hex.Bytes("16030300f4010000f00303").CopyTo(hello, 0);
        Assert.False(TransportDetector.TryDetect(hello.AsSpan(0, 63), out _, out var required));
        Assert.Equal(64, required);
        var tls = Assert.Throws<UnknownTransportTagException>(() => TransportDetector.TryDetect(hello, out _, out _));
        Assert.Contains("TLS", tls.Message);
    }

    [Theory]
    [InlineData("0300000000000000")] // shorter than a full frame's own header
    [InlineData("0e00000000000000")] // not a multiple of 4
    [InlineData("fcffff7f00000000")] // beyond the frame limit
    [InlineData("0000000000000000")]
    public void ImplausibleFullStartsAreRejected(string start)
    {
        var ex = Assert.Throws<UnknownTransportTagException>(() => TransportDetector.TryDetect(Support.Hex.Bytes(start), out _, out _));
        Assert.Contains("full-transport", ex.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void RandomBytesAreNotAnObfuscatedHeader(int seed)
    {
        var rng = new Random(seed);
        var garbage = new byte[64];
        rng.NextBytes(garbage);
        garbage[0] = 0x42;
        garbage[4] = 0x01;
        Assert.Throws<UnknownTransportTagException>(() => TransportDetector.TryDetect(garbage, out _, out _));
    }

    [Fact]
    public void TamperedObfuscatedTagIsRejected()
    {
        using var client = TransportCodec.CreateObfuscatedClient(TransportKind.Abridged, 3, Options(8));
        var wire = PackAll(client, [Payload(8)]);
        wire[57] ^= 0x40;
        var ex = Assert.Throws<UnknownTransportTagException>(() => TransportDetector.TryDetect(wire, out _, out _));
        Assert.Equal(0xefefafefu, ex.Tag);
    }

    [Fact]
    public void ProxySecretMustMatch()
    {
        var secret = Enumerable.Range(1, 16).Select(i => (byte)i).ToArray();
        using var client = TransportCodec.CreateObfuscatedClient(TransportKind.PaddedIntermediate, -4, Options(10), secret);
        var wire = PackAll(client, [Payload(64)]);

        Assert.True(TransportDetector.TryDetect(wire, out var detection, out _, proxySecret: secret));
        using var codec = detection.Codec;
        Assert.Equal((short)-4, detection.DcId);
        var frame = Assert.Single(Receive(codec, wire, Feed.RandomChunks, 10));
        Assert.Equal(Payload(64), frame.Payload[..64]);

        Assert.Throws<UnknownTransportTagException>(() => TransportDetector.TryDetect(wire, out _, out _));
        Assert.Throws<ArgumentException>(() => TransportDetector.TryDetect(wire, out _, out _, proxySecret: new byte[8]));
    }

    [Fact]
    public void EmptySequenceNeedsOneByte()
    {
        Assert.False(TransportDetector.TryDetect(ReadOnlySequence<byte>.Empty, out var detection, out var required));
        Assert.Null(detection);
        Assert.Equal(1, required);
    }
}
