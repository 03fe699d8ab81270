using System.Buffers;
using Telethon.Transport;

namespace Telethon.Tests.Transport;

/// <summary>Helpers shared by the transport tests: payloads, seeded randomness, a simulated receive loop.</summary>
public static class TransportTestSupport
{
    /// <summary>The vectors' payload convention: byte i is i &amp; 0xff.</summary>
    public static byte[] Payload(int length) => Enumerable.Range(0, length).Select(i => (byte)i).ToArray();

    /// <summary>Deterministic randomness for codecs.</summary>
    public static RandomFill Seeded(int seed)
    {
        var rng = new Random(seed);
        return span => rng.NextBytes(span);
    }

    /// <summary>Options with deterministic randomness.</summary>
    public static TransportOptions Options(int seed, int maxFrameLength = TransportOptions.DefaultMaxFrameLength) =>
        new() { Random = Seeded(seed), MaxFrameLength = maxFrameLength };

    /// <summary>A random payload whose length is a multiple of 4 up to <paramref name="maxLength"/>.</summary>
    public static byte[] RandomPayload(Random rng, int maxLength)
    {
        var payload = new byte[rng.Next(0, (maxLength / 4) + 1) * 4];
        rng.NextBytes(payload);
        return payload;
    }

    /// <summary>Packs every payload with one codec and returns the bytes on the wire.</summary>
    public static byte[] PackAll(ITransportCodec codec, IEnumerable<byte[]> payloads)
    {
        var writer = new ArrayBufferWriter<byte>();
        foreach (var payload in payloads)
            codec.Pack(payload, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>How received bytes are handed to the codec.</summary>
    public enum Feed
    {
        ByteByByte,
        RandomChunks,
        Bulk,
        SegmentedSequence,
    }

    /// <summary>One item a receiver read.</summary>
    public sealed record Item(TransportReadStatus Status, byte[] Payload, bool QuickAckRequested, uint Token);

    /// <summary>
    /// Simulates a receive loop: bytes arrive in chunks; after each, the codec is asked for items
    /// until it needs more. Checks that a "need more" answer consumes and writes nothing and asks
    /// for more than is available.
    /// </summary>
    public static List<Item> Receive(ITransportCodec codec, byte[] wire, Feed feed, int seed) =>
        Receive(wire, feed, seed, _ => codec);

    /// <summary>
    /// As <see cref="Receive(ITransportCodec, byte[], Feed, int)"/>, where the codec is obtained on demand
    /// (a server detects the transport from the first bytes before it has one).
    /// </summary>
    public static List<Item> Receive(byte[] wire, Feed feed, int seed, Func<byte[], ITransportCodec?> codecFor)
    {
        var rng = new Random(seed);
        var items = new List<Item>();
        var pending = new List<byte>();
        var offset = 0;
        ITransportCodec? codec = null;
        while (offset < wire.Length || pending.Count > 0)
        {
            if (offset < wire.Length)
            {
                var n = feed switch
                {
                    Feed.ByteByByte => 1,
                    Feed.Bulk => wire.Length,
                    _ => rng.Next(1, 300),
                };
                n = Math.Min(n, wire.Length - offset);
                pending.AddRange(wire.AsSpan(offset, n).ToArray());
                offset += n;
            }
            codec ??= codecFor(pending.ToArray());
            if (codec is null)
                continue;

            while (true)
            {
                var buffer = pending.ToArray();
                var writer = new ArrayBufferWriter<byte>();
                TransportReadResult result;
                int consumed;
                if (feed == Feed.SegmentedSequence)
                {
                    var sequence = Segmented(buffer, rng);
                    result = codec.TryUnpack(sequence, writer, out var position);
                    consumed = (int)sequence.Slice(0, position).Length;
                }
                else
                {
                    result = codec.TryUnpack(buffer, writer, out consumed);
                }

                if (result.Status == TransportReadStatus.NeedMoreData)
                {
                    Assert.Equal(0, consumed);
                    Assert.Equal(0, writer.WrittenCount);
                    Assert.True(result.RequiredLength > buffer.Length, $"asked for {result.RequiredLength} with {buffer.Length} available");
                    if (offset >= wire.Length)
                        Assert.Fail($"{buffer.Length} bytes left over that make no whole item");
                    break;
                }
                Assert.True(consumed > 0);
                if (result.Status == TransportReadStatus.Frame)
                    Assert.Equal(result.PayloadLength, writer.WrittenCount);
                else
                    Assert.Equal(0, writer.WrittenCount);
                items.Add(new Item(result.Status, writer.WrittenSpan.ToArray(), result.QuickAckRequested, result.QuickAckToken));
                pending.RemoveRange(0, consumed);
                if (pending.Count == 0)
                    break;
            }
        }
        return items;
    }

    /// <summary>The bytes split into a sequence of random segments (some empty).</summary>
    public static ReadOnlySequence<byte> Segmented(byte[] bytes, Random rng)
    {
        if (bytes.Length == 0)
            return ReadOnlySequence<byte>.Empty;
        Segment? first = null;
        Segment? last = null;
        var offset = 0;
        while (offset < bytes.Length)
        {
            var n = Math.Min(bytes.Length - offset, rng.Next(0, 40));
            var memory = bytes.AsMemory(offset, n);
            if (first is null)
                first = last = new Segment(memory, 0);
            else
                last = last!.Append(memory);
            offset += n;
        }
        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
