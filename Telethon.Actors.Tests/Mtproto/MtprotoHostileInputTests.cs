using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Types;
using Telethon.Tl.Types;

namespace Telethon.Tests.Mtproto;

public sealed class MtprotoHostileInputTests
{
    private static readonly NearestDc Dc = new() { Country = "NL", ThisDc = 2, NearestDcValue = 4 };

    /// <summary>A pair after one full exchange (so the client's clock is synchronised) with a second answer ready to deliver.</summary>
    private static (SessionPair Pair, MtprotoRequest Request, byte[] Answer) Ready()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc);
        pair.ServerToClient();
        var request = pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc);
        return (pair, request, pair.Server.PackOutgoing()!);
    }

    private static void AssertRefusedThenRecovers(SessionPair pair, MtprotoRequest request, byte[] answer, byte[] hostile, MtprotoErrorReason reason)
    {
        var inFlight = pair.Client.InFlightCount;
        var acks = pair.Client.PendingAckCount;
        var salt = pair.Client.ServerSalt;

        var error = Assert.Throws<MtprotoException>(() => pair.Client.ProcessIncoming(hostile));

        Assert.Equal(reason, error.Reason);
        Assert.Equal((inFlight, acks, salt), (pair.Client.InFlightCount, pair.Client.PendingAckCount, pair.Client.ServerSalt));
        var result = Assert.Single(pair.Client.ProcessIncoming(answer).OfType<RpcResultEvent>());
        Assert.Same(request, result.Request);
    }

    private static long ServerMsgId(DateTimeOffset time) => MessageIdGenerator.FromTime(time) | 1;

    /// <summary>A server msg_id the real server of the pair has not used (its clock stands still at the start).</summary>
    private static long Fresh(int n = 0) => ServerMsgId(SessionPair.Start.AddSeconds(5)) + 4 * n;

    private static byte[] Forged(SessionPair pair, long msgId, long? sessionId = null, byte[]? body = null, int? declaredLength = null) =>
        Packets.Encrypt(pair.Key, MessageDirection.ServerToClient, pair.Client.ServerSalt, sessionId ?? pair.Client.SessionId, msgId, 2,
            body ?? new Telethon.Tl.Mtproto.Types.MsgsAck { MsgIds = [] }.ToBytes(), declaredLength: declaredLength);

    [Fact]
    public void TamperedMsgKeyIsRefusedAndTheSessionStaysUsable()
    {
        var (pair, request, answer) = Ready();
        var hostile = (byte[])answer.Clone();
        hostile[10] ^= 0x40;
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.MsgKeyMismatch);
    }

    [Fact]
    public void TamperedCiphertextIsRefusedAndTheSessionStaysUsable()
    {
        var (pair, request, answer) = Ready();
        var hostile = (byte[])answer.Clone();
        hostile[^5] ^= 1;
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.MsgKeyMismatch);
    }

    [Fact]
    public void ForeignAuthKeyIdIsRefusedAndTheSessionStaysUsable()
    {
        var (pair, request, answer) = Ready();
        var hostile = (byte[])answer.Clone();
        hostile[0] ^= 1;
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.WrongAuthKeyId);
    }

    [Fact]
    public void MessageEncryptedWithAnotherKeyIsRefused()
    {
        var (pair, request, answer) = Ready();
        var other = SessionPair.NewKey(99);
        var hostile = Packets.Encrypt(other, MessageDirection.ServerToClient, 0, pair.Client.SessionId, Fresh(), 2, new byte[16]);
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.WrongAuthKeyId);
    }

    [Fact]
    public void WrongSessionIdIsRefusedAndTheSessionStaysUsable()
    {
        var (pair, request, answer) = Ready();
        var hostile = Forged(pair, Fresh(), sessionId: pair.Client.SessionId + 1);
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.WrongSessionId);
    }

    [Fact]
    public void ReplayedPacketIsRefusedAndTheNextOneIsProcessed()
    {
        var (pair, request, answer) = Ready();
        Assert.Same(request, Assert.Single(pair.Client.ProcessIncoming(answer).OfType<RpcResultEvent>()).Request);

        var error = Assert.Throws<MtprotoException>(() => pair.Client.ProcessIncoming(answer));

        Assert.Equal(MtprotoErrorReason.DuplicateMsgId, error.Reason);
        var next = pair.Client.Enqueue(new GetNearestDc());
        pair.AnswerAll(pair.ClientToServer(), _ => Dc);
        Assert.Same(next, Assert.Single(pair.ServerToClient().OfType<RpcResultEvent>()).Request);
    }

    [Fact]
    public void MsgIdOlderThanTheReplayWindowIsRefused()
    {
        var pair = new SessionPair();
        var client = new MtprotoClientSession(pair.Key, pair.Server.ServerSalt, options: new MtprotoSessionOptions
        {
            Time = pair.ClientClock,
            ReplayWindowSize = 4,
        });
        var baseId = ServerMsgId(SessionPair.Start);
        for (var i = 1; i <= 5; i++)
            client.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ServerToClient, 0, client.SessionId, baseId + 4 * i, 2, new byte[] { 0x59, 0xb4, 0xd6, 0x62, 0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0 }));

        var error = Assert.Throws<MtprotoException>(() =>
            client.ProcessIncoming(Packets.Encrypt(pair.Key, MessageDirection.ServerToClient, 0, client.SessionId, baseId, 2, new byte[] { 0x59, 0xb4, 0xd6, 0x62, 0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0 })));

        Assert.Equal(MtprotoErrorReason.DuplicateMsgId, error.Reason);
    }

    [Fact]
    public void EvenServerMsgIdIsRefused()
    {
        var (pair, request, answer) = Ready();
        var hostile = Forged(pair, MessageIdGenerator.FromTime(SessionPair.Start));
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.WrongMsgIdParity);
    }

    [Fact]
    public void MsgIdMoreThanThreeHundredSecondsOldIsRefused()
    {
        var (pair, request, answer) = Ready();
        var hostile = Forged(pair, ServerMsgId(SessionPair.Start.AddSeconds(-301)));
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.MsgIdTooOld);
    }

    [Fact]
    public void MsgIdMoreThanThirtySecondsAheadIsRefused()
    {
        var (pair, request, answer) = Ready();
        var hostile = Forged(pair, ServerMsgId(SessionPair.Start.AddSeconds(31)));
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.MsgIdTooNew);
    }

    [Fact]
    public void AnswerDeliveredAfterItsTimeWindowIsRefused()
    {
        var (pair, _, answer) = Ready();
        pair.ClientClock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(MtprotoErrorReason.MsgIdTooOld, Assert.Throws<MtprotoException>(() => pair.Client.ProcessIncoming(answer)).Reason);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(40)]
    [InlineData(71)]
    public void TruncatedPacketIsRefusedAsTruncated(int length)
    {
        var (pair, request, answer) = Ready();
        AssertRefusedThenRecovers(pair, request, answer, answer[..Math.Min(length, answer.Length)], MtprotoErrorReason.Truncated);
    }

    [Fact]
    public void PacketCutOffTheBlockBoundaryIsRefused()
    {
        // The partial tail is taken for transport padding; the lost block then fails the msg_key check.
        var (pair, request, answer) = Ready();
        AssertRefusedThenRecovers(pair, request, answer, answer[..^8], MtprotoErrorReason.MsgKeyMismatch);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    public void TrailingPaddingOfThePaddedTransportIsIgnored(int extra)
    {
        var (pair, request, answer) = Ready();
        var padded = answer.Concat(Enumerable.Repeat((byte)0xa5, extra)).ToArray();
        var events = pair.Client.ProcessIncoming(padded);
        Assert.Contains(events, e => e is RpcResultEvent r && ReferenceEquals(r.Request, request));
    }

    [Fact]
    public void EmptyAndTinyPacketsAreRefused()
    {
        var (pair, request, answer) = Ready();
        AssertRefusedThenRecovers(pair, request, answer, [], MtprotoErrorReason.Truncated);
        (pair, request, answer) = Ready();
        AssertRefusedThenRecovers(pair, request, answer, [1, 2, 3], MtprotoErrorReason.Truncated);
    }

    [Fact]
    public void OversizedPacketIsRefusedBeforeDecryption()
    {
        var (pair, request, answer) = Ready();
        var hostile = new byte[pair.Key.Data.Length + 17 * 1024 * 1024];
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.TooLarge);
    }

    [Fact]
    public void DeclaredLengthBeyondThePacketIsRefusedAsMalformed()
    {
        var (pair, request, answer) = Ready();
        var hostile = Forged(pair, Fresh(), declaredLength: 4096);
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.Malformed);
    }

    [Fact]
    public void PaddingLongerThan1024BytesIsRefusedAsMalformed()
    {
        var (pair, request, answer) = Ready();
        var hostile = Forged(pair, Fresh(), body: new byte[2048], declaredLength: 12);
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.Malformed);
    }

    [Fact]
    public void ContainerWithABrokenInnerLengthIsRefusedAsMalformed()
    {
        var (pair, request, answer) = Ready();
        var container = Packets.Container((Fresh(0), 2, new byte[8]));
        container[20] = 200; // the inner length now runs past the end
        var hostile = Forged(pair, Fresh(1), body: container);
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.Malformed);
    }

    [Fact]
    public void NestedContainerIsRefusedAsMalformed()
    {
        var (pair, request, answer) = Ready();
        var inner = Packets.Container((Fresh(0), 2, new Telethon.Tl.Mtproto.Types.MsgsAck { MsgIds = [] }.ToBytes()));
        var outer = Packets.Container((Fresh(1), 2, inner));
        var hostile = Forged(pair, Fresh(2), body: outer);
        AssertRefusedThenRecovers(pair, request, answer, hostile, MtprotoErrorReason.Malformed);
    }

    [Fact]
    public void UnknownConstructorInsideAContainerIsReportedAndTheRestIsProcessed()
    {
        var (pair, _, _) = Ready();
        var id = Fresh();
        var container = Packets.Container(
            (id, 3, new byte[] { 0xef, 0xbe, 0xad, 0xde }),
            (id + 4, 3, new UpdatesTooLong().ToBytes()));

        var events = pair.Client.ProcessIncoming(Forged(pair, id + 8, body: container));

        Assert.Equal(id, Assert.Single(events.OfType<UndecodableMessageEvent>()).MsgId);
        Assert.IsType<UpdatesTooLong>(Assert.Single(events.OfType<UpdateEvent>()).Update);
    }

    [Fact]
    public void ServerRefusesATamperedClientPacketAndStaysUsable()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new GetNearestDc());
        var packet = pair.Client.PackOutgoing()!;
        var tampered = (byte[])packet.Clone();
        tampered[30] ^= 1;

        Assert.Equal(MtprotoErrorReason.MsgKeyMismatch, Assert.Throws<MtprotoException>(() => pair.Server.ProcessIncoming(tampered)).Reason);
        Assert.Equal(MtprotoErrorReason.Truncated, Assert.Throws<MtprotoException>(() => pair.Server.ProcessIncoming(packet[..30])).Reason);
        Assert.Equal(MtprotoErrorReason.WrongAuthKeyId, Assert.Throws<MtprotoException>(() => pair.Server.ProcessIncoming(new byte[96])).Reason);
        Assert.Null(pair.Server.SessionId);

        Assert.Single(pair.Server.ProcessIncoming(packet));
    }

    [Fact]
    public void ServerPassesNothingOnFromAReplayedClientPacket()
    {
        var pair = new SessionPair();
        var request = pair.Client.Enqueue(new GetNearestDc());
        var packet = pair.Client.PackOutgoing()!;
        Assert.Single(pair.Server.ProcessIncoming(packet));

        // A replay of a single message is a resend as far as the server can tell: not run again, only acknowledged again.
        Assert.Empty(pair.Server.ProcessIncoming(packet));
        Assert.Empty(pair.Server.ProcessIncoming(packet));

        var events = pair.ServerToClient();
        Assert.DoesNotContain(events, e => e is BadMessageEvent);
        Assert.Same(request, Assert.Single(Assert.Single(events.OfType<MessagesAcknowledgedEvent>()).Requests));
    }
}
