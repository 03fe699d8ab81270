using System.Buffers.Binary;
using System.Security.Cryptography;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Types;
using Telethon.Tl.Types;

namespace Telethon.Tests.Mtproto;

/// <summary>Quick-ack tokens: what the server echoes for an accepted packet, and how the client matches them to its requests.</summary>
public sealed class QuickAckTests
{
    [Fact]
    public void TheTokenIsTheFirstWordOfTheMsgKeyHashWithTheTopBitSetAndBothSidesAgree()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        var packet = pair.Client.PackOutgoing(out var token)!;

        // The spec's recipe, by hand: SHA256(auth_key[88:120] + plaintext with padding)[0:4] as little-endian, | 2^31.
        var plain = new byte[packet.Length - MtProtoCipher.HeaderSize];
        MtProtoCipher.Decrypt(pair.Key, packet, MessageDirection.ClientToServer, plain);
        var hash = SHA256.HashData([.. pair.Key.Data.Slice(88, 32), .. plain]);
        Assert.Equal(BinaryPrimitives.ReadUInt32LittleEndian(hash) | 0x8000_0000u, token);
        Assert.Equal(token, MtProtoKdf.ComputeQuickAckToken(pair.Key.Data, plain));
        Assert.Equal(hash.AsSpan(8, 16).ToArray(), packet.AsSpan(8, 16).ToArray());

        Assert.Single(pair.Server.ProcessIncoming(packet, out var serverToken));
        Assert.Equal(token, serverToken);

        var ack = pair.Client.ProcessQuickAck(serverToken);
        Assert.Equal(token, ack.Token);
        Assert.Same(request, Assert.Single(ack.Requests));
        Assert.True(request.IsAcknowledged);
        Assert.False(request.IsCompleted);

        // The answer still completes the request; the token is spent.
        pair.Server.SendResult(request.MsgId, new NearestDc { Country = "NL", ThisDc = 2, NearestDcValue = 2 });
        Assert.Same(request, Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>()).Request);
        Assert.Empty(pair.Client.ProcessQuickAck(token).Requests);
    }

    [Fact]
    public void AQuickAckCompletesAMessageThatWaitsForNoAnswerAndCoversAWholeContainer()
    {
        var pair = new SessionPair();
        var requests = Enumerable.Range(0, 3).Select(_ => pair.Client.Enqueue(new GetNearestDc())).ToList();
        var resend = pair.Client.Enqueue(new MsgResendReq { MsgIds = [1] });
        var packet = pair.Client.PackOutgoing(out var token);
        pair.Server.ProcessIncoming(packet!, out var serverToken);
        Assert.Equal(token, serverToken);

        var events = new List<MtprotoEvent>();
        pair.Client.ProcessQuickAck(serverToken, events);

        var ack = Assert.IsType<QuickAckEvent>(Assert.Single(events));
        Assert.Equal([.. requests, resend], ack.Requests);
        Assert.True(resend.IsCompleted);
        Assert.All(requests, r => Assert.False(r.IsCompleted));
        Assert.Equal(3, pair.Client.InFlightCount);
    }

    [Fact]
    public void ARefusedPacketGetsNoTokenAndAnUnknownTokenIsReportedWithoutRequests()
    {
        var pair = new SessionPair(knowSalt: false);
        pair.Client.Enqueue(new GetNearestDc());
        var packet = pair.Client.PackOutgoing(out var token);
        Assert.NotEqual(0u, token);
        Assert.Empty(pair.Server.ProcessIncoming(packet!, out var serverToken));
        Assert.Equal(0u, serverToken);

        var stray = pair.Client.ProcessQuickAck(0x8000_1234u);
        Assert.Empty(stray.Requests);
        Assert.Equal(1, pair.Client.InFlightCount);

        // Packets packed without asking for a quick ack are not remembered.
        var plain = new SessionPair();
        plain.Client.Enqueue(new GetNearestDc());
        plain.Server.ProcessIncoming(plain.Client.PackOutgoing()!, out var unasked);
        Assert.Empty(plain.Client.ProcessQuickAck(unasked).Requests);
    }
}
