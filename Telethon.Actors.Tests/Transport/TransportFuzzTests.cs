using System.Buffers;
using Telethon.Transport;
using static Telethon.Tests.Transport.TransportTestSupport;

namespace Telethon.Tests.Transport;

/// <summary>Random and mutated input never escapes as anything but a transport exception.</summary>
public sealed class TransportFuzzTests
{
    [Theory]
    [InlineData(TransportKind.Abridged)]
    [InlineData(TransportKind.Intermediate)]
    [InlineData(TransportKind.PaddedIntermediate)]
    [InlineData(TransportKind.Full)]
    public void RandomBytesIntoEveryCodec(TransportKind kind)
    {
        var outcomes = new Dictionary<string, int>();
        for (var seed = 0; seed < 300; seed++)
        {
            var rng = new Random(seed);
            var input = new byte[rng.Next(0, 600)];
            rng.NextBytes(input);
            if (input.Length > 4 && rng.Next(2) == 0)
                input[rng.Next(0, 4)] = (byte)rng.Next(0, 3); // small lengths, so frames complete
            foreach (var role in new[] { TransportRole.Client, TransportRole.Server })
            {
                using var codec = TransportCodec.Create(kind, role, new TransportOptions { MaxFrameLength = 256 });
                var outcome = Drain(codec, input, rng);
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
        }
        Assert.True(outcomes.Count > 1, string.Join(", ", outcomes.Select(o => $"{o.Key}={o.Value}")));
    }

    [Theory]
    [InlineData(TransportKind.Abridged, false)]
    [InlineData(TransportKind.Intermediate, true)]
    [InlineData(TransportKind.PaddedIntermediate, true)]
    [InlineData(TransportKind.Full, false)]
    public void MutatedValidStreamsIntoDetectorAndServer(TransportKind kind, bool obfuscated)
    {
        var options = new TransportOptions { MaxFrameLength = 4096 };
        var detected = 0;
        var rejected = 0;
        for (var seed = 0; seed < 200; seed++)
        {
            var rng = new Random(seed);
            using var client = obfuscated
                ? TransportCodec.CreateObfuscatedClient(kind, 1, Options(seed, 4096))
                : TransportCodec.Create(kind, TransportRole.Client, Options(seed, 4096));
            var wire = PackAll(client, Enumerable.Range(0, 4).Select(_ => RandomPayload(rng, 500)));
            for (var flips = rng.Next(1, 4); flips > 0; flips--)
                wire[rng.Next(wire.Length)] ^= (byte)(1 << rng.Next(8));
            var cut = wire.AsSpan(0, rng.Next(0, wire.Length + 1)).ToArray();

            try
            {
                if (TransportDetector.TryDetect(cut, out var detection, out var required, options))
                {
                    detected++;
                    using var codec = detection.Codec;
                    if (Drain(codec, cut, rng) != "need-more")
                        rejected++;
                }
                else
                {
                    Assert.True(required > cut.Length);
                }
            }
            catch (TransportException)
            {
                rejected++;
            }
        }
        Assert.True(detected > 0 && rejected > 0, $"detected {detected}, rejected {rejected}");
    }

    /// <summary>Reads items until the codec needs more or throws; only transport exceptions may escape.</summary>
    private static string Drain(ITransportCodec codec, byte[] input, Random rng)
    {
        var offset = 0;
        var output = new ArrayBufferWriter<byte>();
        try
        {
            while (true)
            {
                var useSequence = rng.Next(2) == 0;
                TransportReadResult result;
                int consumed;
                if (useSequence)
                {
                    var sequence = Segmented(input[offset..], rng);
                    result = codec.TryUnpack(sequence, output, out var position);
                    consumed = (int)sequence.Slice(0, position).Length;
                }
                else
                {
                    result = codec.TryUnpack(input.AsSpan(offset), output, out consumed);
                }
                if (result.Status == TransportReadStatus.NeedMoreData)
                {
                    Assert.Equal(0, consumed);
                    Assert.True(result.RequiredLength > input.Length - offset);
                    return "need-more";
                }
                Assert.True(consumed > 0);
                offset += consumed;
            }
        }
        catch (TransportException ex)
        {
            return ex.GetType().Name;
        }
    }
}
