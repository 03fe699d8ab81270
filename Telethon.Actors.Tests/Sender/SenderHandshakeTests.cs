using Akka.Actor;
using Telethon.Sender;
using Telethon.Tests.Connection;
using Telethon.Tests.Support;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>The auth-key exchange on virtual time: off the sender's thread, timed out and started over, and no encrypted byte before the key is stored.</summary>
public sealed class SenderHandshakeTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(5);

    public SenderHandshakeTests(ITestOutputHelper output)
        : base(SenderTesting.VirtualTime + "\nakka.loglevel = DEBUG", output)
    {
    }

    private static SenderOptions Patient(SenderOptions options) => options with
    {
        HandshakeTimeout = HandshakeTimeout,
        RequestTimeout = TimeSpan.FromHours(1),
    };

    [Fact]
    public async Task NoEncryptedRequestLeavesBeforeTheOwnerHasStoredTheKey()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys);
        var connector = new TestConnector();
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, connector: connector), owner.Ref));
        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        var created = await owner.ExpectMsgAsync<AuthKeyCreated>(SenderTesting.Wait);

        // The owner has not answered, or answers for another key: the sender and its connection have done all they
        // were going to do with that, and it was only the exchange's three plain messages.
        sender.Tell(new AuthKeyPersisted(created.KeyId + 1), owner.Ref);
        await sender.SyncAsync();
        var connection = await Sys.ActorSelection(sender.Path / "connection").ResolveOne(SenderTesting.Wait);
        await connection.SyncAsync();
        Assert.Equal([0L, 0L, 0L], SenderTesting.KeyIdsOf(connector.WrittenOn(0)));
        Assert.False(replies.HasMessages);

        // Stored: the request waiting since the start goes out under the new key and is answered.
        sender.Tell(new AuthKeyPersisted(created.KeyId), owner.Ref);
        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(id)).ThisDc);
        Assert.Contains(created.KeyId, SenderTesting.KeyIdsOf(connector.WrittenOn(0)));
        Assert.Equal(1, connector.Connections);
    }

    [Fact]
    public async Task AnExchangeWithoutAnswerTimesOutAndStartsOverOnANewConnection()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys);
        var connector = new TestConnector();
        connector.SilenceNext(1);
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(Patient(SenderTesting.Options(server, connector: connector)), SenderTesting.Owner(Sys, owner.Ref)));
        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        await Eventually.UntilAsync(() => connector.BytesWritten > 0, "req_pq_multi to leave");
        var connection = await Sys.ActorSelection(sender.Path / "connection").ResolveOne(SenderTesting.Wait);

        // Just before the timeout the sender still waits on its first connection.
        Sys.Clock().Advance(HandshakeTimeout - TimeSpan.FromMilliseconds(1));
        await sender.SyncAsync();
        await connection.SyncAsync();
        Assert.Equal(1, connector.Attempts);

        Sys.Clock().Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(id)).ThisDc);
        Assert.IsType<AuthKeyCreated>(await owner.FishForMessageAsync(m => m is AuthKeyCreated, SenderTesting.Wait));
        Assert.Equal(2, connector.Connections);
        Assert.Equal(1, server.Host.AuthKeyCount);
    }

    [Fact]
    public async Task TheSenderGoesOnWhileAStepComputesAndIgnoresTheAnswerOfAnAbandonedExchange()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys);
        var connector = new TestConnector();
        // Draw 1 is the first exchange's nonce, drawn as it starts; draw 2 comes in its first step's arithmetic.
        // Draw 3 is the second exchange's nonce, draw 4 in its first step.
        var random = new GatedRandom(2, 4);
        var options = Patient(SenderTesting.Options(server, connector: connector)) with
        {
            HandshakeRandom = random,
            // Its own threads: the held steps must not hold the scheduler that the other tests' exchanges share.
            ExchangeScheduler = TaskScheduler.Default,
        };
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(options, SenderTesting.Owner(Sys, owner.Ref)));
        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        await random.Reached(2).WaitAsync(SenderTesting.Wait);

        // The step is stuck in its arithmetic, and the sender still answers: it identifies itself, takes a request
        // and cancels it.
        await sender.SyncAsync();
        var cancelled = sender.Invoke(new Fn.Help.GetConfig(), replies.Ref);
        sender.Tell(new CancelInvoke(cancelled));
        Assert.IsType<OperationCanceledException>(await replies.ExpectFailureAsync(cancelled));

        // The exchange takes too long: the sender starts another on a new connection, whose first step is held as well.
        Sys.Clock().Advance(HandshakeTimeout);
        await random.Reached(4).WaitAsync(SenderTesting.Wait);

        // The abandoned step finishes while the new exchange computes: its answer is dropped.
        await EventFilter.Debug(contains: "abandoned auth-key exchange").ExpectOneAsync(SenderTesting.Wait, () =>
        {
            random.Open(2);
            return Task.CompletedTask;
        });
        random.Open(4);

        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(id)).ThisDc);
        Assert.IsType<AuthKeyCreated>(await owner.FishForMessageAsync(m => m is AuthKeyCreated, SenderTesting.Wait));
        Assert.DoesNotContain(owner.Drain(), m => m is AuthKeyCreated);
        Assert.Equal(2, connector.Connections);
        Assert.Equal(1, server.Host.AuthKeyCount);
    }
}
