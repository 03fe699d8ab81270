using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Functions;
using Telethon.Tl.Mtproto.Types;
using Telethon.Tl.Types;

namespace Telethon.Tests.Mtproto;

/// <summary>
/// Service messages about messages (core.telegram.org/mtproto/service_messages_about_messages): a request asked about
/// again is not run twice, msg_detailed_info and msg_new_detailed_info lead the client to what it missed, msg_resend_req
/// and msg_resend_ans_req, msgs_state_req and msgs_all_info both ways, and destroy_auth_key.
/// </summary>
public sealed class MtprotoMessageStatusTests
{
    private static NearestDc Dc(string country) => new() { Country = country, ThisDc = 2, NearestDcValue = 2 };

    // The msg_id of the rpc_result in a server packet (alone or in a container).
    private static long AnswerIdIn(SessionPair pair, byte[] packet, uint id)
    {
        var (_, _, msgId, _, body) = Packets.Open(pair.Key, packet, MessageDirection.ServerToClient);
        return Packets.IdOf(body) == Telethon.Mtproto.EncryptedMessage.ContainerId
            ? Packets.Inner(body).Single(m => Packets.IdOf(m.Body) == id).MsgId
            : msgId;
    }

    // A request answered by the server whose answer never reached the client.
    private static (MtprotoRequest Request, byte[] Sent, long AnswerId) AnsweredButLost(SessionPair pair, string country = "LOST")
    {
        var request = pair.Client.Enqueue(new GetNearestDc());
        var sent = pair.Client.PackOutgoing()!;
        var incoming = Assert.Single(pair.Server.ProcessIncoming(sent));
        pair.Server.SendResult(incoming.MsgId, Dc(country));
        var lost = pair.Server.PackOutgoing()!;
        return (request, sent, AnswerIdIn(pair, lost, RpcResult.TlConstructorId));
    }

    [Fact]
    public void ARequestSentAgainAfterItsAnswerGetsMsgDetailedInfoAndTheAnswerOnRequestNotASecondRun()
    {
        var pair = new SessionPair();
        var (request, sent, answerId) = AnsweredButLost(pair);

        // The client sends the same packet again (the same msg_id): the server does not run the request a second time.
        Assert.Empty(pair.Server.ProcessIncoming(sent));
        var events = pair.ServerToClient();
        var detailed = Assert.IsType<MsgDetailedInfo>(Assert.Single(events.OfType<ServiceMessageEvent>()).Message);
        Assert.Equal((request.MsgId, answerId, 0), (detailed.MsgId, detailed.AnswerMsgId, detailed.Status));
        Assert.True(detailed.Bytes > 12);
        Assert.Empty(events.OfType<RpcResultEvent>());

        // The client still waits for that answer: it asks for it with msg_resend_req and gets it, msg_id unchanged.
        Assert.Equal(1, pair.Client.QueuedCount);
        Assert.Empty(pair.ClientToServer());
        var resent = pair.Server.PackOutgoing()!;
        Assert.Equal(answerId, AnswerIdIn(pair, resent, RpcResult.TlConstructorId));
        var result = Assert.Single(pair.Client.ProcessIncoming(resent).OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
        Assert.Equal("LOST", ((NearestDc)result.Result!).Country);
    }

    [Fact]
    public void AMessageResentInsideANewContainerWithItsOwnMsgIdIsNotRunTwice()
    {
        var pair = new SessionPair();
        var (request, _, answerId) = AnsweredButLost(pair);
        var next = MessageIdGenerator.FromTime(SessionPair.Start) + 4000;
        var container = Packets.Container((request.MsgId, request.SeqNo, new GetNearestDc().ToBytes()), (next, request.SeqNo + 2, new GetNearestDc().ToBytes()));
        var packet = Packets.Encrypt(pair.Key, MessageDirection.ClientToServer, pair.Server.ServerSalt, pair.Client.SessionId, next + 4, request.SeqNo + 3, container);

        var received = pair.Server.ProcessIncoming(packet);

        Assert.Equal([next], received.Select(r => r.MsgId));
        var detailed = Assert.IsType<MsgDetailedInfo>(Assert.Single(pair.ServerToClient().OfType<ServiceMessageEvent>()).Message);
        Assert.Equal((request.MsgId, answerId), (detailed.MsgId, detailed.AnswerMsgId));
    }

    [Fact]
    public void TheClientOnlyAcknowledgesDetailedInfoAboutAnswersItAlreadyHas()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc("NL"));
        var answered = pair.ServerToClient();
        Assert.Same(request, Assert.Single(answered.OfType<RpcResultEvent>()).Request);
        pair.ClientToServer();

