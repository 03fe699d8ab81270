using Akka.Actor;
using Telethon.Connection;
using Telethon.Sender;
using Telethon.Tests.Connection;
using Telethon.Tests.Support;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Mt = Telethon.Tl.Mtproto;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>SenderActor against the test server: key exchange, key reuse, many requests at once, the bound on pending calls.</summary>
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

        // A sender given the key skips the exchange: by its first answer it would have reported a new key.
        var owner2 = CreateTestProbe();
        var again = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server) with { AuthKey = created.Key, ServerSalt = created.ServerSalt }, owner2.Ref));
        var config = Assert.IsType<Types.Config>(await again.CallAsync(new Fn.Help.GetConfig()));
        Assert.Equal(2, config.ThisDc);
        Assert.Equal(1, server.Host.AuthKeyCount);
        Assert.DoesNotContain(owner2.Drain(), m => m is AuthKeyCreated);
    }

    [Fact]
    public async Task TwoHundredConcurrentRequestsAreEachAnsweredExactlyOnceAndLeaveInContainers()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, connector: connector), SenderTesting.Owner(Sys)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var writesBefore = connector.Writes;

        // The writes wait until every request is in the sender, so the requests gather whatever the machine's pace.
        connector.StallWrites = true;
        var replies = CreateTestProbe();
        var ids = new HashSet<Guid>();
        for (var i = 0; i < 200; i++)
        {
            // Pings answer with their own id, so every answer can be matched to its request.
            Telethon.Tl.TlFunction function = i % 2 == 0 ? new Mt.Functions.Ping { PingId = i } : new Fn.Help.GetNearestDc();
            ids.Add(sender.Invoke(function, replies.Ref));
        }
        await sender.SyncAsync();
        connector.StallWrites = false;

        var answers = await replies.ReceiveNAsync(200, SenderTesting.Wait).CollectAsync();
        var results = answers.Select(a => Assert.IsType<SenderResult>(a)).ToList();
        Assert.Equal(ids, results.Select(r => r.Id).ToHashSet());
        var values = results.Select(r => r.Value).ToList();
        var pongs = values.OfType<Mt.Types.Pong>().Select(p => p.PingId).Order().ToList();
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long)i * 2), pongs);
        Assert.Equal(100, values.OfType<Types.NearestDc>().Count());
        // Answers come in order: a second answer to any of them would come before this one.
        var last = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(last));

        var writes = connector.Writes - writesBefore;
        _output.WriteLine($"200 requests answered with {writes} socket writes");
        Assert.True(writes <= 20, $"the requests should leave in containers, but took {writes} writes");
    }

    [Fact]
    public async Task PendingCallsBeyondTheBoundAreRefusedAtOnce()
    {
        // No connection ever comes up: every call stays pending.
        var connector = new TestConnector { StallConnects = true };
        var options = new SenderOptions
        {
            Connection = new DcConnectionOptions { Address = new DcAddress(2, "127.0.0.1", 1), Connector = connector },
            AuthKey = new byte[256],
            ApiId = 1,
            RequestTimeout = Timeout.InfiniteTimeSpan,
            MaxPendingCalls = 3,
        };
        var sender = Sys.ActorOf(SenderActor.Props(options, CreateTestProbe().Ref));
        var replies = CreateTestProbe();
        var pending = Enumerable.Range(0, 3).Select(_ => sender.Invoke(new Fn.Help.GetConfig(), replies.Ref)).ToList();

        // The first reply is the refusal: the three before it wait.
        var refused = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        var cause = Assert.IsType<InvalidOperationException>(await replies.ExpectFailureAsync(refused));
        Assert.Contains("3 requests unanswered", cause.Message, StringComparison.Ordinal);
        Assert.Contains("help.getNearestDc", cause.Message, StringComparison.Ordinal);

        // An answered call makes room for one more.
        sender.Tell(new CancelInvoke(pending[0]));
        Assert.IsType<OperationCanceledException>(await replies.ExpectFailureAsync(pending[0]));
        var admitted = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        var refusedAgain = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        Assert.IsType<InvalidOperationException>(await replies.ExpectFailureAsync(refusedAgain));

        // Each waiting call is answered exactly once, when the sender stops.
        Watch(sender);
        Sys.Stop(sender);
        await ExpectTerminatedAsync(sender, SenderTesting.Wait);
        var last = replies.Drain().Select(m => Assert.IsType<SenderFailure>(m)).ToList();
        Assert.Equal(new[] { pending[1], pending[2], admitted }.ToHashSet(), last.Select(f => f.Id).ToHashSet());
        Assert.Equal(3, last.Count);
        Assert.All(last, f => Assert.IsType<InvalidOperationException>(f.Cause));
    }
}
