using Telethon.Sender;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>RPC errors the sender handles, on virtual time: FLOOD_WAIT slept or surfaced, *_MIGRATE_X typed.</summary>
public sealed class SenderErrorTests : Akka.TestKit.Xunit2.TestKit
{
    public SenderErrorTests(ITestOutputHelper output)
        : base(SenderTesting.VirtualTime, output)
    {
    }

    // One help.getNearestDc per second: the second call in a row gets FLOOD_WAIT_1 (the server reads the test's clock).
    private static TestServerOptions Flood() => new()
    {
        Faults = TestServerConfig.Parse(
            "telethon.test-server.faults.flood = [ { method = \"help.getNearestDc\", account = \"*\", max-calls = 1, window = 1s } ]").Faults,
    };

    [Fact]
    public async Task AFloodWaitBelowTheThresholdIsSleptAndTheRequestSentAgain()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys, Flood());
        var options = SenderTesting.Options(server) with { FloodSleepThreshold = TimeSpan.FromSeconds(5) };
        var sender = Sys.ActorOf(SenderActor.Props(options, SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());

        var replies = CreateTestProbe();
        var flooded = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        // Answered after the FLOOD_WAIT_1 of the call before it: by then the sender sleeps on that one.
        var after = sender.Invoke(new Fn.Help.GetConfig(), replies.Ref);
        Assert.IsType<Types.Config>(await replies.ExpectResultAsync(after));
        Assert.False(replies.HasMessages);

        // Just before the second is over, a request sent now is answered first: the flooded one still sleeps.
        Sys.Clock().Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromMilliseconds(1));
        var before = sender.Invoke(new Fn.Help.GetConfig(), replies.Ref);
        Assert.IsType<Types.Config>(await replies.ExpectResultAsync(before));

        Sys.Clock().Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(flooded)).ThisDc);
    }

    [Fact]
    public async Task AFloodWaitAboveTheThresholdOrBeyondTheTimeoutIsAnswered()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys, Flood());
        var options = SenderTesting.Options(server) with { FloodSleepThreshold = TimeSpan.Zero };
        var sender = Sys.ActorOf(SenderActor.Props(options, SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        // Virtual time stands still: an answer at all means the sender did not sleep.
        var flood = await Assert.ThrowsAsync<RpcError>(() => sender.CallAsync(new Fn.Help.GetNearestDc()));
        Assert.Equal(420, flood.Code);
        Assert.Equal("FLOOD_WAIT", flood.Name);
        Assert.Equal(1, flood.Value);
        Assert.Equal("help.getNearestDc", flood.CausedBy);

        // Under the threshold, but longer than the request may take: answered at once as well.
        var patient = Sys.ActorOf(SenderActor.Props(options with { FloodSleepThreshold = TimeSpan.FromSeconds(5) }, SenderTesting.Owner(Sys)));
        await patient.CallAsync(new Fn.Help.GetNearestDc());
        var replies = CreateTestProbe();
        var id = patient.Invoke(new Fn.Help.GetNearestDc(), replies.Ref, TimeSpan.FromMilliseconds(500));
        Assert.Equal("FLOOD_WAIT", Assert.IsType<RpcError>(await replies.ExpectFailureAsync(id)).Name);

        // Past its timeout and its flood wait, nothing more comes for it: the next reply is a later request's.
        Sys.Clock().Advance(TimeSpan.FromSeconds(2));
        var later = patient.Invoke(new Fn.Help.GetConfig(), replies.Ref);
        Assert.IsType<Types.Config>(await replies.ExpectResultAsync(later));
    }

    [Fact]
    public async Task PhoneMigrateIsAnsweredAsATypedMigration()
    {
        await using var server = await SenderTesting.ServerOnClockAsync(Sys);
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