        // About an answer it has (and a request it no longer waits for), and about an update it has: acknowledgements only.
        pair.Server.SendUpdate(new UpdatesTooLong());
        var update = Assert.Single(pair.ServerToClient().OfType<UpdateEvent>());
        pair.ClientToServer();
        pair.Server.SendUpdate(new MsgDetailedInfo { MsgId = request.MsgId, AnswerMsgId = update.MsgId - 2, Bytes = 40, Status = 0 });
        pair.Server.SendUpdate(new MsgNewDetailedInfo { AnswerMsgId = update.MsgId, Bytes = 40, Status = 0 });
        var told = pair.ServerToClient();

        Assert.Equal(2, told.OfType<ServiceMessageEvent>().Count());
        Assert.Equal(0, pair.Client.QueuedCount);
        var (_, _, _, _, body) = Packets.Open(pair.Key, pair.Client.PackOutgoing()!, MessageDirection.ClientToServer);
        var ack = Assert.IsType<Telethon.Tl.Mtproto.Types.MsgsAck>(Read(body));
        Assert.Contains(update.MsgId - 2, ack.MsgIds);
        Assert.Contains(update.MsgId, ack.MsgIds);
    }

    [Fact]
    public void ARequestSentAgainWhileStillRunningIsOnlyAcknowledgedAgain()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        var sent = pair.Client.PackOutgoing()!;
        var incoming = Assert.Single(pair.Server.ProcessIncoming(sent));
        pair.ServerToClient();

        Assert.Empty(pair.Server.ProcessIncoming(sent));
        var again = pair.ServerToClient();
        Assert.Same(request, Assert.Single(Assert.Single(again.OfType<MessagesAcknowledgedEvent>()).Requests));
        Assert.DoesNotContain(again, e => e is ServiceMessageEvent or BadMessageEvent);

        // Its one answer completes it.
        pair.Server.SendResult(incoming.MsgId, Dc("NL"));
        Assert.Same(request, Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>()).Request);
    }

    [Fact]
    public void MsgResendReqForMessagesTheServerDoesNotHoldIsAnsweredWithMsgsStateInfo()
    {
        var pair = new SessionPair();
        var (request, _, answerId) = AnsweredButLost(pair);
        var unknownServerId = answerId + 8;

        // What it holds comes again; nothing else is said.
        var held = pair.Client.Enqueue(new MsgResendReq { MsgIds = [answerId] });
        pair.ClientToServer();
        var events = pair.ServerToClient();
        Assert.Same(request, Assert.Single(events.OfType<RpcResultEvent>()).Request);
        Assert.DoesNotContain(events, e => e is RpcResultEvent { Result: MsgsStateInfo });

        // One it does not hold (and one of the client's own, by parity): msgs_state_info for all, as for msgs_state_req.
        var unknown = pair.Client.Enqueue(new MsgResendReq { MsgIds = [unknownServerId, request.MsgId] });
        pair.ClientToServer();
        var info = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(unknown, info.Request);
        var state = Assert.IsType<MsgsStateInfo>(info.Result);
        Assert.Equal(unknown.MsgId, state.ReqMsgId);
        Assert.Equal(2, state.Info.Length);
        Assert.Equal(2, state.Info[0]);
        Assert.Equal(4 + 8 + 32 + 64, state.Info[1]);
        Assert.True(held.IsAcknowledged || held.IsCompleted);
    }

    [Fact]
    public void MsgResendAnsReqSendsTheAnswerAgainWithMsgsStateInfo()
    {
        var pair = new SessionPair();
        var (request, _, answerId) = AnsweredButLost(pair, "AGAIN");
        var ask = pair.Client.Enqueue(new MsgResendAnsReq { MsgIds = [request.MsgId] });
        pair.ClientToServer();

        var packet = pair.Server.PackOutgoing()!;
        Assert.Equal(answerId, AnswerIdIn(pair, packet, RpcResult.TlConstructorId));
        var events = pair.Client.ProcessIncoming(packet).OfType<RpcResultEvent>().ToList();
        Assert.Equal("AGAIN", ((NearestDc)events.Single(e => e.Request == request).Result!).Country);
        var state = Assert.IsType<MsgsStateInfo>(events.Single(e => e.Request == ask).Result);
        Assert.Equal([4 + 8 + 32 + 64], state.Info);
    }

    [Fact]
    public void MsgsStateReqTellsAnsweredRunningAndUnacknowledgeableMessagesApart()
    {
        var pair = new SessionPair();
        var (answered, _, _) = AnsweredButLost(pair);
        var running = pair.Client.Enqueue(new GetNearestDc());
        pair.ClientToServer();
        pair.ServerToClient();
        var ackId = MessageIdGenerator.FromTime(SessionPair.Start) + 40_000;
        pair.Server.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ClientToServer, pair.Server.ServerSalt, pair.Client.SessionId, ackId, 100,
            new Telethon.Tl.Mtproto.Types.MsgsAck { MsgIds = [] }.ToBytes()));

        var state = pair.Client.Enqueue(new Telethon.Tl.Mtproto.Types.MsgsStateReq { MsgIds = [answered.MsgId, running.MsgId, ackId] });
        pair.ClientToServer();
        var info = Assert.IsType<MsgsStateInfo>(pair.ServerToClient().OfType<RpcResultEvent>().Single(e => e.Request == state).Result);

        Assert.Equal(new byte[] { 4 + 8 + 32 + 64, 4 + 8 + 32, 4 + 16 }, info.Info);
    }

    [Fact]
    public void MsgsAllInfoFromTheClientIsTakenAsInformationWithEitherSeqNoParity()
    {
        var pair = new SessionPair();
        var (_, _, answerId) = AnsweredButLost(pair);

        // Content-related (odd seq_no), as the session sends a TL object: acknowledged, nothing for the application.
        var told = pair.Client.Enqueue(new MsgsAllInfo { MsgIds = [answerId], Info = [4] });
        Assert.Empty(pair.ClientToServer());
        var events = pair.ServerToClient();
        Assert.Contains(told, Assert.Single(events.OfType<MessagesAcknowledgedEvent>()).Requests);
        Assert.DoesNotContain(events, e => e is RpcErrorEvent or BadMessageEvent);

        // The client said it has the answer: the server no longer keeps it for a resend.
        var resend = pair.Client.Enqueue(new MsgResendReq { MsgIds = [answerId] });
        pair.ClientToServer();
        Assert.Same(resend, Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>()).Request);

        // Needing no acknowledgement, it may come with an even seq_no too; so may the other informational messages.
        var id = MessageIdGenerator.FromTime(SessionPair.Start) + 80_000;
        foreach (var body in new Telethon.Tl.TlObject[]
        {
            new MsgsAllInfo { MsgIds = [1, 5], Info = [4, 2] },
            new MsgsStateInfo { ReqMsgId = 7, Info = [1] },
            new MsgDetailedInfo { MsgId = 9, AnswerMsgId = 11, Bytes = 4, Status = 0 },
            new MsgNewDetailedInfo { AnswerMsgId = 13, Bytes = 4, Status = 0 },
        })
        {
            id += 4;
            Assert.Empty(pair.Server.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ClientToServer, pair.Server.ServerSalt, pair.Client.SessionId, id, 200, body.ToBytes())));
        }
        Assert.False(pair.Server.HasOutgoing);
    }

    [Fact]
    public void AClientBackOnANewConnectionIsToldWhatBecameOfItsMessagesAndFetchesWhatItMissed()
    {
        var pair = new SessionPair();
        var (answered, _, answerId) = AnsweredButLost(pair, "MISSED");
        var running = pair.Client.Enqueue(new GetNearestDc());
        var runningIncoming = Assert.Single(pair.ClientToServer());
        pair.Server.SendUpdate(new UpdatesTooLong());
        var lostUpdate = pair.Server.PackOutgoing()!;
        var updateId = AnswerIdIn(pair, lostUpdate, UpdatesTooLong.TlConstructorId);

        pair.Server.AnnounceStatus();
        var announced = Packets.Inner(Packets.Open(pair.Key, pair.Server.PackOutgoing()!, MessageDirection.ServerToClient).Body)
            .Select(m => (m.SeqNo, Object: Read(m.Body))).ToList();

        // None of them needs an acknowledgement (even seq_no).
        Assert.All(announced, m => Assert.Equal(0, m.SeqNo & 1));
        var all = Assert.Single(announced.Select(m => m.Object).OfType<MsgsAllInfo>());
        Assert.Equal([answered.MsgId, running.MsgId], all.MsgIds);
        Assert.Equal(new byte[] { 4 + 8 + 32 + 64, 4 + 8 + 32 }, all.Info);
        var detailed = Assert.Single(announced.Select(m => m.Object).OfType<MsgDetailedInfo>());
        Assert.Equal((answered.MsgId, answerId), (detailed.MsgId, detailed.AnswerMsgId));
        Assert.Contains(announced.Select(m => m.Object).OfType<MsgNewDetailedInfo>(), n => n.AnswerMsgId == updateId);
    }

    [Fact]
    public void TheClientFetchesTheAnswersAndUpdatesAnAnnouncementNamesAndOnlyAcknowledgesWhatItHas()
    {
        var pair = new SessionPair();
        var (answered, _, _) = AnsweredButLost(pair, "MISSED");
        pair.Server.SendUpdate(new UpdatesTooLong());
        pair.Server.PackOutgoing();
        pair.Server.SendUpdate(new UpdateShort { Update = new UpdateConfig(), Date = 1 });
        pair.ServerToClient();

        pair.Server.AnnounceStatus();
        var told = pair.ServerToClient();
        Assert.Contains(told, e => e is ServiceMessageEvent { Message: MsgsAllInfo });
        Assert.Equal(2, pair.Client.QueuedCount);

        // A msg_resend_req for the answer and one for the lost update; the update it has is only acknowledged.
        Assert.Empty(pair.ClientToServer());
        var fetched = pair.ServerToClient();
        Assert.Same(answered, Assert.Single(fetched.OfType<RpcResultEvent>()).Request);
        Assert.IsType<UpdatesTooLong>(Assert.Single(fetched.OfType<UpdateEvent>()).Update);
    }

    [Fact]
    public void DestroyAuthKeyIsAnsweredOkOnceThenNoneAndTheKeyRefusesEveryLaterPacket()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc("NL"));
        pair.ServerToClient();

        var first = pair.Client.Enqueue(new DestroyAuthKey());
        var second = pair.Client.Enqueue(new DestroyAuthKey());
        Assert.Empty(pair.ClientToServer());
        Assert.True(pair.Server.IsAuthKeyDestroyed);

        var results = pair.ServerToClient().OfType<RpcResultEvent>().ToList();
        Assert.Equal(2, results.Count);
        Assert.Contains(results, r => r.Result is DestroyAuthKeyOk);
        Assert.Contains(results, r => r.Result is DestroyAuthKeyNone);
        Assert.True(first.IsCompleted && second.IsCompleted);

        pair.Client.Enqueue(new GetNearestDc());
        var refused = Assert.Throws<MtprotoException>(() => pair.ClientToServer());
        Assert.Equal(MtprotoErrorReason.WrongAuthKeyId, refused.Reason);
    }

    [Fact]
    public void TheApplicationDecidesDestroyAuthKeyAndAFailLeavesTheSessionWorking()
    {
        var pair = new SessionPair();
        AuthKey? asked = null;
        pair.Server.DestroyAuthKeyHandler = key =>
        {
            asked = key;
            return new DestroyAuthKeyFail();
        };
        var request = pair.Client.Enqueue(new DestroyAuthKey());
        Assert.Empty(pair.ClientToServer());

        var result = Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
        Assert.IsType<DestroyAuthKeyFail>(result.Result);
        Assert.Same(pair.Key, asked);
        Assert.False(pair.Server.IsAuthKeyDestroyed);

        pair.Client.Enqueue(new GetNearestDc());
        Assert.Single(pair.ClientToServer());
    }

    private static Telethon.Tl.TlObject Read(byte[] body)
    {
        var reader = new Telethon.Tl.TlReader(body);
        return Telethon.Tl.TlRegistry.ReadObject(ref reader);
    }
}
