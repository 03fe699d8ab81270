using Telethon.Tests.Support;
using System.Diagnostics;
using Akka.Actor;
using Telethon.Sender;
using Telethon.Tests.Connection;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Mt = Telethon.Tl.Mtproto;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>SenderActor against the test server: key exchange, key reuse, many requests at once, keepalive.</summary>
public sealed class SenderBasicsTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly ITestOutputHelper _output;

    public SenderBasicsTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
        _output = output;
    }

    [Fact]
    public async Task MakesAKeyAnswersRequestsAndALaterSenderReusesTheKey()
    {
        await using var server = await RunningServer.StartAsync();
        var owner = CreateTestProbe();
        var updates = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, updates: updates.Ref), SenderTesting.Owner(Sys, owner.Ref)));

        var nearest = Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc()));
        Assert.Equal(2, nearest.ThisDc);
        var created = await owner.ExpectMsgAsync<AuthKeyCreated>(SenderTesting.Wait);
        Assert.Equal(2, created.DcId);
        Assert.Equal(256, created.Key.Length);
        Assert.Equal(new Telethon.Crypto.AuthKey(created.Key).Id, created.KeyId);
        Assert.DoesNotContain(Convert.ToHexString(created.Key), created.ToString(), StringComparison.OrdinalIgnoreCase);
        var restarted = await updates.ExpectMsgAsync<SessionRestarted>(SenderTesting.Wait);
        Assert.Equal(2, restarted.DcId);

        // A sender given the key skips the exchange.
        var owner2 = CreateTestProbe();
        var again = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server) with { AuthKey = created.Key, ServerSalt = created.ServerSalt }, owner2.Ref));
        var config = Assert.IsType<Types.Config>(await again.CallAsync(new Fn.Help.GetConfig()));
        Assert.Equal(2, config.ThisDc);
        Assert.Equal(1, server.Host.AuthKeyCount);
        var told = await owner2.ReceiveWhileAsync<object>(TimeSpan.FromMilliseconds(150), m => m).CollectAsync();
        Assert.DoesNotContain(told, m => m is AuthKeyCreated);
    }

    [Fact]
    public async Task TwoHundredConcurrentRequestsAreEachAnsweredExactlyOnce()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, connector: connector), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var writesBefore = connector.Writes;

        // Pings answer with their own id, so every answer can be matched to its request.
        var replies = CreateTestProbe();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            Telethon.Tl.TlFunction function = i % 2 == 0 ? new Mt.Functions.Ping { PingId = i } : new Fn.Help.GetNearestDc();
            sender.Tell(new SenderInvoke(Guid.NewGuid(), function), replies.Ref);
        }
        var answers = await replies.ReceiveNAsync(200, TimeSpan.FromSeconds(10)).CollectAsync();
        clock.Stop();
        await replies.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));

        var values = answers.Select(a => Assert.IsType<SenderResult>(a).Value).ToList();
        var pongs = values.OfType<Mt.Types.Pong>().Select(p => p.PingId).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i * 2), pongs);
        Assert.Equal(100, values.OfType<Types.NearestDc>().Count());
        var writes = connector.Writes - writesBefore;
        _output.WriteLine($"200 requests answered in {clock.ElapsedMilliseconds} ms with {writes} socket writes");
        Assert.True(writes < 100, $"the requests should leave in containers, but took {writes} writes");
    }

    [Fact]
    public async Task AnIdleSenderKeepsTheConnectionAliveWithPings()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector();
        // A pong later than the next ping means a dead connection, so the interval is long enough (1 s) that a
        // machine loaded by the whole suite running in parallel still answers each ping before the next.
        var options = SenderTesting.Options(server, connector: connector) with { PingInterval = TimeSpan.FromSeconds(1) };
        var sender = Sys.ActorOf(SenderActor.Props(options, SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var writes = connector.Writes;
        Assert.True(await SenderTesting.EventuallyAsync(() => connector.Writes >= writes + 2, TimeSpan.FromSeconds(6)));
        Assert.Equal(1, connector.Connections);
        Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc()));
    }

    [Fact]
    public async Task ASilentConnectionIsReplacedAfterAMissedPongAndItsRequestStillCompletes()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector();
        var options = SenderTesting.Options(server, connector: connector) with { PingInterval = TimeSpan.FromMilliseconds(150) };
        var sender = Sys.ActorOf(SenderActor.Props(options, SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());

        connector.StallOpenReads();
        var nearest = await sender.CallAsync(new Fn.Help.GetNearestDc());
        Assert.Equal(2, Assert.IsType<Types.NearestDc>(nearest).ThisDc);
        Assert.True(connector.Connections >= 2, "the stalled connection was not replaced");
    }
}
