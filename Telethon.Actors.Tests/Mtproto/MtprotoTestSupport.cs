using System.Buffers.Binary;
using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tests.Crypto;
using Telethon.Tl;

namespace Telethon.Tests.Mtproto;

/// <summary>A client and a server session over one auth key, each with its own clock, wired in memory.</summary>
public sealed class SessionPair
{
    /// <summary>The server's time when a pair is created.</summary>
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Creates the pair.</summary>
    /// <param name="seed">Seed of the reproducible randomness.</param>
    /// <param name="clientSkew">How far the client's clock is ahead of the server's.</param>
    /// <param name="compressionThreshold">Compression threshold of both sides (0 = off).</param>
    /// <param name="knowSalt">Whether the client starts with the server's current salt (false: 0).</param>
    /// <param name="maxContainerMessages">The client's container message limit.</param>
    public SessionPair(int seed = 1, TimeSpan clientSkew = default, int compressionThreshold = 512, bool knowSalt = true, int maxContainerMessages = 1020)
    {
        Key = NewKey(seed);
        ServerClock = new FakeTimeProvider(Start);
        ClientClock = new FakeTimeProvider(Start + clientSkew);
        Server = new MtprotoServerSession(Key, new MtprotoSessionOptions
        {
            Time = ServerClock,
            Random = new SeededRandom(seed + 1000),
            CompressionThreshold = compressionThreshold,
        });
        Client = new MtprotoClientSession(Key, knowSalt ? Server.ServerSalt : 0, options: new MtprotoSessionOptions
        {
            Time = ClientClock,
            Random = new SeededRandom(seed + 2000),
            CompressionThreshold = compressionThreshold,
            MaxContainerMessages = maxContainerMessages,
        });
    }

    /// <summary>The shared auth key.</summary>
    public AuthKey Key { get; }

    /// <summary>The server's clock.</summary>
    public FakeTimeProvider ServerClock { get; }

    /// <summary>The client's clock.</summary>
    public FakeTimeProvider ClientClock { get; }

    /// <summary>The client side.</summary>
    public MtprotoClientSession Client { get; }

    /// <summary>The server side.</summary>
    public MtprotoServerSession Server { get; }

    /// <summary>A reproducible 256-byte auth key.</summary>
    public static AuthKey NewKey(int seed)
    {
        var data = new byte[256];
        new Random(seed).NextBytes(data);
        return new AuthKey(data);
    }

    /// <summary>Advances both clocks.</summary>
    public void Advance(TimeSpan by)
    {
        ServerClock.Advance(by);
        ClientClock.Advance(by);
    }

    /// <summary>Packs the client's next packet and gives it to the server.</summary>
    public IReadOnlyList<MtprotoIncomingRequest> ClientToServer()
    {
        var packet = Client.PackOutgoing();
        Assert.NotNull(packet);
        return Server.ProcessIncoming(packet);
    }

    /// <summary>Packs the server's next packet and gives it to the client.</summary>
    public IReadOnlyList<MtprotoEvent> ServerToClient()
    {
        var packet = Server.PackOutgoing();
        Assert.NotNull(packet);
        return Client.ProcessIncoming(packet);
    }

    /// <summary>Answers every request with what <paramref name="answer"/> gives.</summary>
    public void AnswerAll(IEnumerable<MtprotoIncomingRequest> requests, Func<MtprotoIncomingRequest, TlObject> answer)
    {
        foreach (var request in requests)
            Server.SendResult(request.MsgId, answer(request));
    }
}

/// <summary>Builds encrypted packets by hand, to send what a well-behaved peer never would.</summary>
public static class Packets
{
    /// <summary>One message (no container) with the given header fields, encrypted for <paramref name="direction"/>.</summary>
    public static byte[] Encrypt(AuthKey key, MessageDirection direction, long salt, long sessionId, long msgId, int seqNo, ReadOnlySpan<byte> body, int seed = 7, int? declaredLength = null)
    {
        var plain = new byte[32 + body.Length];
        BinaryPrimitives.WriteInt64LittleEndian(plain, salt);
        BinaryPrimitives.WriteInt64LittleEndian(plain.AsSpan(8), sessionId);
        BinaryPrimitives.WriteInt64LittleEndian(plain.AsSpan(16), msgId);
        BinaryPrimitives.WriteInt32LittleEndian(plain.AsSpan(24), seqNo);
        BinaryPrimitives.WriteInt32LittleEndian(plain.AsSpan(28), declaredLength ?? body.Length);
        body.CopyTo(plain.AsSpan(32));
        var packet = new byte[MtProtoCipher.GetEncryptedLength(plain.Length)];
        MtProtoCipher.Encrypt(key, plain, direction, new SeededRandom(seed), packet);
        return packet;
    }

    /// <summary>A msg_container body of the given messages.</summary>
    public static byte[] Container(params (long MsgId, int SeqNo, byte[] Body)[] messages)
    {
        var writer = new TlWriter(64);
        try
        {
            writer.WriteUInt32(0x73f1f8dc);
            writer.WriteInt32(messages.Length);
            foreach (var (msgId, seqNo, body) in messages)
            {
                writer.WriteInt64(msgId);
                writer.WriteInt32(seqNo);
                writer.WriteInt32(body.Length);
                writer.WriteRaw(body);
            }
            return writer.ToArray();
        }
        finally
        {
            writer.Dispose();
        }
    }

    /// <summary>Decrypts a packet and returns its header and body (a container's messages are not split).</summary>
    public static (long Salt, long SessionId, long MsgId, int SeqNo, byte[] Body) Open(AuthKey key, byte[] packet, MessageDirection direction)
    {
        var opened = EncryptedMessage.Open(key, packet, direction, int.MaxValue);
        try
        {
            return (opened.Salt, opened.SessionId, opened.MsgId, opened.SeqNo, opened.Body.ToArray());
        }
        finally
        {
            opened.Dispose();
        }
    }

    /// <summary>The messages of a container body: (msg_id, seq_no, body).</summary>
    public static List<(long MsgId, int SeqNo, byte[] Body)> Inner(byte[] containerBody)
    {
        var inner = new List<InnerMessage>();
        EncryptedMessage.ReadContainer(containerBody, inner);
        return inner.Select(m => (m.MsgId, m.SeqNo, containerBody.AsSpan(m.Offset, m.Length).ToArray())).ToList();
    }

    /// <summary>The constructor id a body starts with.</summary>
    public static uint IdOf(byte[] body) => BinaryPrimitives.ReadUInt32LittleEndian(body);
}
