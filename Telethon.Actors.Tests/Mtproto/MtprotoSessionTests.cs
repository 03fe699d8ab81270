using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tl;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Functions;
using Telethon.Tl.Mtproto.Types;
using Telethon.Tl.Types;

namespace Telethon.Tests.Mtproto;

public sealed class MtprotoSessionTests
{
    private static NearestDc Dc(string country = "NL") => new() { Country = country, ThisDc = 2, NearestDcValue = 4 };

    private static Telethon.Tl.Types.Help.DeepLinkInfo Link(string message) => new() { Message = message };

    [Fact]
    public void RequestAndResultRoundTripWithNewSessionAnnounced()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());

        var received = pair.ClientToServer();

        var incoming = Assert.Single(received);
        Assert.IsType<GetNearestDc>(incoming.Object);
        Assert.Equal(request.MsgId, incoming.MsgId);
        Assert.Equal(pair.Client.SessionId, pair.Server.SessionId);
        pair.Server.SendResult(incoming.MsgId, Dc());

        var events = pair.ServerToClient();

        var created = Assert.Single(events.OfType<NewSessionCreatedEvent>());
        Assert.Equal(request.MsgId, created.FirstMsgId);
        Assert.Empty(created.Resent);
        var result = Assert.Single(events.OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
        var dc = Assert.IsType<NearestDc>(result.Result);
        Assert.Equal(("NL", 2, 4), (dc.Country, dc.ThisDc, dc.NearestDcValue));
        Assert.True(request.IsCompleted);
        Assert.Equal(0, pair.Client.InFlightCount);
    }

    [Fact]
    public void RawRequestGetsItsRawResultBack()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc().ToBytes());
        var incoming = Assert.Single(pair.ClientToServer());
        pair.Server.SendResult(incoming.MsgId, Dc().ToBytes());

        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());

        Assert.Same(request, result.Request);
        Assert.Null(result.Result);
        Assert.Equal(Dc().ToBytes(), result.Body);
    }

    [Fact]
    public void RpcErrorReachesTheRequestAsAnError()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        var incoming = Assert.Single(pair.ClientToServer());
        pair.Server.SendError(incoming.MsgId, 420, "FLOOD_WAIT_31");

        var error = Assert.Single(pair.ServerToClient().OfType<RpcErrorEvent>());

        Assert.Same(request, error.Request);
        Assert.Equal(420, error.ErrorCode);
        var exception = error.ToException();
        Assert.Equal("FLOOD_WAIT", exception.Name);
        Assert.Equal(31, exception.Value);
        Assert.Equal("help.getNearestDc", exception.CausedBy);
    }

    [Fact]
    public void ManyRequestsTravelInOneContainerAndTheServerSeesEach()
    {
        var pair = new SessionPair();
        var requests = Enumerable.Range(0, 50).Select(i => pair.Client.Enqueue(new GetDeepLinkInfo { Path = $"s{i}" })).ToList();

        var packet = pair.Client.PackOutgoing()!;
        Assert.Null(pair.Client.PackOutgoing());
        var (_, _, outerId, outerSeq, body) = Packets.Open(pair.Key, packet, MessageDirection.ClientToServer);
        Assert.Equal(0x73f1f8dcu, Packets.IdOf(body));
        Assert.Equal(100, outerSeq);
        Assert.All(requests, r => Assert.Equal(outerId, r.ContainerMsgId));
        Assert.All(requests, r => Assert.True(r.MsgId < outerId));

        var received = pair.Server.ProcessIncoming(packet);

        Assert.Equal(requests.Select(r => r.MsgId), received.Select(r => r.MsgId));
        Assert.Equal(requests.Select((_, i) => $"s{i}"), received.Select(r => ((GetDeepLinkInfo)r.Object!).Path));
        pair.AnswerAll(received, r => Link(((GetDeepLinkInfo)r.Object!).Path));
        var results = pair.ServerToClient().OfType<RpcResultEvent>().ToList();
        Assert.Equal(50, results.Count);
        Assert.All(results, r => Assert.Equal(((GetDeepLinkInfo)r.Request!.Object!).Path, ((Telethon.Tl.Types.Help.DeepLinkInfo)r.Result!).Message));
    }

    [Fact]
    public void ContainerMessageLimitSplitsTheQueueIntoSeveralPackets()
    {
        var pair = new SessionPair(maxContainerMessages: 4);
        for (var i = 0; i < 10; i++)
            pair.Client.Enqueue(new GetNearestDc());

        var counts = new List<int>();
        while (pair.Client.PackOutgoing() is { } packet)
            counts.Add(pair.Server.ProcessIncoming(packet).Count);

        Assert.Equal([4, 4, 2], counts);
    }

    [Fact]
    public void AcknowledgementsRideAlongWithTheNextRequest()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc());
        var answerPacket = pair.Server.PackOutgoing()!;
        var answerIds = Packets.Inner(Packets.Open(pair.Key, answerPacket, MessageDirection.ServerToClient).Body)
            .Where(m => (m.SeqNo & 1) == 1).Select(m => m.MsgId).ToList();
        pair.Client.ProcessIncoming(answerPacket);
        Assert.Equal(answerIds.Count, pair.Client.PendingAckCount);
        Assert.Equal(2, answerIds.Count); // new_session_created and rpc_result

        var second = pair.Client.Enqueue(new GetNearestDc());
        var packet = pair.Client.PackOutgoing()!;

        Assert.Equal(0, pair.Client.PendingAckCount);
        var inner = Packets.Inner(Packets.Open(pair.Key, packet, MessageDirection.ClientToServer).Body);
        Assert.Equal(2, inner.Count);
        var ack = Assert.IsType<Telethon.Tl.Mtproto.Types.MsgsAck>(Read(inner[0].Body));
        Assert.Equal(answerIds, ack.MsgIds);
        Assert.Equal(0, inner[0].SeqNo % 2);
        Assert.Equal(second.MsgId, inner[1].MsgId);
        Assert.Single(pair.Server.ProcessIncoming(packet));
    }

    [Fact]
    public void TheServerAcknowledgesRequestsItHasNotAnsweredYet()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        pair.ClientToServer();

        var events = pair.ServerToClient();

        var acked = Assert.Single(events.OfType<MessagesAcknowledgedEvent>());
        Assert.Equal([request.MsgId], acked.MsgIds);
        Assert.True(request.IsAcknowledged);
        Assert.False(request.IsCompleted);
    }

    [Fact]
    public void LargeBodiesAreGzippedBothWays()
    {
        var pair = new SessionPair();
        var source = string.Concat(Enumerable.Repeat("telethon ", 500));
        var request = pair.Client.Enqueue(new GetDeepLinkInfo { Path = source });
        Assert.True(request.IsCompressed);
        Assert.True(request.Body.Length < 600);

        var incoming = Assert.Single(pair.ClientToServer());
        Assert.Equal(source, ((GetDeepLinkInfo)incoming.Object!).Path);
        pair.Server.SendResult(incoming.MsgId, Link(source));
        var packet = pair.Server.PackOutgoing()!;
        Assert.True(packet.Length < 1000);
        var resultBody = Packets.Inner(Packets.Open(pair.Key, packet, MessageDirection.ServerToClient).Body)
            .Single(m => Packets.IdOf(m.Body) == RpcResult.TlConstructorId).Body;
        Assert.Equal(TlReader.GzipPackedId, BitConverter.ToUInt32(resultBody, 12));

        var result = Assert.Single(pair.Client.ProcessIncoming(packet).OfType<RpcResultEvent>());
        Assert.Equal(source, ((Telethon.Tl.Types.Help.DeepLinkInfo)result.Result!).Message);
    }

    [Fact]
    public void SmallOrIncompressibleBodiesAreSentAsTheyAre()
    {
        var pair = new SessionPair();
        Assert.False(pair.Client.Enqueue(new GetDeepLinkInfo { Path = "short" }).IsCompressed);
        var noise = new byte[2048];
        new Random(5).NextBytes(noise);
        var raw = pair.Client.Enqueue(noise);
        Assert.False(raw.IsCompressed);
        Assert.Equal(noise, raw.Body.ToArray());
        var off = new SessionPair(compressionThreshold: 0);
        Assert.False(off.Client.Enqueue(new GetDeepLinkInfo { Path = new string('a', 4000) }).IsCompressed);
    }

    [Fact]
    public void UnknownSaltIsCorrectedByBadServerSaltAndTheRequestIsResentAutomatically()
    {
        var pair = new SessionPair(knowSalt: false);
        var request = pair.Client.Enqueue(new GetNearestDc());
        Assert.Empty(pair.ClientToServer());
        var firstMsgId = request.MsgId;

        var events = pair.ServerToClient();

        var bad = Assert.Single(events.OfType<BadMessageEvent>());
        Assert.Equal(48, bad.ErrorCode);
        Assert.Equal(pair.Server.ServerSalt, bad.NewServerSalt);
        Assert.True(bad.Resent);
        Assert.Equal([request], bad.Requests);
        Assert.Equal(pair.Server.ServerSalt, pair.Client.ServerSalt);
        Assert.Equal(1, pair.Client.QueuedCount);

        var incoming = Assert.Single(pair.ClientToServer());
        Assert.NotEqual(firstMsgId, request.MsgId);
        Assert.Equal(2, request.SendCount);
        pair.Server.SendResult(incoming.MsgId, Dc());
        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
    }

    [Fact]
    public void SaltChangedByTheServerMidSessionIsPickedUpAndTheWholeContainerResent()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc());
        pair.ServerToClient();

        var newSalt = pair.Server.RotateSalt(keepPreviousFor: TimeSpan.Zero);
        var requests = Enumerable.Range(0, 3).Select(_ => pair.Client.Enqueue(new GetNearestDc())).ToList();
        Assert.Empty(pair.ClientToServer());
        var bad = Assert.Single(pair.ServerToClient().OfType<BadMessageEvent>());
        Assert.Equal(newSalt, pair.Client.ServerSalt);
        Assert.Equal(requests, bad.Requests);

        var received = pair.ClientToServer();
        Assert.Equal(3, received.Count);
        pair.AnswerAll(received, _ => Dc());
        var results = pair.ServerToClient().OfType<RpcResultEvent>().ToList();
        Assert.Equal(requests, results.Select(r => r.Request));
    }

    [Fact]
    public void PreviousSaltStaysAcceptedDuringTheGracePeriod()
    {
        var pair = new SessionPair();
        pair.Server.RotateSalt(keepPreviousFor: TimeSpan.FromMinutes(30));
        pair.Client.Enqueue(new GetNearestDc());
        Assert.Single(pair.ClientToServer());

        pair.Advance(TimeSpan.FromMinutes(31));
        pair.Client.Enqueue(new GetNearestDc());
        Assert.Empty(pair.ClientToServer());
        Assert.Contains(pair.ServerToClient(), e => e is BadMessageEvent { ErrorCode: 48 });
    }

    [Theory]
    [InlineData(60, 17)]
    [InlineData(-60, 16)]
    public void ClockSkewOfAnHourIsCorrectedFromTheServerMsgIdAndTheRequestSucceeds(int skewMinutes, int expectedCode)
    {
        var pair = new SessionPair(clientSkew: TimeSpan.FromMinutes(skewMinutes));
        var request = pair.Client.Enqueue(new GetNearestDc());
        Assert.Empty(pair.ClientToServer());

        var bad = Assert.Single(pair.ServerToClient().OfType<BadMessageEvent>());

        Assert.Equal(expectedCode, bad.ErrorCode);
        Assert.True(bad.Resent);
        Assert.Equal([request], bad.Requests);
        Assert.InRange(pair.Client.MessageIds.ClockOffset.TotalMinutes, -skewMinutes - 0.1, -skewMinutes + 0.1);
        var incoming = Assert.Single(pair.ClientToServer());
        Assert.Equal(SessionPair.Start.ToUnixTimeSeconds(), incoming.MsgId >> 32);
        pair.Server.SendResult(incoming.MsgId, Dc());
        Assert.Same(request, Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>()).Request);
    }

    [Fact]
    public void FutureSaltsArriveBareAndTheClientSwitchesSaltWhenTheCurrentOneExpires()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetFutureSalts { Num = 3 });
        Assert.Empty(pair.ClientToServer());
        var packet = pair.Server.PackOutgoing()!;
        var bodies = Packets.Inner(Packets.Open(pair.Key, packet, MessageDirection.ServerToClient).Body).Select(m => m.Body).ToList();
        Assert.Contains(bodies, b => Packets.IdOf(b) == Telethon.Tl.Mtproto.Types.FutureSalts.TlConstructorId);
        Assert.DoesNotContain(bodies, b => Packets.IdOf(b) == RpcResult.TlConstructorId);

        var result = Assert.Single(pair.Client.ProcessIncoming(packet).OfType<RpcResultEvent>());

        Assert.Same(request, result.Request);
        var salts = Assert.IsType<Telethon.Tl.Mtproto.Types.FutureSalts>(result.Result);
        Assert.Equal(request.MsgId, salts.ReqMsgId);
        Assert.Equal(3, salts.Salts.Length);
        Assert.Equal(pair.Server.ServerSalt, salts.Salts[0].Salt);
        Assert.Equal(salts.Salts[0].ValidUntil, salts.Salts[1].ValidSince);
        Assert.Equal(3, pair.Client.FutureSalts.Count);

        pair.Advance(TimeSpan.FromMinutes(61));
        pair.Client.Enqueue(new GetNearestDc());
        Assert.Single(pair.ClientToServer());
        Assert.Equal(salts.Salts[1].Salt, pair.Client.ServerSalt);
        Assert.Equal(salts.Salts[1].Salt, pair.Server.ServerSalt);
    }

    [Fact]
    public void PingIsAnsweredWithABarePongMatchedToTheRequest()
    {
        var pair = new SessionPair();
        var ping = pair.Client.Enqueue(new Ping { PingId = 42 });
        Assert.Empty(pair.ClientToServer());
        var packet = pair.Server.PackOutgoing()!;
        var bodies = Packets.Inner(Packets.Open(pair.Key, packet, MessageDirection.ServerToClient).Body).Select(m => m.Body).ToList();
        Assert.Contains(bodies, b => Packets.IdOf(b) == Pong.TlConstructorId);

        var result = Assert.Single(pair.Client.ProcessIncoming(packet).OfType<RpcResultEvent>());

        Assert.Same(ping, result.Request);
        var pong = Assert.IsType<Pong>(result.Result);
        Assert.Equal((ping.MsgId, 42L), (pong.MsgId, pong.PingId));
    }

    [Fact]
    public void PingDelayDisconnectSetsTheDeadlineAndIsAnsweredWithPong()
    {
        var pair = new SessionPair();
        var ping = pair.Client.Enqueue(new PingDelayDisconnect { PingId = 7, DisconnectDelay = 75 });
        Assert.Empty(pair.ClientToServer());
        Assert.Equal(SessionPair.Start.AddSeconds(75), pair.Server.DisconnectDeadline);
        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(ping, result.Request);
        Assert.Equal(7, ((Pong)result.Result!).PingId);
    }

    [Fact]
    public void MsgsStateReqIsAnsweredWithOneStatusBytePerMsgId()
    {
        var pair = new SessionPair();
        var pending = pair.Client.Enqueue(new GetNearestDc());
        pair.ClientToServer();
        pair.ServerToClient();
        var unknown = MessageIdGenerator.FromTime(SessionPair.Start.AddSeconds(-10));
        var future = MessageIdGenerator.FromTime(SessionPair.Start.AddMinutes(5));
        var state = pair.Client.Enqueue(new Telethon.Tl.Mtproto.Types.MsgsStateReq { MsgIds = [pending.MsgId, unknown, future] });
        Assert.Empty(pair.ClientToServer());

        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());

        Assert.Same(state, result.Request);
        var info = Assert.IsType<MsgsStateInfo>(result.Result);
        Assert.Equal(new byte[] { 4 + 8 + 32, 2, 3 }, info.Info);
    }

    [Fact]
    public void DestroySessionForgetsAPreviousSessionOnce()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc());
        pair.ServerToClient();
        var old = pair.Client.SessionId;
        pair.Client.ResetSession();
        Assert.NotEqual(old, pair.Client.SessionId);

        var first = pair.Client.Enqueue(new DestroySession { SessionId = old });
        Assert.Empty(pair.ClientToServer());
        Assert.Equal(pair.Client.SessionId, pair.Server.SessionId);
        var events = pair.ServerToClient();
        Assert.Single(events.OfType<NewSessionCreatedEvent>());
        Assert.Equal(old, Assert.IsType<DestroySessionOk>(Assert.Single(events.OfType<RpcResultEvent>(), e => e.Request == first).Result).SessionId);

        var second = pair.Client.Enqueue(new DestroySession { SessionId = old });
        pair.ClientToServer();
        var again = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(second, again.Request);
        Assert.IsType<DestroySessionNone>(again.Result);
    }

    [Fact]
    public void ResetSessionResendsUnansweredRequestsInTheNewSession()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        pair.ClientToServer();
        pair.Client.ResetSession();

        var incoming = Assert.Single(pair.ClientToServer());
        Assert.Equal(request.MsgId, incoming.MsgId);
        Assert.Equal(2, request.SendCount);
        pair.Server.SendResult(incoming.MsgId, Dc());
        Assert.Same(request, Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>()).Request);
    }

    [Fact]
    public void CancellingASentRequestDropsItsAnswerOnTheServer()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        var incoming = Assert.Single(pair.ClientToServer());
        pair.ServerToClient();

        var drop = pair.Client.Cancel(request);

        Assert.NotNull(drop);
        Assert.True(request.IsCompleted);
        Assert.Empty(pair.ClientToServer());
        pair.Server.SendResult(incoming.MsgId, Dc());
        var events = pair.ServerToClient();
        var result = Assert.Single(events.OfType<RpcResultEvent>());
        Assert.Same(drop, result.Request);
        Assert.IsType<RpcAnswerDroppedRunning>(result.Result);
    }

    [Fact]
    public void CancellingAQueuedRequestSendsNothing()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        Assert.Null(pair.Client.Cancel(request));
        Assert.Null(pair.Client.PackOutgoing());
    }

    [Fact]
    public void MissedAnswerAnnouncedByMsgNewDetailedInfoIsRequestedAndResent()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        var incoming = Assert.Single(pair.ClientToServer());
        pair.ServerToClient();
        pair.Server.SendResult(incoming.MsgId, Dc("LOST"));
        var lost = pair.Server.PackOutgoing()!;
        var lostHeader = Packets.Open(pair.Key, lost, MessageDirection.ServerToClient);
        var answerId = Packets.IdOf(lostHeader.Body) == 0x73f1f8dcu
            ? Packets.Inner(lostHeader.Body).Single(m => Packets.IdOf(m.Body) == RpcResult.TlConstructorId).MsgId
            : lostHeader.MsgId;

        pair.Server.SendUpdate(new MsgNewDetailedInfo { AnswerMsgId = answerId, Bytes = 100, Status = 0 });
        var info = pair.ServerToClient();
        Assert.IsType<MsgNewDetailedInfo>(Assert.Single(info.OfType<ServiceMessageEvent>()).Message);
        Assert.Equal(1, pair.Client.QueuedCount);

        Assert.Empty(pair.ClientToServer());
        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
        Assert.Equal("LOST", ((NearestDc)result.Result!).Country);
    }

    [Fact]
    public void UpdatesFromTheServerArriveAsUpdateEvents()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new GetNearestDc());
        pair.ClientToServer();
        pair.Server.SendUpdate(new UpdatesTooLong());

        var update = Assert.Single(pair.ServerToClient().OfType<UpdateEvent>());

        Assert.IsType<UpdatesTooLong>(update.Update);
        Assert.Equal(3, update.MsgId % 4);
    }

    [Fact]
    public void OversizedBodiesAreRefusedWhenQueued()
    {
        var pair = new SessionPair();
        var noise = new byte[2 * 1024 * 1024];
        new Random(3).NextBytes(noise);
        Assert.Throws<ArgumentException>(() => pair.Client.Enqueue(noise));
        Assert.Equal(0, pair.Client.QueuedCount);
        Assert.Throws<ArgumentException>(() => pair.Client.Enqueue(new byte[6]));
        Assert.Throws<ArgumentException>(() => pair.Client.Enqueue([]));
    }

    private static TlObject Read(byte[] body)
    {
        var reader = new TlReader(body);
        return TlRegistry.ReadObject(ref reader);
    }
}
