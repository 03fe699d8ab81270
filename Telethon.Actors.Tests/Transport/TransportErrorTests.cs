using System.Buffers;
using System.Buffers.Binary;
using Telethon.Tests.Support;
using Telethon.Transport;
using static Telethon.Tests.Transport.TransportTestSupport;

namespace Telethon.Tests.Transport;

/// <summary>Bad input from the peer and misuse by the caller end in typed exceptions.</summary>
public sealed class TransportErrorTests
{
    [Theory]
    [InlineData(TransportKind.Abridged, false, -404)]
    [InlineData(TransportKind.Intermediate, false, -429)]
    [InlineData(TransportKind.PaddedIntermediate, false, -444)]
    [InlineData(TransportKind.Full, false, -404)]
    [InlineData(TransportKind.Abridged, true, -429)]
    [InlineData(TransportKind.Intermediate, true, -404)]
    [InlineData(TransportKind.PaddedIntermediate, true, -444)]
    public void ServerTransportErrorReachesTheClientAsTypedException(TransportKind kind, bool obfuscated, int code)
    {
        using var client = obfuscated
            ? TransportCodec.CreateObfuscatedClient(kind, 2, Options(1))
            : TransportCodec.Create(kind, TransportRole.Client, Options(1));
        var hello = PackAll(client, [Payload(24)]);
        Assert.True(TransportDetector.TryDetect(hello, out var detection, out _, Options(2)));
        using var server = detection.Codec;
        Assert.Single(Receive(server, hello, Feed.Bulk, 3));

        var writer = new ArrayBufferWriter<byte>();
        server.Pack(Payload(8), writer);
        server.PackTransportError(code, writer);
        var wire = writer.WrittenSpan.ToArray();

        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(TransportReadStatus.Frame, client.TryUnpack(wire, output, out var consumed).Status);
        // Byte by byte, the error is reported only once all of it is there.
        var rest = wire[consumed..];
        for (var n = 0; n < rest.Length; n++)
            Assert.Equal(TransportReadStatus.NeedMoreData, client.TryUnpack(rest.AsSpan(0, n), output, out _).Status);
        var ex = Assert.Throws<TransportErrorException>(() => client.TryUnpack(rest, output, out _));
        Assert.Equal(code, ex.Code);

        // The connection is finished: further reads are refused.
        Assert.Throws<InvalidOperationException>(() => client.TryUnpack(rest, output, out _));
    }

    [Fact]
    public void FullTransportErrorAsBareWordAndAsFrame()
    {
        using var server = TransportCodec.Create(TransportKind.Full, TransportRole.Server);
        var writer = new ArrayBufferWriter<byte>();
        server.PackTransportError(-404, writer);
        Assert.Equal("6cfeffff", Hex.Of(writer.WrittenSpan));

        // A complete full frame whose payload is a negative word is an error too, once its CRC holds.
        using var sender = TransportCodec.Create(TransportKind.Full, TransportRole.Server);
        var frame = PackAll(sender, [BitConverter.GetBytes(-429)]);
        using var client = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        Assert.Equal(-429, Assert.Throws<TransportErrorException>(() => client.TryUnpack(frame, new ArrayBufferWriter<byte>(), out _)).Code);

        frame[^1] ^= 1;
        using var other = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        Assert.Throws<BadCrcException>(() => other.TryUnpack(frame, new ArrayBufferWriter<byte>(), out _));
    }

    [Fact]
    public void ServerReadsShortNegativeBodiesAsOrdinaryFrames()
    {
        using var client = TransportCodec.Create(TransportKind.Intermediate, TransportRole.Client);
        var wire = PackAll(client, [BitConverter.GetBytes(-404)]);
        using var server = TransportCodec.Create(TransportKind.Intermediate, TransportRole.Server);
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(TransportReadStatus.Frame, server.TryUnpack(wire, output, out _).Status);
        Assert.Equal(-404, BitConverter.ToInt32(output.WrittenSpan));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void FullCorruptCrcIsRejected(int seed)
    {
        var rng = new Random(seed);
        using var sender = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        var payloads = Enumerable.Range(0, 5).Select(_ => RandomPayload(rng, 2000)).ToList();
        var wire = PackAll(sender, payloads);
        var position = rng.Next(0, wire.Length);
        // Corrupt a byte of the last frame that is not in its length or sequence fields.
        var lastStart = wire.Length - (payloads[^1].Length + 12);
        position = Math.Max(position, lastStart + 8);
        wire[position] ^= (byte)(1 << rng.Next(8));

        using var receiver = TransportCodec.Create(TransportKind.Full, TransportRole.Server);
        var output = new ArrayBufferWriter<byte>();
        var offset = 0;
        for (var i = 0; i < payloads.Count - 1; i++)
        {
            Assert.Equal(TransportReadStatus.Frame, receiver.TryUnpack(wire.AsSpan(offset), output, out var consumed).Status);
            offset += consumed;
        }
        var ex = Assert.Throws<BadCrcException>(() => receiver.TryUnpack(wire.AsSpan(offset), output, out _));
        Assert.NotEqual(ex.Expected, ex.Actual);
    }

    [Fact]
    public void FullSequenceNumbersCountPerDirection()
    {
        using var client = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        using var server = TransportCodec.Create(TransportKind.Full, TransportRole.Server);
        var up = PackAll(client, [Payload(8), Payload(8), Payload(8)]);
        Assert.Equal(3, Receive(server, up, Feed.RandomChunks, 1).Count);
        var down = PackAll(server, [Payload(8)]);
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(down.AsSpan(4)));
        Assert.Single(Receive(client, down, Feed.Bulk, 2));

        // A replayed frame carries a stale sequence number.
        var replay = PackAll(TransportCodec.Create(TransportKind.Full, TransportRole.Server), [Payload(8)]);
        var ex = Assert.Throws<BadSequenceNumberException>(() => client.TryUnpack(replay, new ArrayBufferWriter<byte>(), out _));
        Assert.Equal(1, ex.Expected);
        Assert.Equal(0, ex.Actual);
    }

