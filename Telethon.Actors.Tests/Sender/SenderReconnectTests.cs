using Akka.Actor;
using Telethon.Sender;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.Connection;
using Telethon.Tests.Support;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>Broken connections: what was unanswered is sent again on the next one and answered exactly once.</summary>
public sealed class SenderReconnectTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Held = "help.getConfig";

    public SenderReconnectTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
    }

    [Fact]
    public async Task ARequestPendingWhenTheConnectionIsCutIsAnsweredOnTheNextOne()
    {
        await using var server = await RunningServer.StartAsync(new TestServerOptions { Faults = new FaultOptions { HeldMethods = [Held] } });
        var faults = server.Host.Faults!;
        var connector = new TestConnector();
        var updates = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, updates: updates.Ref, connector: connector), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        await updates.ExpectMsgAsync<SessionRestarted>(SenderTesting.Wait);

        // The server works on the request when the connection is cut; the sender sends it again on the next one.
        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetConfig(), replies.Ref);
        await Eventually.UntilAsync(() => faults.HeldCount(Held) == 1, "the server to work on help.getConfig");
        connector.KillAll();
        await Eventually.UntilAsync(() => faults.HeldCount(Held) == 2, "help.getConfig to come again");

        // Both are answered now: the first to the old connection's session, which is gone, the second to the new one.
        Assert.Equal(2, faults.Release(Held));
        Assert.Equal(2, Assert.IsType<Types.Config>(await replies.ExpectResultAsync(id)).ThisDc);
        // Answers come in order: a second answer to it would come before the next request's.
        var next = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(next));
        Assert.Equal(2, connector.Connections);
        // The resend went out in a new session, which the updates actor hears of (to fetch the difference).
        await updates.ExpectMsgAsync<SessionRestarted>(SenderTesting.Wait);
    }

    [Fact]
    public async Task RequestsGoOnWhileTheServerDropsEveryConnectionAfterFiveFrames()
    {
        await using var server = await RunningServer.StartAsync(new TestServerOptions
        {
            Faults = new FaultOptions { Connection = new ConnectionFaultOptions(DropAfterFrames: 5) },
        });
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), SenderTesting.Owner(Sys)));
        var replies = CreateTestProbe();
        // One at a time, each answered once: a second answer to one would be taken for the next one's and fail.
        for (var i = 0; i < 13; i++)
        {
            var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
            Assert.Equal(2, Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(id)).ThisDc);
        }
        Assert.Contains(server.Log, line => line.Contains("dropped by the fault plan", StringComparison.Ordinal));
    }
}
