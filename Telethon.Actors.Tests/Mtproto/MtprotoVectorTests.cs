using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tests.Support;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Types;

namespace Telethon.Tests.Mtproto;

/// <summary>Known answers of ../shared/vectors/mtp_messages.json and the message-layer part of msg_key_kdf.json.</summary>
public sealed class MtprotoVectorTests
{
    private static JsonDocument Messages() => SharedData.Json("vectors/mtp_messages.json");

    private static MtprotoClientSession NewClient(SessionPair pair, int compressionThreshold = 512) =>
        new(pair.Key, 0, options: new MtprotoSessionOptions
        {
            Time = pair.ClientClock,
            Random = new Crypto.SeededRandom(3),
            CompressionThreshold = compressionThreshold,
        });

    [SkippableFact]
    public void SingleMessageHasSaltZeroARandomSessionSeqNoOneAndItsLength()
    {
        using var doc = Messages();
        var single = doc.RootElement.GetProperty("encrypted_plaintext").GetProperty("single");
        var body = Encoding.ASCII.GetBytes(single.GetProperty("body_ascii").GetString()!);
        var pair = new SessionPair();
        var client = NewClient(pair);
        var request = client.Enqueue(body);

        var (salt, sessionId, msgId, seqNo, sent) = Packets.Open(pair.Key, client.PackOutgoing()!, MessageDirection.ClientToServer);

        Assert.Equal(0, salt);
        Assert.NotEqual(0, sessionId);
        Assert.Equal(client.SessionId, sessionId);
        Assert.Equal(request.MsgId, msgId);
        Assert.Equal(1, seqNo);
        Assert.Equal(body, sent);
    }