    [Theory]
    [InlineData(TransportKind.Abridged, TransportRole.Client, "7fffffff")]
    [InlineData(TransportKind.Abridged, TransportRole.Server, "efffffffff")]
    [InlineData(TransportKind.Intermediate, TransportRole.Client, "ffffff7f")]
    [InlineData(TransportKind.Intermediate, TransportRole.Server, "eeeeeeeefcffffff")]
    [InlineData(TransportKind.PaddedIntermediate, TransportRole.Server, "dddddddd01000001")]
    [InlineData(TransportKind.Full, TransportRole.Client, "10000001")]
    [InlineData(TransportKind.Full, TransportRole.Server, "fcffff7f")]
    public void OversizedLengthIsRejectedFromThePrefixAlone(TransportKind kind, TransportRole role, string start)
    {
        using var codec = TransportCodec.Create(kind, role);
        var ex = Assert.Throws<FrameTooLargeException>(() => codec.TryUnpack(Hex.Bytes(start), new ArrayBufferWriter<byte>(), out _));
        Assert.True(ex.Length > TransportOptions.DefaultMaxFrameLength);
        Assert.Equal(TransportOptions.DefaultMaxFrameLength, ex.MaxLength);
    }

    [Theory]
    [InlineData(TransportKind.Abridged)]
    [InlineData(TransportKind.Intermediate)]
    [InlineData(TransportKind.PaddedIntermediate)]
    [InlineData(TransportKind.Full)]
    public void ConfiguredLimitIsExactOnBothSides(TransportKind kind)
    {
        var options = new TransportOptions { MaxFrameLength = 1024, Random = Seeded(9) };
        using var client = TransportCodec.Create(kind, TransportRole.Client, options);
        using var server = TransportCodec.Create(kind, TransportRole.Server, options);

        var writer = new ArrayBufferWriter<byte>();
        var tooLarge = Assert.Throws<FrameTooLargeException>(() => client.Pack(new byte[1028], writer));
        Assert.Equal(1028, tooLarge.Length);
        Assert.Equal(0, writer.WrittenCount);

        // At the limit it passes (padding is trimmed to stay within it).
        client.Pack(new byte[1024], writer);
        var received = Receive(server, writer.WrittenSpan.ToArray(), Feed.RandomChunks, 4);
        Assert.Equal(1024, Assert.Single(received).Payload.Length);

        // A bigger sender is refused by the receiver as soon as the length arrives.
        using var big = TransportCodec.Create(kind, TransportRole.Client, new TransportOptions { MaxFrameLength = 4096 });
        using var small = TransportCodec.Create(kind, TransportRole.Server, options);
        var wire = PackAll(big, [new byte[2048]]);
        Assert.Throws<FrameTooLargeException>(() => small.TryUnpack(wire.AsSpan(0, 12), new ArrayBufferWriter<byte>(), out _));
    }

    [Theory]
    [InlineData(TransportKind.Intermediate, TransportRole.Client, "05000000")]
    [InlineData(TransportKind.Full, TransportRole.Client, "08000000")]
    [InlineData(TransportKind.Full, TransportRole.Client, "0d000000")]
    [InlineData(TransportKind.Full, TransportRole.Server, "fcffffff")]
    public void MalformedLengthsAreRejected(TransportKind kind, TransportRole role, string start)
    {
        using var codec = TransportCodec.Create(kind, role);
        Assert.Throws<MalformedFrameException>(() => codec.TryUnpack(Hex.Bytes(start), new ArrayBufferWriter<byte>(), out _));
    }

