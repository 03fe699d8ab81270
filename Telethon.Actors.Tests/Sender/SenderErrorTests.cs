using System.Diagnostics;
using Akka.Actor;
using Telethon.Sender;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>RPC errors the sender handles: FLOOD_WAIT slept or surfaced, *_MIGRATE_X typed.</summary>
public sealed class SenderErrorTests : Akka.TestKit.Xunit2.TestKit
{
    public SenderErrorTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
    }

    // One help.getNearestDc per second: the second call in a row gets FLOOD_WAIT_1.
    private static TestServerOptions Flood() => new()
    {
        Faults = TestServerConfig.Parse(
            "telethon.test-server.faults.flood = [ { method = \"help.getNearestDc\", account = \"*\", max-calls = 1, window = 1s } ]").Faults,
    };

    [Fact]
    public async Task AFloodWaitBelowTheThresholdIsSleptAndTheRequestSentAgain()
    {
        await using var server = await RunningServer.StartAsync(Flood());
        var options = SenderTesting.Options(server) with { FloodSleepThreshold = TimeSpan.FromSeconds(5) };
        var sender = Sys.ActorOf(SenderActor.Props(options, SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var clock = Stopwatch.StartNew();
        var second = await sender.CallAsync(new Fn.Help.GetNearestDc());
        Assert.Equal(2, Assert.IsType<Types.NearestDc>(second).ThisDc);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(900), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task AFloodWaitAboveTheThresholdOrBeyondTheTimeoutIsAnswered()
    {
        await using var server = await RunningServer.StartAsync(Flood());
        var options = SenderTesting.Options(server) with { FloodSleepThreshold = TimeSpan.Zero };
        var sender = Sys.ActorOf(SenderActor.Props(options, SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var clock = Stopwatch.StartNew();
        var flood = await Assert.ThrowsAsync<RpcError>(() => sender.CallAsync(new Fn.Help.GetNearestDc()));
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(800), $"answered after {clock.Elapsed}");
        Assert.Equal(420, flood.Code);
        Assert.Equal("FLOOD_WAIT", flood.Name);
        Assert.Equal(1, flood.Value);
        Assert.Equal("help.getNearestDc", flood.CausedBy);

        // Under the threshold, but longer than the request may take: answered at once as well.
        var patient = Sys.ActorOf(SenderActor.Props(options with { FloodSleepThreshold = TimeSpan.FromSeconds(5) }, SenderTesting.Owner(Sys)));
        await patient.CallAsync(new Fn.Help.GetNearestDc());
        var replies = CreateTestProbe();
        patient.Tell(new SenderInvoke(Guid.NewGuid(), new Fn.Help.GetNearestDc(), TimeSpan.FromMilliseconds(500)), replies.Ref);
        var failure = await replies.ExpectMsgAsync<SenderFailure>(TimeSpan.FromMilliseconds(400));
        Assert.Equal("FLOOD_WAIT", Assert.IsType<RpcError>(failure.Cause).Name);
        await replies.ExpectNoMsgAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task PhoneMigrateIsAnsweredAsATypedMigration()
    {
        await using var server = await RunningServer.StartAsync();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), SenderTesting.Owner(Sys)));
        var sendCode = new Fn.Auth.SendCode { PhoneNumber = "9996631234", ApiId = 1, ApiHash = "hash", Settings = new Types.CodeSettings() };
        var migrate = await Assert.ThrowsAsync<MigrateRequiredException>(() => sender.CallAsync(sendCode));
        Assert.Equal(3, migrate.TargetDc);
        Assert.Equal(MigrateKind.Phone, migrate.Kind);
        Assert.Same(sendCode, migrate.Request);
        Assert.Equal(303, migrate.Code);
        Assert.Equal("PHONE_MIGRATE", migrate.Name);

        // The sender of the target DC takes the same request.
        var dc3 = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, dc: 3), SenderTesting.Owner(Sys)));
        Assert.IsType<Types.Auth.SentCode>(await dc3.CallAsync((Telethon.Tl.TlFunction<Telethon.Tl.Abcs.Auth.SentCode>)migrate.Request));
    }
}