    [SkippableFact]
    public void TwoMessagesMakeTheContainerOfTheVector()
    {
        using var doc = Messages();
        var v = doc.RootElement.GetProperty("encrypted_plaintext").GetProperty("container");
        var expect = v.GetProperty("expect");
        var pair = new SessionPair();
        var client = NewClient(pair, compressionThreshold: 0);
        foreach (var text in v.GetProperty("bodies_ascii").EnumerateArray())
            client.Enqueue(Encoding.ASCII.GetBytes(text.GetString()!));

        var (_, _, _, seqNo, body) = Packets.Open(pair.Key, client.PackOutgoing()!, MessageDirection.ClientToServer);

        Assert.Equal(expect.GetProperty("outer_seq_no").GetInt32(), seqNo);
        Assert.Equal(expect.GetProperty("outer_length").GetInt32(), body.Length);
        Assert.Equal(expect.GetProperty("container_constructor_wire").GetString(), Hex.Of(body.AsSpan(0, 4)));
        Assert.Equal(expect.GetProperty("count").GetInt32(), BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(4)));
        var count = 0;
        foreach (var inner in expect.GetProperty("inner").EnumerateArray())
        {
            var offset = inner.GetProperty("offset").GetInt32();
            Assert.Equal(inner.GetProperty("seq_no").GetInt32(), BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(offset - 8)));
            Assert.Equal(inner.GetProperty("length").GetInt32(), BinaryPrimitives.ReadInt32LittleEndian(body.AsSpan(offset - 4)));
            Assert.Equal(inner.GetProperty("body").GetString(), Encoding.ASCII.GetString(body, offset, 4));
            count++;
        }
        Assert.Equal(2, count);
    }

    [SkippableFact]
    public void LargeBodiesGoAloneAndOversizedOrMisalignedOnesAreRefused()
    {
        using var doc = Messages();
        var rule = doc.RootElement.GetProperty("encrypted_plaintext").GetProperty("large").GetProperty("expect").GetString()!;
        Assert.Contains("768 KiB", rule, StringComparison.Ordinal);
        var pair = new SessionPair();
        var client = NewClient(pair, compressionThreshold: 0);
        var big = new byte[768 * 1024];
        new Random(1).NextBytes(big);
        client.Enqueue(big);
        client.Enqueue(big);

        var first = Packets.Open(pair.Key, client.PackOutgoing()!, MessageDirection.ClientToServer);
        var second = Packets.Open(pair.Key, client.PackOutgoing()!, MessageDirection.ClientToServer);

        Assert.Null(client.PackOutgoing());
        Assert.Equal(big, first.Body);
        Assert.Equal(big, second.Body);
        Assert.Throws<ArgumentException>(() => client.Enqueue(new byte[2 * 1024 * 1024]));
        Assert.Throws<ArgumentException>(() => client.Enqueue(new byte[5]));
    }

    [SkippableTheory]
    [InlineData(0, false)]
    [InlineData(768 * 1024, false)]
    [InlineData(256 * 1024, true)]
    [InlineData(512, true)]
    public void HalfAMebibyteOfZerosIsCompressedOnlyAboveTheThreshold(int threshold, bool compressed)
    {
        using var doc = Messages();
        var compression = doc.RootElement.GetProperty("encrypted_plaintext").GetProperty("compression");
        Assert.Equal(TlGzipWire, compression.GetProperty("gzip_packed_wire").GetString());
        var pair = new SessionPair();
        var request = NewClient(pair, threshold).Enqueue(new byte[512 * 1024]);

        Assert.Equal(compressed, request.IsCompressed);
        Assert.Equal(compressed, Hex.Of(request.Body.Span[..4]) == TlGzipWire);
    }

    private const string TlGzipWire = "a1cf7230";

    [SkippableFact]
    public void GzipPackedResultInsideRpcResultIsUnpacked()
    {
        using var doc = Messages();
        var v = doc.RootElement.GetProperty("gzip_packed_in_rpc_result");
        var bytes = Hex.Bytes(v.GetProperty("bytes").GetString()!);
        var pair = new SessionPair();
        var serverMsgId = MessageIdGenerator.FromTime(SessionPair.Start) | 1;
        var packet = Packets.Encrypt(pair.Key, MessageDirection.ServerToClient, 0, pair.Client.SessionId, serverMsgId, 1, bytes);

        var result = Assert.Single(pair.Client.ProcessIncoming(packet).OfType<RpcResultEvent>());

        Assert.Null(result.Request);
        Assert.Equal(BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(4)), result.RequestMsgId);
        Assert.Equal(v.GetProperty("expected_decompressed_length").GetInt32(), result.Body.Length);
        Assert.Equal(1, pair.Client.PendingAckCount);
    }

    [SkippableFact]
    public void RpcErrorsSplitIntoNameAndValue()
    {
        using var doc = Messages();
        var count = 0;
        foreach (var v in doc.RootElement.GetProperty("rpc_error_parsing_telethon").EnumerateArray())
        {
            var pair = new SessionPair();
            pair.Client.Enqueue(new GetNearestDc());
            var incoming = Assert.Single(pair.ClientToServer());
            pair.Server.SendError(incoming.MsgId, v.GetProperty("error_code").GetInt32(), v.GetProperty("error_message").GetString()!);

            var error = Assert.Single(pair.ServerToClient().OfType<RpcErrorEvent>()).ToException();

            Assert.Equal(v.GetProperty("error_code").GetInt32(), error.Code);
            Assert.Equal(v.GetProperty("name").GetString(), error.Name);
            var value = v.GetProperty("value");
            Assert.Equal(value.ValueKind == JsonValueKind.Null ? null : value.GetInt32(), error.Value);
            count++;
        }
        Assert.Equal(3, count);
    }

    [SkippableFact]
    public void RealServerContainerWithNewSessionCreatedAndPongIsProcessed()
    {
        using var doc = SharedData.Json("vectors/msg_key_kdf.json");
        var v = doc.RootElement.GetProperty("decrypt_server_v2");
        var key = new AuthKey(Hex.Bytes(v.GetProperty("auth_key").GetString()!));
        var plain = Hex.Bytes(v.GetProperty("expected_plaintext").GetString()!);
        var sessionId = BinaryPrimitives.ReadInt64LittleEndian(plain.AsSpan(8));
        var msgId = BinaryPrimitives.ReadInt64LittleEndian(plain.AsSpan(16));
        var clock = new FakeTimeProvider(MessageIdGenerator.ToTime(msgId));
        var client = new MtprotoClientSession(key, 0, sessionId, new MtprotoSessionOptions { Time = clock });

        var events = client.ProcessIncoming(Hex.Bytes(v.GetProperty("ciphertext").GetString()!));

        Assert.Equal(2, events.Count);
        var created = Assert.IsType<NewSessionCreatedEvent>(events[0]);
        Assert.Equal(BinaryPrimitives.ReadInt64LittleEndian(plain), created.ServerSalt);
        Assert.Equal(created.ServerSalt, client.ServerSalt);
        var pong = Assert.IsType<Pong>(Assert.IsType<ServiceMessageEvent>(events[1]).Message);
        Assert.Equal(created.FirstMsgId, pong.MsgId);
        Assert.Equal(0x300864, pong.PingId);
        Assert.Equal(1, client.PendingAckCount);
        Assert.Equal(MtprotoErrorReason.DuplicateMsgId,
            Assert.Throws<MtprotoException>(() => client.ProcessIncoming(Hex.Bytes(v.GetProperty("ciphertext").GetString()!))).Reason);
    }

    [SkippableFact]
    public void RealServerContainerIsRefusedByAnotherSession()
    {
        using var doc = SharedData.Json("vectors/msg_key_kdf.json");
        var v = doc.RootElement.GetProperty("decrypt_server_v2");
        var key = new AuthKey(Hex.Bytes(v.GetProperty("auth_key").GetString()!));
        var client = new MtprotoClientSession(key, 0, 1, new MtprotoSessionOptions { Time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(0x5e308b91)) });

        var error = Assert.Throws<MtprotoException>(() => client.ProcessIncoming(Hex.Bytes(v.GetProperty("ciphertext").GetString()!)));

        Assert.Equal(MtprotoErrorReason.WrongSessionId, error.Reason);
    }
}