    [Theory]
    [InlineData(TransportKind.Abridged, "ee")]
    [InlineData(TransportKind.Intermediate, "dddddddd")]
    [InlineData(TransportKind.PaddedIntermediate, "eeeeeeee")]
    [InlineData(TransportKind.Intermediate, "GET ")]
    public void ServerCodecRejectsAWrongTag(TransportKind kind, string start)
    {
        using var codec = TransportCodec.Create(kind, TransportRole.Server);
        var input = start.All(Uri.IsHexDigit) ? Hex.Bytes(start) : System.Text.Encoding.ASCII.GetBytes(start);
        var output = new ArrayBufferWriter<byte>();
        Assert.Equal(TransportReadStatus.NeedMoreData, codec.TryUnpack(input.AsSpan(0, input.Length - 1), output, out _).Status);
        Assert.Throws<UnknownTransportTagException>(() => codec.TryUnpack([.. input, 0, 0, 0, 0], output, out _));
    }

    [Fact]
    public void PackRejectsMisuse()
    {
        var writer = new ArrayBufferWriter<byte>();
        using var client = TransportCodec.Create(TransportKind.Abridged, TransportRole.Client);
        Assert.Throws<ArgumentException>(() => client.Pack(new byte[6], writer));
        Assert.Throws<InvalidOperationException>(() => client.PackQuickAck(1, writer));
        Assert.Throws<InvalidOperationException>(() => client.PackTransportError(-404, writer));

        using var server = TransportCodec.Create(TransportKind.Intermediate, TransportRole.Server);
        Assert.Throws<InvalidOperationException>(() => server.Pack(new byte[4], writer, requestQuickAck: true));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.PackTransportError(0, writer));
        Assert.Throws<ArgumentOutOfRangeException>(() => server.PackTransportError(404, writer));

        using var full = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        Assert.False(full.SupportsQuickAck);
        Assert.Throws<NotSupportedException>(() => full.Pack(new byte[4], writer, requestQuickAck: true));
        using var fullServer = TransportCodec.Create(TransportKind.Full, TransportRole.Server);
        Assert.Throws<NotSupportedException>(() => fullServer.PackQuickAck(1, writer));

        Assert.Equal(0, writer.WrittenCount);
        Assert.Throws<ArgumentException>(() => TransportCodec.CreateObfuscatedClient(TransportKind.Full, 1));
        Assert.Throws<ArgumentException>(() => TransportCodec.CreateObfuscatedClient(TransportKind.Abridged, 1, proxySecret: new byte[15]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransportOptions { MaxFrameLength = 8 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new TransportOptions { MaxFrameLength = int.MaxValue });
        Assert.Throws<ArgumentOutOfRangeException>(() => TransportCodec.Create((TransportKind)42, TransportRole.Client));
    }

    [Fact]
    public void DisposedCodecRefusesWork()
    {
        var codec = TransportCodec.CreateObfuscatedClient(TransportKind.Abridged, 1);
        codec.Dispose();
        Assert.Throws<ObjectDisposedException>(() => codec.Pack(new byte[4], new ArrayBufferWriter<byte>()));
        Assert.Throws<ObjectDisposedException>(() => codec.TryUnpack(new byte[4], new ArrayBufferWriter<byte>(), out _));
    }

    [Theory]
    [InlineData(TransportKind.Abridged, false)]
    [InlineData(TransportKind.PaddedIntermediate, true)]
    [InlineData(TransportKind.Intermediate, true)]
    [InlineData(TransportKind.Full, false)]
    public void SteadyStatePackAndUnpackDoNotAllocate(TransportKind kind, bool obfuscated)
    {
        var options = new TransportOptions { Random = span => span.Fill(3) };
        using var client = obfuscated
            ? TransportCodec.CreateObfuscatedClient(kind, 1, options)
            : TransportCodec.Create(kind, TransportRole.Client, options);
        var data = new byte[3000];
        var hello = PackAll(client, [data]);
        Assert.True(TransportDetector.TryDetect(hello, out var detection, out _, options));
        using var server = detection.Codec;
        Assert.Single(Receive(server, hello, Feed.Bulk, 1));
        var down = new ArrayBufferWriter<byte>();
        for (var i = 0; i < 101; i++)
            server.Pack(data, down);
        var downBytes = down.WrittenSpan.ToArray();

        var wire = new ArrayBufferWriter<byte>(16 * 1024);
        var output = new ArrayBufferWriter<byte>(16 * 1024);
        Assert.Equal(TransportReadStatus.Frame, client.TryUnpack(downBytes, output, out var offset).Status);
        client.Pack(data, wire);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            output.ResetWrittenCount();
            client.TryUnpack(downBytes.AsSpan(offset), output, out var consumed);
            offset += consumed;
            wire.ResetWrittenCount();
            client.Pack(data, wire, requestQuickAck: client.SupportsQuickAck);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(downBytes.Length, offset);
        Assert.True(output.WrittenCount >= data.Length);
    }
}
