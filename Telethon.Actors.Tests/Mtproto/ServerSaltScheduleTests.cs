using Microsoft.Extensions.Time.Testing;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Tests.Crypto;
using Telethon.Tl.Functions.Help;
using Telethon.Tl.Mtproto.Functions;
using Telethon.Tl.Types;

namespace Telethon.Tests.Mtproto;

/// <summary>Server salts belong to the auth key: the first is the handshake's, and every session of the key accepts the current one.</summary>
public sealed class ServerSaltScheduleTests
{
    private const long HandshakeSalt = 0x1122_3344_5566_7788;

    private static MtprotoSessionOptions Options(FakeTimeProvider clock, int seed) => new() { Time = clock, Random = new SeededRandom(seed) };

    private static (MtprotoClientSession Client, MtprotoServerSession Server) Session(AuthKey key, FakeTimeProvider clock, ServerSaltSchedule salts, long clientSalt, int seed) =>
        (new MtprotoClientSession(key, clientSalt, options: Options(clock, seed)), new MtprotoServerSession(key, Options(clock, seed + 100), salts));

    // Sends one request and returns what came back to the client.
    private static IReadOnlyList<MtprotoEvent> RoundTrip(MtprotoClientSession client, MtprotoServerSession server)
    {
        client.Enqueue(new GetNearestDc());
        foreach (var request in server.ProcessIncoming(client.PackOutgoing()!))
            server.SendResult(request.MsgId, new NearestDc { Country = "NL", ThisDc = 2, NearestDcValue = 2 });
        return client.ProcessIncoming(server.PackOutgoing()!);
    }

    [Fact]
    public void TheFirstMessageWithTheHandshakeSaltIsAcceptedByEverySessionOfTheKey()
    {
        var clock = new FakeTimeProvider(SessionPair.Start);
        var key = SessionPair.NewKey(3);
        var salts = new ServerSaltSchedule(Options(clock, 1), HandshakeSalt);
        Assert.Equal(HandshakeSalt, salts.Current);

        var (client, server) = Session(key, clock, salts, HandshakeSalt, 10);
        var events = RoundTrip(client, server);
        Assert.DoesNotContain(events, e => e is BadMessageEvent);
        Assert.Single(events.OfType<RpcResultEvent>());
        Assert.Equal(HandshakeSalt, Assert.Single(events.OfType<NewSessionCreatedEvent>()).ServerSalt);
        Assert.Equal(0, server.BadServerSaltCount);

        // Later, a second session of the same key (a new session_id, say a media connection) starts with the salt the
        // first one uses: accepted at once too.
        clock.Advance(TimeSpan.FromMinutes(20));
        var (second, secondServer) = Session(key, clock, salts, client.ServerSalt, 20);
        Assert.NotEqual(client.SessionId, second.SessionId);
        events = RoundTrip(second, secondServer);
        Assert.DoesNotContain(events, e => e is BadMessageEvent);
        Assert.Equal(0, secondServer.BadServerSaltCount);
    }

    [Fact]
    public void AWrongFirstSaltIsRefusedAndCounted()
    {
        var clock = new FakeTimeProvider(SessionPair.Start);
        var salts = new ServerSaltSchedule(Options(clock, 1), HandshakeSalt);
        var (client, server) = Session(SessionPair.NewKey(3), clock, salts, HandshakeSalt ^ 1, 10);
        client.Enqueue(new GetNearestDc());
        Assert.Empty(server.ProcessIncoming(client.PackOutgoing()!));
        var bad = Assert.Single(client.ProcessIncoming(server.PackOutgoing()!).OfType<BadMessageEvent>());
        Assert.Equal((48, HandshakeSalt), (bad.ErrorCode, bad.NewServerSalt));
        Assert.Equal(1, server.BadServerSaltCount);
    }

    [Fact]
    public void RotationAndFutureSaltsAreTheKeysAndReachEverySession()
    {
        var clock = new FakeTimeProvider(SessionPair.Start);
        var key = SessionPair.NewKey(4);
        var salts = new ServerSaltSchedule(Options(clock, 1), HandshakeSalt);
        var (a, serverA) = Session(key, clock, salts, HandshakeSalt, 10);
        var (b, serverB) = Session(key, clock, salts, HandshakeSalt, 20);
        RoundTrip(a, serverA);
        RoundTrip(b, serverB);

        // Rotating through one session rotates the key's salt: the other session knows the new one, and both still
        // take the old one during the grace period.
        var rotated = serverA.RotateSalt();
        Assert.Equal(rotated, serverB.ServerSalt);
        Assert.DoesNotContain(RoundTrip(b, serverB), e => e is BadMessageEvent);

        // future_salts asked in one session are the schedule the other one follows.
        a.Enqueue(new GetFutureSalts { Num = 3 });
        serverA.ProcessIncoming(a.PackOutgoing()!);
        var announced = Assert.IsType<Telethon.Tl.Mtproto.Types.FutureSalts>(
            Assert.Single(a.ProcessIncoming(serverA.PackOutgoing()!).OfType<RpcResultEvent>()).Result);
        Assert.Equal(rotated, announced.Salts[0].Salt);
        clock.Advance(TimeSpan.FromSeconds(announced.Salts[0].ValidUntil - clock.GetUtcNow().ToUnixTimeSeconds()));
        Assert.Equal(announced.Salts[1].Salt, serverB.ServerSalt);
        Assert.Equal(announced.Salts[1].Salt, salts.Current);
        Assert.Equal(announced.Salts.Select(s => s.Salt), salts.Upcoming(3).Select(s => s.Salt).Prepend(rotated).Take(3));

        // Past the grace period a third session that still has the handshake salt is corrected once, then accepted.
        clock.Advance(TimeSpan.FromHours(3));
        var (c, serverC) = Session(key, clock, salts, HandshakeSalt, 30);
        var bad = Assert.Single(RoundTrip(c, serverC).OfType<BadMessageEvent>());
        Assert.Equal(salts.Current, bad.NewServerSalt);
        Assert.Equal(salts.Current, c.ServerSalt);
        Assert.DoesNotContain(RoundTrip(c, serverC), e => e is BadMessageEvent);
    }

    [Fact]
    public void ASessionWithoutASharedScheduleStillStartsWithARandomSalt()
    {
        var clock = new FakeTimeProvider(SessionPair.Start);
        var first = new MtprotoServerSession(SessionPair.NewKey(5), Options(clock, 1));
        var second = new MtprotoServerSession(SessionPair.NewKey(5), Options(clock, 2));
        Assert.NotEqual(first.ServerSalt, second.ServerSalt);
        Assert.NotSame(first.Salts, second.Salts);
    }
}
