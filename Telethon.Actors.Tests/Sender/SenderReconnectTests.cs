using Akka.Actor;
using Telethon.Sender;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.Connection;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>Broken connections: what was unanswered is sent again on the next one and answered exactly once.</summary>
public sealed class SenderReconnectTests : Akka.TestKit.Xunit2.TestKit
{
    public SenderReconnectTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
    }

    [Fact]
    public async Task ARequestPendingWhenTheConnectionIsCutIsAnsweredOnTheNextOne()
    {
        await using var server = await RunningServer.StartAsync(new TestServerOptions
        {
            Faults = new FaultOptions
            {
                Delay = new DelayOptions(1, TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300), ["help.getConfig"]),
            },
        });
        var connector = new TestConnector();
        var updates = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, updates: updates.Ref, connector: connector), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        await updates.ExpectMsgAsync<SessionRestarted>(SenderTesting.Wait);

        var replies = CreateTestProbe();
        var written = connector.BytesWritten;
        sender.Tell(new SenderInvoke(Guid.NewGuid(), new Fn.Help.GetConfig()), replies.Ref);
        Assert.True(await SenderTesting.EventuallyAsync(() => connector.BytesWritten > written, SenderTesting.Wait));
        connector.KillAll();

        var answer = await replies.ExpectMsgAsync<SenderResult>(SenderTesting.Wait);
        Assert.Equal(2, Assert.IsType<Types.Config>(answer.Value).ThisDc);
        await replies.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(500));
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
        for (var i = 0; i < 12; i++)
        {
            sender.Tell(new SenderInvoke(Guid.NewGuid(), new Fn.Help.GetNearestDc()), replies.Ref);
            Assert.Equal(2, Assert.IsType<Types.NearestDc>((await replies.ExpectMsgAsync<SenderResult>(SenderTesting.Wait)).Value).ThisDc);
        }
        await replies.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(100));
        Assert.Contains(server.Log, line => line.Contains("dropped by the fault plan", StringComparison.Ordinal));
    }
}
