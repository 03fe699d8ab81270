using System.Buffers;
using System.Text.Json;
using Telethon.Crypto;
using Telethon.Tests.Support;
using Telethon.Transport;
using static Telethon.Tests.Transport.TransportTestSupport;

namespace Telethon.Tests.Transport;

/// <summary>Every vector of ../shared/vectors/transports.json.</summary>
public sealed class TransportVectorTests
{
    private const string VectorFile = "vectors/transports.json";

    [SkippableTheory]
    [InlineData("abridged", TransportKind.Abridged, 1)]
    [InlineData("intermediate", TransportKind.Intermediate, 4)]
    [InlineData("full", TransportKind.Full, 0)]
    public void PackVectors(string section, TransportKind kind, int tagLength)
    {
        using var json = SharedData.Json(VectorFile);
        var vectors = json.RootElement.GetProperty(section).GetProperty("pack").EnumerateArray().ToList();
        Assert.NotEmpty(vectors);

        foreach (var vector in vectors)
        {
            var payload = Payload(vector.GetProperty("payload_len").GetInt32());
            // A vector with seq n is packet n on its transport: pack n earlier ones first.
            var seq = vector.TryGetProperty("seq", out var seqElement) ? seqElement.GetInt32() : 0;
            using var codec = TransportCodec.Create(kind, TransportRole.Client);
            var writer = new ArrayBufferWriter<byte>();
            for (var i = 0; i <= seq; i++)
            {
                writer.ResetWrittenCount();
                codec.Pack(payload, writer);
            }
            var wire = writer.WrittenSpan.ToArray();
            AssertMatches(vector, payload, wire);

            // The receiving side of the same framing gets the payload back. A client reads what a
            // server sends, which has no tag; a server reads the client's bytes, tag included.
            if (seq == 0)
            {
                using var client = TransportCodec.Create(kind, TransportRole.Client);
                Assert.Equal(Hex.Of(payload), Hex.Of(UnpackOne(client, wire.AsSpan(tagLength), wire.Length - tagLength)));
                using var server = TransportCodec.Create(kind, TransportRole.Server);
                Assert.Equal(Hex.Of(payload), Hex.Of(UnpackOne(server, wire, wire.Length)));
            }
        }
    }

    [SkippableTheory]
    [InlineData("abridged", TransportKind.Abridged, 1)]
    [InlineData("intermediate", TransportKind.Intermediate, 4)]
    public void UnpackRuleConsumesExactlyOnePacket(string section, TransportKind kind, int tagLength)
    {
        using var json = SharedData.Json(VectorFile);
        foreach (var vector in json.RootElement.GetProperty(section).GetProperty("pack").EnumerateArray())
        {
            var payload = Payload(vector.GetProperty("payload_len").GetInt32());
            using var sender = TransportCodec.Create(kind, TransportRole.Client);
            var packed = PackAll(sender, [payload])[tagLength..];
            var twice = packed.Concat(packed).ToArray();

            using var receiver = TransportCodec.Create(kind, TransportRole.Client);
            var writer = new ArrayBufferWriter<byte>();
            var result = receiver.TryUnpack(twice, writer, out var consumed);
            Assert.Equal(TransportReadStatus.Frame, result.Status);
            Assert.Equal(packed.Length, consumed);
            Assert.Equal(Hex.Of(payload), Hex.Of(writer.WrittenSpan));
        }
    }

    [SkippableTheory]
    [InlineData("abridged", TransportKind.Abridged)]
    [InlineData("intermediate", TransportKind.Intermediate)]
    [InlineData("full", TransportKind.Full)]
    public void UnpackErrorVectorsWithInput(string section, TransportKind kind)
    {
        using var json = SharedData.Json(VectorFile);
        var checkedAny = false;
        foreach (var vector in json.RootElement.GetProperty(section).GetProperty("unpack_errors").EnumerateArray())
        {
            if (!vector.TryGetProperty("input", out var inputElement))
                continue;
            checkedAny = true;
            var input = Hex.Bytes(inputElement.GetString()!);
            var error = vector.GetProperty("error").GetString()!;
            using var codec = TransportCodec.Create(kind, TransportRole.Client);
            var writer = new ArrayBufferWriter<byte>();
            if (error == "missing bytes")
            {
                var result = codec.TryUnpack(input, writer, out var consumed);
                Assert.Equal(TransportReadStatus.NeedMoreData, result.Status);
                Assert.Equal(0, consumed);
                Assert.True(result.RequiredLength > input.Length);
            }
            else
            {
                Assert.StartsWith("bad status 404", error);
                var ex = Assert.Throws<TransportErrorException>(() => codec.TryUnpack(input, writer, out _));
                Assert.Equal(-404, ex.Code);
            }
        }
        Assert.True(checkedAny);
    }

