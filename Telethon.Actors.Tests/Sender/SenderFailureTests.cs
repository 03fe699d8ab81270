using Akka.Actor;
using Telethon.Sender;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.Support;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>Requests that end without an answer, on virtual time: timeouts, cancellation, an auth key the server does not know.</summary>
public sealed class SenderFailureTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Held = "help.getConfig";

    public SenderFailureTests(ITestOutputHelper output)
        : base(SenderTesting.VirtualTime, output)
    {
    }

    // The server holds every answer to help.getConfig until the test releases them.
    private static TestServerOptions HoldConfig() => new() { Faults = new FaultOptions { HeldMethods = [Held] } };

    [Fact]
    public async Task ATimedOutRequestIsAnsweredOnceAtItsDeadlineAndTheLateAnswerIsDropped()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys, HoldConfig());
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());

        var replies = CreateTestProbe();
        var timeout = TimeSpan.FromSeconds(5);
        var id = sender.Invoke(new Fn.Help.GetConfig(), replies.Ref, timeout);
        await Eventually.UntilAsync(() => server.Host.Faults!.HeldCount(Held) == 1, "the server to work on help.getConfig");

        // Just before the deadline the request still waits: a later one is answered first.
        Sys.Clock().Advance(timeout - TimeSpan.FromMilliseconds(1));
        var before = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(before));

        Sys.Clock().Advance(TimeSpan.FromMilliseconds(1));
        Assert.Contains("help.getConfig", Assert.IsType<TimeoutException>(await replies.ExpectFailureAsync(id)).Message);

        // The answer is sent now, ahead of the next request's: the reply after the timeout is that request's.
        Assert.Equal(1, server.Host.Faults!.Release(Held));
        var after = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(after));
    }

    [Fact]
    public async Task ARequestCancelledWhileTheServerWorksOnItIsAnsweredOnceWithOperationCanceled()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys, HoldConfig());
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());

        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetConfig(), replies.Ref);
        await Eventually.UntilAsync(() => server.Host.Faults!.HeldCount(Held) == 1, "the server to work on help.getConfig");
        sender.Tell(new CancelInvoke(id));
        Assert.IsType<OperationCanceledException>(await replies.ExpectFailureAsync(id));

        // The server answers after all, ahead of the next request: that answer is dropped.
        Assert.Equal(1, server.Host.Faults!.Release(Held));
        var after = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(after));

        // Cancelling an answered or unknown request does nothing.
        sender.Tell(new CancelInvoke(id));
        sender.Tell(new CancelInvoke(Guid.NewGuid()));
        var last = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(last));
    }

    [Fact]
    public async Task AnAuthKeyTheServerDoesNotKnowIsReportedOnceAndNotRetried()
    {
        AuthKeyCreated created;
        await using (var before = await SenderTesting.ServerOnClockAsync(Sys))
        {
            var maker = CreateTestProbe();
            var first = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(before), SenderTesting.Owner(Sys, maker.Ref)));
            await first.CallAsync(new Fn.Help.GetNearestDc());
            created = await maker.ExpectMsgAsync<AuthKeyCreated>(SenderTesting.Wait);
            Sys.Stop(first);
        }

        // The server restarted with a new world: the key is gone.
        await using var server = await SenderTesting.ServerOnClockAsync(Sys);
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server) with { AuthKey = created.Key, ServerSalt = created.ServerSalt }, owner.Ref));
        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        var invalid = await owner.FishForMessageAsync<AuthKeyInvalid>(_ => true, SenderTesting.Wait);
        Assert.Equal(new AuthKeyInvalid(2, created.KeyId), invalid);
        var error = Assert.IsType<AuthKeyInvalidException>(await replies.ExpectFailureAsync(id));
        Assert.Equal(-404, error.TransportError);
        Assert.Equal(created.KeyId, error.KeyId);

        // No retry loop: the sender stopped its connection, so the server saw the key once; later requests fail at once.
        await Eventually.UntilAsync(async () => (await Sys.ActorSelection(sender.Path / "connection").Ask<ActorIdentity>(new Identify(null), SenderTesting.Wait)).Subject is null,
            "the connection to stop");
        Assert.Single(server.Log, line => line.Contains("unknown auth_key_id", StringComparison.Ordinal));
        await Assert.ThrowsAsync<AuthKeyInvalidException>(() => sender.CallAsync(new Fn.Help.GetNearestDc()));
        // Reported once: anything the sender told its owner by now is here already.
        Assert.DoesNotContain(owner.Drain(), m => m is AuthKeyInvalid);
    }
}
