using System.Diagnostics;
using Akka.Actor;
using Telethon.Sender;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>
/// Requests per second through one sender on loopback, one at a time and with up to 1000 outstanding. Opt-in (it measures rather than
/// checks): <c>TELETHON_MEASURE=1 dotnet test Telethon.Actors.sln -c Release --filter SenderThroughputTests</c>.
/// </summary>
public sealed class SenderThroughputTests : Akka.TestKit.Xunit2.TestKit
{
    private readonly ITestOutputHelper _output;

    public SenderThroughputTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
        _output = output;
    }

    [SkippableTheory]
    [InlineData(1, 2_000)]
    [InlineData(1_000, 20_000)]
    public async Task RequestsPerSecondThroughOneSender(int window, int total)
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("TELETHON_MEASURE") == "1", "a measurement: set TELETHON_MEASURE=1 to run it");
        await using var server = await RunningServer.StartAsync();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), CreateTestProbe().Ref));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var replies = CreateTestProbe();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < window; i++)
            sender.Tell(new Invoke(new Fn.Help.GetNearestDc()), replies.Ref);
        for (var sent = window; sent < total + window; sent++)
        {
            Assert.IsType<Types.NearestDc>((await replies.ExpectMsgAsync<InvokeResult>(TimeSpan.FromSeconds(10))).Value);
            if (sent < total)
                sender.Tell(new Invoke(new Fn.Help.GetNearestDc()), replies.Ref);
        }
        clock.Stop();
        _output.WriteLine($"{total} requests in {clock.ElapsedMilliseconds} ms: {total / clock.Elapsed.TotalSeconds:0} requests/s (window {window})");
    }
}
