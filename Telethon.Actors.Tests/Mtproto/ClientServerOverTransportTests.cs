using System.Buffers;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.Crypto;
using Telethon.Tests.Support;
using Telethon.Transport;

namespace Telethon.Tests.Mtproto;

/// <summary>
/// The whole client and server protocol stacks, in memory, over every transport plain and obfuscated:
/// the server recognises the transport from the first bytes, the auth-key exchange runs over plain
/// messages, and then encrypted requests and answers flow through the sessions.
/// </summary>
public sealed class ClientServerOverTransportTests
{
    private static readonly Lazy<RsaPrivateKey> ServerKey = new(RsaPrivateKey.Generate);

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public void HandshakeThenEncryptedRequestsOverTheTransport(TransportKind kind, bool obfuscated)
    {
        using var link = new Link(kind, obfuscated);

        // The auth-key exchange over plain messages.
        var client = new ClientAuthenticator(new ClientAuthenticatorOptions { PublicKeys = [ServerKey.Value.PublicKey], DcId = 2, Random = new SeededRandom(1) });
        var server = new ServerAuthenticator(new ServerAuthenticatorOptions { PrivateKeys = [ServerKey.Value], Random = new SeededRandom(2) });
        var clientIds = new MessageIdGenerator();
        var serverIds = new MessageIdGenerator();
        var outgoing = client.Start();
        while (true)
        {
            var atServer = link.ToServer(PlainMessage.Encode(clientIds.NextClientId(), outgoing));
            PlainMessage.Decode(atServer, out var request);
            var answer = server.Process(request);
            var atClient = link.ToClient(PlainMessage.Encode(serverIds.NextServerId(isResponse: true), answer.Outgoing!));
            PlainMessage.Decode(atClient, out var response);
            var step = client.Process(response);
            if (step.IsComplete)
                break;
            outgoing = step.Outgoing!;
        }
        Assert.Equal(kind, link.DetectedKind);
        Assert.Equal(obfuscated, link.DetectedObfuscated);
        var clientKey = client.Result!;
        var serverKey = server.Result!;
        Assert.Equal(serverKey.Key.Data.ToArray(), clientKey.Key.Data.ToArray());
        Assert.Equal(serverKey.KeyId, clientKey.KeyId);
        Assert.Equal(serverKey.ServerSalt, clientKey.ServerSalt);

        // Encrypted requests: several in one container, answered with typed results.
        var serverSession = new MtprotoServerSession(serverKey.Key, new MtprotoSessionOptions { Random = new SeededRandom(3) });
        var clientSession = new MtprotoClientSession(clientKey.Key, clientKey.ServerSalt, options: new MtprotoSessionOptions { Random = new SeededRandom(4) });
        var first = clientSession.Enqueue(new Telethon.Tl.Functions.Help.GetNearestDc());
        var second = clientSession.Enqueue(new Telethon.Tl.Functions.Messages.SetTyping
        {
            Peer = new Telethon.Tl.Types.InputPeerSelf(),
            Action = new Telethon.Tl.Types.SendMessageTypingAction(),
        });
        var results = new Dictionary<MtprotoRequest, object?>();
        for (var round = 0; round < 6 && results.Count < 2; round++)
        {
            if (clientSession.PackOutgoing() is { } packet)
            {
                foreach (var incoming in serverSession.ProcessIncoming(link.ToServer(packet)))
                {
                    switch (incoming.Function)
                    {
                        case Telethon.Tl.Functions.Help.GetNearestDc:
                            serverSession.SendResult(incoming.MsgId, new Telethon.Tl.Types.NearestDc { Country = "NL", ThisDc = 2, NearestDcValue = 2 });
                            break;
                        case Telethon.Tl.Functions.Messages.SetTyping typing:
                            var writer = new Telethon.Tl.TlWriter(8);
                            typing.WriteResult(ref writer, true);
                            serverSession.SendResult(incoming.MsgId, writer.WrittenSpan);
                            writer.Dispose();
                            break;
                    }
                }
            }
            if (serverSession.PackOutgoing() is { } reply)
            {
                foreach (var e in clientSession.ProcessIncoming(link.ToClient(reply)))
                    if (e is RpcResultEvent { Request: { } r } result)
                        results[r] = result.Result;
            }
        }
        var nearest = Assert.IsType<Telethon.Tl.Types.NearestDc>(results[first]);
        Assert.Equal("NL", nearest.Country);
        Assert.Equal(true, results[second]);
    }

    /// <summary>A client codec and the server codec the detector picks, joined in memory.</summary>
    private sealed class Link : IDisposable
    {
        private readonly TransportCodec _client;
        private readonly ArrayBufferWriter<byte> _serverInbox = new();
        private TransportCodec? _server;

        public Link(TransportKind kind, bool obfuscated)
        {
            var options = new TransportOptions { Random = new SeededRandom(9).Fill };
            _client = obfuscated ? TransportCodec.CreateObfuscatedClient(kind, 2, options) : TransportCodec.Create(kind, TransportRole.Client, options);
        }

        public TransportKind? DetectedKind => _server?.Kind;

        public bool DetectedObfuscated => _server?.IsObfuscated ?? false;

        public byte[] ToServer(ReadOnlySpan<byte> payload)
        {
            var wire = new ArrayBufferWriter<byte>();
            _client.Pack(payload, wire);
            _serverInbox.Write(wire.WrittenSpan);
            if (_server is null)
            {
                Assert.True(TransportDetector.TryDetect(_serverInbox.WrittenSpan, out var detection, out _));
                _server = detection.Codec;
            }
            return Unpack(_server, _serverInbox);
        }

        public byte[] ToClient(ReadOnlySpan<byte> payload)
        {
            var wire = new ArrayBufferWriter<byte>();
            _server!.Pack(payload, wire);
            var inbox = new ArrayBufferWriter<byte>();
            inbox.Write(wire.WrittenSpan);
            return Unpack(_client, inbox);
        }

        private static byte[] Unpack(TransportCodec codec, ArrayBufferWriter<byte> inbox)
        {
            var payload = new ArrayBufferWriter<byte>();
            var result = codec.TryUnpack(inbox.WrittenSpan, payload, out var consumed);
            Assert.Equal(TransportReadStatus.Frame, result.Status);
            Assert.Equal(inbox.WrittenCount, consumed);
            inbox.Clear();
            return payload.WrittenSpan[..result.PayloadLength].ToArray();
        }

        public void Dispose()
        {
            _client.Dispose();
            _server?.Dispose();
        }
    }
}
