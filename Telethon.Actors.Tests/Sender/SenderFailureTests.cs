using Akka.Actor;
using Telethon.Sender;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>Requests that end without an answer: timeouts, cancellation, an auth key the server does not know.</summary>
public sealed class SenderFailureTests : Akka.TestKit.Xunit2.TestKit
{
    public SenderFailureTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
    }

    // help.getConfig is answered after 600 ms.
    private static TestServerOptions SlowConfig() => new()
    {
        Faults = new FaultOptions
        {
            Delay = new DelayOptions(1, TimeSpan.FromMilliseconds(600), TimeSpan.FromMilliseconds(600), ["help.getConfig"]),
        },
    };

    [Fact]
    public async Task ATimedOutRequestIsAnsweredOnceAndTheLateAnswerIsDropped()
    {
        await using var server = await RunningServer.StartAsync(SlowConfig());
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());

        var replies = CreateTestProbe();
        sender.Tell(new SenderInvoke(Guid.NewGuid(), new Fn.Help.GetConfig(), TimeSpan.FromMilliseconds(150)), replies.Ref);
        var failure = await replies.ExpectMsgAsync<SenderFailure>(TimeSpan.FromMilliseconds(500));
        Assert.Contains("help.getConfig", Assert.IsType<TimeoutException>(failure.Cause).Message);
        await replies.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(700));

        Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc()));
    }

    [Fact]
    public async Task ACancelledRequestIsAnsweredOnceWithOperationCanceled()
    {
        await using var server = await RunningServer.StartAsync(SlowConfig());
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var replies = CreateTestProbe();

        // Cancelled while the server works on it.
        var id = Guid.NewGuid();
        sender.Tell(new SenderInvoke(id, new Fn.Help.GetConfig()), replies.Ref);
        await Task.Delay(100);
        sender.Tell(new CancelInvoke(id));
        var failure = await replies.ExpectMsgAsync<SenderFailure>(TimeSpan.FromMilliseconds(300));
        Assert.Equal(id, failure.Id);
        Assert.IsType<OperationCanceledException>(failure.Cause);
        await replies.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(700));
        Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc()));
    }

    [Fact]
    public async Task AnAuthKeyTheServerDoesNotKnowIsReportedOnceAndNotRetried()
    {
        AuthKeyCreated created;
        await using (var before = await RunningServer.StartAsync())
        {
            var maker = CreateTestProbe();
            var first = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(before), SenderTesting.Owner(Sys, maker.Ref)));
            await first.CallAsync(new Fn.Help.GetNearestDc());
            created = await maker.ExpectMsgAsync<AuthKeyCreated>(SenderTesting.Wait);
            Sys.Stop(first);
        }

        // The server restarted with a new world: the key is gone.
        await using var server = await RunningServer.StartAsync();
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server) with { AuthKey = created.Key, ServerSalt = created.ServerSalt }, owner.Ref));
        var replies = CreateTestProbe();
        sender.Tell(new SenderInvoke(Guid.NewGuid(), new Fn.Help.GetNearestDc()), replies.Ref);
        var invalid = await owner.FishForMessageAsync<AuthKeyInvalid>(_ => true, SenderTesting.Wait);
        Assert.Equal(new AuthKeyInvalid(2, created.KeyId), invalid);
        var failure = await replies.ExpectMsgAsync<SenderFailure>(SenderTesting.Wait);
        var error = Assert.IsType<AuthKeyInvalidException>(failure.Cause);
        Assert.Equal(-404, error.TransportError);
        Assert.Equal(created.KeyId, error.KeyId);

        // No retry loop: one refused connection, and later requests fail at once.
        await Task.Delay(300);
        Assert.Single(server.Log, line => line.Contains("unknown auth_key_id", StringComparison.Ordinal));
        await Assert.ThrowsAsync<AuthKeyInvalidException>(() => sender.CallAsync(new Fn.Help.GetNearestDc()));
        await owner.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
    }
}
