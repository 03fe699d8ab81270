using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Types;
using Telethon.Tl.Types;

namespace Telethon.Tests.Mtproto;

public sealed class MtprotoBadMsgTests
{
    private static readonly byte[] Request = new GetNearestDc().ToBytes();
    private static readonly byte[] EmptyAck = new Telethon.Tl.Mtproto.Types.MsgsAck { MsgIds = [] }.ToBytes();

    private static long ClientMsgId(DateTimeOffset time, int seconds = 0) => MessageIdGenerator.FromTime(time.AddSeconds(seconds));

    /// <summary>Sends a hand-made client packet to the server and returns the codes of the bad_msg_notifications it answers with.</summary>
    private static List<(long BadMsgId, int Code)> Send(SessionPair pair, long msgId, int seqNo, byte[] body, long? salt = null)
    {
        pair.Server.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ClientToServer, salt ?? pair.Server.ServerSalt, pair.Client.SessionId, msgId, seqNo, body));
        var events = pair.Server.HasOutgoing ? pair.ServerToClient() : [];
        return events.OfType<BadMessageEvent>().Select(e => (e.BadMsgId, e.ErrorCode)).ToList();
    }

    [Fact]
    public void MsgIdNotDivisibleByFourIsAnsweredWith18()
    {
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start) | 2;
        Assert.Equal([(id, 18)], Send(pair, id, 1, Request));
    }

    [Fact]
    public void MsgIdTooFarInThePastIsAnsweredWith16()
    {
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start, -301);
        Assert.Equal([(id, 16)], Send(pair, id, 1, Request));
    }

    [Fact]
    public void MsgIdTooFarInTheFutureIsAnsweredWith17()
    {
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start, 31);
        Assert.Equal([(id, 17)], Send(pair, id, 1, Request));
    }

    [Fact]
    public void MsgIdsWithinTheWindowAreAccepted()
    {
        var pair = new SessionPair();
        Assert.Empty(Send(pair, ClientMsgId(SessionPair.Start, -299), 1, Request));
        Assert.Empty(Send(pair, ClientMsgId(SessionPair.Start, 29), 3, Request));
    }

    [Fact]
    public void ARepeatedContainerMsgIdIsAnsweredWith19AndARepeatedMessageIsNotRunAgain()
    {
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start);
        Assert.Empty(Send(pair, id, 1, Request));

        // The same message again (a client resending it): not a bad message, and not passed on a second time.
        Assert.Empty(pair.Server.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ClientToServer, pair.Server.ServerSalt, pair.Client.SessionId, id, 1, Request)));
        Assert.Empty(pair.ServerToClient().OfType<BadMessageEvent>());

        // A container whose msg_id was seen before is what 19 is for.
        var container = Packets.Container((id + 8, 3, Request));
        Assert.Empty(Send(pair, id + 4, 2, container));
        Assert.Equal([(id + 4, 19)], Send(pair, id + 4, 4, Packets.Container((id + 12, 5, Request))));
    }

    [Fact]
    public void MsgIdBelowTheForgottenRangeIsAnsweredWith20()
    {
        var pair = new SessionPair();
        var key = pair.Key;
        var server = new MtprotoServerSession(key, new MtprotoSessionOptions { Time = pair.ServerClock, ReplayWindowSize = 2 });
        var session = 77L;
        var baseId = ClientMsgId(SessionPair.Start);
        for (var i = 1; i <= 3; i++)
            server.ProcessIncoming(Packets.Encrypt(key, MessageDirection.ClientToServer, server.ServerSalt, session, baseId + 4 * i, 2 * i - 1, Request));

        Assert.Empty(server.ProcessIncoming(Packets.Encrypt(key, MessageDirection.ClientToServer, server.ServerSalt, session, baseId, 1, Request)));

        var client = new MtprotoClientSession(key, server.ServerSalt, session, new MtprotoSessionOptions { Time = pair.ClientClock });
        var bad = client.ProcessIncoming(server.PackOutgoing()!).OfType<BadMessageEvent>().Single();
        Assert.Equal((baseId, 20), (bad.BadMsgId, bad.ErrorCode));
    }

    [Fact]
    public void EvenSeqNoOnAContentMessageIsAnsweredWith35()
    {
        // 35: odd msg_seqno expected (relevant message), but even received.
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start);
        Assert.Equal([(id, 35)], Send(pair, id, 2, Request));
    }

    [Fact]
    public void OddSeqNoOnAnAckIsAnsweredWith34()
    {
        // 34: an even msg_seqno expected (irrelevant message), but odd received.
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start);
        Assert.Equal([(id, 34)], Send(pair, id, 1, EmptyAck));
    }

    [Fact]
    public void LowerSeqNoAfterAHigherMsgIdIsAnsweredWith32()
    {
        var pair = new SessionPair();
        var first = ClientMsgId(SessionPair.Start);
        Assert.Empty(Send(pair, first, 5, Request));
        Assert.Equal([(first + 4, 32)], Send(pair, first + 4, 3, Request));
    }

    [Fact]
    public void HigherSeqNoBeforeALowerMsgIdIsAnsweredWith33()
    {
        var pair = new SessionPair();
        var first = ClientMsgId(SessionPair.Start);
        Assert.Empty(Send(pair, first + 4, 3, Request));
        Assert.Equal([(first, 33)], Send(pair, first, 5, Request));
    }

    [Fact]
    public void WrongSaltIsAnsweredWithBadServerSaltCarryingTheCurrentSalt()
    {
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start);
        pair.Server.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ClientToServer, 12345, pair.Client.SessionId, id, 1, Request));

        var bad = Assert.Single(pair.ServerToClient().OfType<BadMessageEvent>());

        Assert.Equal((id, 48, pair.Server.ServerSalt), (bad.BadMsgId, bad.ErrorCode, bad.NewServerSalt!.Value));
    }

    [Fact]
    public void BadMessageInsideAContainerIsReportedForThatMessageOnly()
    {
        var pair = new SessionPair();
        var id = ClientMsgId(SessionPair.Start);
        var container = Packets.Container((id, 1, Request), (id + 4, 4, Request), (id + 8, 3, Request));
        var received = pair.Server.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ClientToServer, pair.Server.ServerSalt, pair.Client.SessionId, id + 12, 4, container));

        Assert.Equal([id, id + 8], received.Select(r => r.MsgId));
        var bad = Assert.Single(pair.ServerToClient().OfType<BadMessageEvent>());
        Assert.Equal((id + 4, 35), (bad.BadMsgId, bad.ErrorCode));
    }

    [Theory]
    [InlineData(16, true)]
    [InlineData(17, true)]
    [InlineData(19, true)]
    [InlineData(20, true)]
    [InlineData(32, true)]
    [InlineData(33, true)]
    [InlineData(48, true)]
    [InlineData(18, false)]
    [InlineData(34, false)]
    [InlineData(35, false)]
    [InlineData(64, false)]
    public void ClientResendsWhatItCanFixAndFailsTheRest(int code, bool resent)
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        pair.ClientToServer();
        pair.ServerToClient();
        var before = request.MsgId;

        pair.Server.SendUpdate(new BadMsgNotification { BadMsgId = before, BadMsgSeqno = request.SeqNo, ErrorCode = code });
        var bad = Assert.Single(pair.ServerToClient().OfType<BadMessageEvent>());

        Assert.Equal((code, resent), (bad.ErrorCode, bad.Resent));
        Assert.Equal([request], bad.Requests);
        Assert.Equal(!resent, request.IsCompleted);
        Assert.Equal(resent ? 1 : 0, pair.Client.QueuedCount);
        if (!resent)
            return;
        var incoming = Assert.Single(pair.ClientToServer());
        Assert.NotEqual(before, incoming.MsgId);
        Assert.Equal(request.MsgId, incoming.MsgId);
        pair.Server.SendResult(incoming.MsgId, new NearestDc { Country = "NL", ThisDc = 2, NearestDcValue = 4 });
        Assert.Same(request, Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>()).Request);
    }

    [Fact]
    public void SeqNoTooLowMakesTheClientJumpAhead()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        pair.ClientToServer();
        pair.ServerToClient();
        var seqBefore = request.SeqNo;

        pair.Server.SendUpdate(new BadMsgNotification { BadMsgId = request.MsgId, BadMsgSeqno = request.SeqNo, ErrorCode = 32 });
        pair.ServerToClient();
        pair.ClientToServer();

        Assert.True(request.SeqNo >= seqBefore + 64);
    }
}