    [SkippableFact]
    public void FullBadCrcVector()
    {
        using var json = SharedData.Json(VectorFile);
        var vector = json.RootElement.GetProperty("full").GetProperty("unpack_errors").EnumerateArray()
            .Single(v => v.GetProperty("error").GetString() == "bad crc");
        using var sender = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        var wire = PackAll(sender, [Payload(128)]);
        wire[^1] ^= 0xff;

        using var receiver = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        var ex = Assert.Throws<BadCrcException>(() => receiver.TryUnpack(wire, new ArrayBufferWriter<byte>(), out _));
        Assert.Equal(vector.GetProperty("expected_crc").GetUInt32(), ex.Expected);
        Assert.Equal(vector.GetProperty("got_crc").GetUInt32(), ex.Actual);
    }

    [SkippableFact]
    public void FullBadSeqVector()
    {
        using var json = SharedData.Json(VectorFile);
        var vector = json.RootElement.GetProperty("full").GetProperty("unpack_errors").EnumerateArray()
            .Single(v => v.GetProperty("error").GetString() == "bad seq");
        using var sender = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        var wire = PackAll(sender, [Payload(128), Payload(128)]);
        var second = wire[(wire.Length / 2)..];

        using var receiver = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        var ex = Assert.Throws<BadSequenceNumberException>(() => receiver.TryUnpack(second, new ArrayBufferWriter<byte>(), out _));
        Assert.Equal(vector.GetProperty("expected").GetInt32(), ex.Expected);
        Assert.Equal(vector.GetProperty("got").GetInt32(), ex.Actual);

        // The same with the sequence byte of a first packet set to 1.
        var first = wire[..(wire.Length / 2)];
        first[4] = 1;
        using var other = TransportCodec.Create(TransportKind.Full, TransportRole.Client);
        var again = Assert.Throws<BadSequenceNumberException>(() => other.TryUnpack(first, new ArrayBufferWriter<byte>(), out _));
        Assert.Equal(0, again.Expected);
        Assert.Equal(1, again.Actual);
    }

    [SkippableFact]
    public void Obfuscated2HeaderVectors()
    {
        using var json = SharedData.Json(VectorFile);
        var vectors = json.RootElement.GetProperty("obfuscated2_gotd").GetProperty("vectors").EnumerateArray()
            .Where(v => v.TryGetProperty("expected_header", out _)).ToList();
        Assert.NotEmpty(vectors);
        foreach (var vector in vectors)
        {
            var random = Hex.Bytes(vector.GetProperty("random_64").GetString()!);
            var kind = KindOfTag(vector.GetProperty("protocol_tag").GetString()!);
            var secret = Hex.Bytes(vector.GetProperty("secret").GetString()!);
            var dc = vector.GetProperty("dc").GetInt16();
            var expectedHeader = vector.GetProperty("expected_header").GetString()!;
            Assert.True(Obfuscated2.IsAcceptableInit(random));

            // The low-level handshake.
            var header = new byte[Obfuscated2.HeaderLength];
            using var client = Obfuscated2.CreateClient(random, kind, dc, header, secret);
            Assert.Equal(expectedHeader, Hex.Of(header));

            // The codec sends the same header before its first frame.
            var served = false;
            RandomFill fill = span =>
            {
                if (!served && span.Length == Obfuscated2.HeaderLength)
                {
                    random.CopyTo(span);
                    served = true;
                }
                else
                {
                    span.Clear();
                }
            };
            using var codec = TransportCodec.CreateObfuscatedClient(kind, dc, new TransportOptions { Random = fill }, secret);
            var wire = PackAll(codec, [Payload(16)]);
            Assert.Equal(expectedHeader, Hex.Of(wire.AsSpan(0, Obfuscated2.HeaderLength)));

            // The server side recovers framing and DC id from the header, and reads the frame.
            using var server = Obfuscated2.AcceptServer(Hex.Bytes(expectedHeader), secret);
            Assert.Equal(kind, server.Kind);
            Assert.Equal(dc, server.DcId);
            Assert.True(TransportDetector.TryDetect(wire, out var detection, out _, proxySecret: secret));
            Assert.True(detection.IsObfuscated);
            Assert.Equal(kind, detection.Kind);
            Assert.Equal(dc, detection.DcId);
            using var serverCodec = detection.Codec;
            var frame = UnpackOne(serverCodec, wire, wire.Length);
            Assert.Equal(Hex.Of(Payload(16)), Hex.Of(frame.AsSpan(0, 16)));

            if (vector.TryGetProperty("after_header_encrypt_abcd", out var encryptedAbcd))
            {
                var abcd = "abcd"u8.ToArray();
                var sent = new byte[4];
                client.Encryptor.Transform(abcd, sent);
                Assert.Equal(encryptedAbcd.GetString(), Hex.Of(sent));
                var received = new byte[4];
                server.Decryptor.Transform(sent, received);
                Assert.Equal("abcd"u8.ToArray(), received);
            }
            if (vector.TryGetProperty("decrypt_stream_abcd", out var decryptAbcd))
            {
                var fromServer = new byte[4];
                server.Encryptor.Transform("abcd"u8, fromServer);
                Assert.Equal(decryptAbcd.GetString(), Hex.Of(fromServer));
                var clientView = new byte[4];
                client.Decryptor.Transform("abcd"u8, clientView);
                Assert.Equal(decryptAbcd.GetString(), Hex.Of(clientView));
            }
        }
    }

