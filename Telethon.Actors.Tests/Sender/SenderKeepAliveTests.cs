using Telethon.Sender;
using Telethon.Tests.Connection;
using Telethon.Tests.Support;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>ping_delay_disconnect on virtual time: an idle sender pings; a ping unanswered by the next one means a dead connection.</summary>
public sealed class SenderKeepAliveTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    public SenderKeepAliveTests(ITestOutputHelper output)
        : base(SenderTesting.VirtualTime, output)
    {
    }

    // Acknowledgements only ride on other packets here, so that every write after a tick is the ping.
    private static SenderOptions Quiet(SenderOptions options) => options with
    {
        PingInterval = Interval,
        AckDelay = TimeSpan.FromHours(1),
        RequestTimeout = TimeSpan.FromHours(1),
    };

    [Fact]
    public async Task AnIdleSenderKeepsTheConnectionAliveWithPings()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys);
        var connector = new TestConnector();
        var sender = Sys.ActorOf(SenderActor.Props(Quiet(SenderTesting.Options(server, connector: connector)), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());

        for (var tick = 0; tick < 3; tick++)
        {
            var written = connector.BytesWritten;
            Sys.Clock().Advance(Interval);
            await Eventually.UntilAsync(() => connector.BytesWritten > written, $"ping {tick + 1} to leave");
            // The server answers the ping before a request sent after it, so the next tick finds the pong.
            Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc()));
        }
        Assert.Equal(1, connector.Connections);
    }

    [Fact]
    public async Task ASilentConnectionIsReplacedAfterAMissedPongAndItsRequestStillCompletes()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys);
        var connector = new TestConnector();
        var sender = Sys.ActorOf(SenderActor.Props(Quiet(SenderTesting.Options(server, connector: connector)), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());

        // The link goes silent with a request on it.
        connector.StallOpenReads();
        var replies = CreateTestProbe();
        var written = connector.BytesWritten;
        var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        await Eventually.UntilAsync(() => connector.BytesWritten > written, "the request to leave");

        // A ping goes out and its pong is lost; at the next tick the sender gives up on the connection.
        written = connector.BytesWritten;
        Sys.Clock().Advance(Interval);
        await Eventually.UntilAsync(() => connector.BytesWritten > written, "the ping to leave");
        Sys.Clock().Advance(Interval);

        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(id)).ThisDc);
        Assert.Equal(2, connector.Connections);
    }
}