    [SkippableFact]
    public void Obfuscated2DecryptKeyIsTheReversedHeaderVector()
    {
        using var json = SharedData.Json(VectorFile);
        var vector = json.RootElement.GetProperty("obfuscated2_gotd").GetProperty("vectors").EnumerateArray()
            .Single(v => v.TryGetProperty("expected_reversed_8_56", out _));
        var init = Hex.Bytes(vector.GetProperty("init").GetString()!);
        var reversed = Hex.Bytes(vector.GetProperty("expected_reversed_8_56").GetString()!);

        // Without a proxy secret the receiving stream is keyed with reversed(init[8:56]) directly.
        using var client = Obfuscated2.CreateClient(init, TransportKind.Intermediate, 2, new byte[64]);
        using var reference = new AesCtr(reversed.AsSpan(0, 32), reversed.AsSpan(32, 16));
        var data = Payload(100);
        var fromClient = new byte[100];
        var fromReference = new byte[100];
        client.Decryptor.Transform(data, fromClient);
        reference.Transform(data, fromReference);
        Assert.Equal(Hex.Of(fromReference), Hex.Of(fromClient));

        // And the sending stream with init[8:40] / init[40:56], whose first 64 bytes went into the header.
        using var sendReference = new AesCtr(init.AsSpan(8, 32), init.AsSpan(40, 16));
        sendReference.Transform(new byte[64]);
        client.Encryptor.Transform(data, fromClient);
        sendReference.Transform(data, fromReference);
        Assert.Equal(Hex.Of(fromReference), Hex.Of(fromClient));
    }

    private static TransportKind KindOfTag(string tag) => tag switch
    {
        "efefefef" => TransportKind.Abridged,
        "eeeeeeee" => TransportKind.Intermediate,
        "dddddddd" => TransportKind.PaddedIntermediate,
        _ => throw new ArgumentException($"unknown tag {tag}"),
    };

    private static void AssertMatches(JsonElement vector, byte[] payload, byte[] wire)
    {
        if (vector.TryGetProperty("expected", out var expected))
        {
            Assert.Equal(expected.GetString(), Hex.Of(wire));
            return;
        }
        var prefix = vector.GetProperty("expected_prefix").GetString()!;
        Assert.Equal("payload", vector.GetProperty("then").GetString());
        var suffix = vector.TryGetProperty("expected_suffix", out var s) ? s.GetString()! : "";
        Assert.Equal(prefix + Hex.Of(payload) + suffix, Hex.Of(wire));
    }

    private static byte[] UnpackOne(ITransportCodec codec, ReadOnlySpan<byte> input, int expectedConsumed)
    {
        var writer = new ArrayBufferWriter<byte>();
        var result = codec.TryUnpack(input, writer, out var consumed);
        Assert.Equal(TransportReadStatus.Frame, result.Status);
        Assert.Equal(expectedConsumed, consumed);
        return writer.WrittenSpan.ToArray();
    }
}
