using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Akka.Actor;
using Akka.TestKit;
using Telethon.Connection;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.Tests.TestServer.Network;
using Telethon.Tests.Support;
using Telethon.Transport;
using Xunit.Abstractions;

namespace Telethon.Tests.Connection;

/// <summary>DcConnectionActor against the test server over loopback TCP: framing, lifecycle messages, reconnects, backpressure.</summary>
public sealed class DcConnectionActorTests : Akka.TestKit.Xunit2.TestKit
{
    // Only guards against a hang; never a claim about speed.
    private static readonly TimeSpan Wait = Eventually.DefaultTimeout;

    public DcConnectionActorTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
    }

    public static TheoryData<TransportKind, bool> Transports => new()
    {
        { TransportKind.Abridged, false },
        { TransportKind.Intermediate, false },
        { TransportKind.PaddedIntermediate, false },
        { TransportKind.Full, false },
        { TransportKind.Abridged, true },
        { TransportKind.Intermediate, true },
    };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task FramesGoBothWaysOverEveryTransport(TransportKind kind, bool obfuscated)
    {
        await using var server = await RunningServer.StartAsync();
        var owner = CreateTestProbe();
        var connection = Sys.ActorOf(DcConnectionActor.Props(Options(server) with { Transport = kind, Obfuscated = obfuscated }, owner.Ref));
        var connected = await owner.ExpectMsgAsync<Connected>(Wait);
        Assert.Equal(2, connected.Address.DcId);

        // The first step of an auth-key exchange is a plain message the server must answer.
        var authenticator = new ClientAuthenticator(new ClientAuthenticatorOptions { PublicKeys = [server.Host.PublicKey], DcId = 2 });
        connection.Tell(new SendFrame(PlainMessage.Encode(new MessageIdGenerator().NextClientId(), authenticator.Start())), owner.Ref);
        // The answer may overtake the write confirmation: both come, in either order.
        var two = await owner.ReceiveNAsync(2, Wait).CollectAsync();
        Assert.Equal(1, Assert.Single(two.OfType<FramesWritten>()).Count);
        var frame = Assert.Single(two.OfType<FrameReceived>());
        PlainMessage.Decode(frame.Payload.Span, out var body);
        var step = authenticator.Process(body);
        Assert.False(step.IsComplete);
        Assert.NotNull(step.Outgoing);
    }

    [Fact]
    public async Task ARentedFrameGoesOutAsItsFirstLengthBytes()
    {
        await using var server = await RunningServer.StartAsync();
        var owner = CreateTestProbe();
        var connection = Sys.ActorOf(DcConnectionActor.Props(Options(server), owner.Ref));
        await owner.ExpectMsgAsync<Connected>(Wait);

        // The packet sits at the start of a larger pooled array whose tail is garbage: only the packet may be written,
        // or the server would not answer it.
        var authenticator = new ClientAuthenticator(new ClientAuthenticatorOptions { PublicKeys = [server.Host.PublicKey], DcId = 2 });
        var packet = PlainMessage.Encode(new MessageIdGenerator().NextClientId(), authenticator.Start());
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(packet.Length + 100);
        rented.AsSpan().Fill(0xEE);
        packet.CopyTo(rented, 0);
        connection.Tell(new SendFrame(rented) { Length = packet.Length, Rented = true }, owner.Ref);

        var two = await owner.ReceiveNAsync(2, Wait).CollectAsync();
        Assert.Equal(1, Assert.Single(two.OfType<FramesWritten>()).Count);
        PlainMessage.Decode(Assert.Single(two.OfType<FrameReceived>()).Payload.Span, out var body);
        Assert.False(authenticator.Process(body).IsComplete);
    }

    [Fact]
    public async Task FailedAttemptsBackOffThenConnect()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector();
        connector.FailNext(2);
        var owner = CreateTestProbe();
        Sys.ActorOf(DcConnectionActor.Props(Options(server) with { Connector = connector }, owner.Ref));
        var first = await owner.ExpectMsgAsync<Disconnected>(Wait);
        var second = await owner.ExpectMsgAsync<Disconnected>(Wait);
        Assert.False(first.WasConnected);
        Assert.IsType<IOException>(first.Reason);
        Assert.InRange(first.RetryIn!.Value, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(20));
        Assert.InRange(second.RetryIn!.Value, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(40));
        await owner.ExpectMsgAsync<Connected>(Wait);
        Assert.Equal(3, connector.Attempts);
    }

    [Fact]
    public async Task ACutConnectionIsReportedAndReplaced()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector();
        var owner = CreateTestProbe();
        Sys.ActorOf(DcConnectionActor.Props(Options(server) with { Connector = connector }, owner.Ref));
        var first = await owner.ExpectMsgAsync<Connected>(Wait);
        connector.KillAll();
        var lost = await owner.ExpectMsgAsync<Disconnected>(Wait);
        Assert.True(lost.WasConnected);
        Assert.NotNull(lost.RetryIn);
        var second = await owner.ExpectMsgAsync<Connected>(Wait);
        Assert.True(second.Generation > first.Generation);
        Assert.Equal(2, connector.Connections);
    }

    [Fact]
    public async Task GivesUpAfterTheLastAttemptUntilToldToReconnect()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector();
        connector.FailNext(2);
        var owner = CreateTestProbe();
        var connection = Sys.ActorOf(DcConnectionActor.Props(Options(server) with { Connector = connector, MaxReconnectAttempts = 1 }, owner.Ref));
        Assert.NotNull((await owner.ExpectMsgAsync<Disconnected>(Wait)).RetryIn);
        Assert.Null((await owner.ExpectMsgAsync<Disconnected>(Wait)).RetryIn);
        Assert.Equal(2, connector.Attempts);

        // The next message is the connection asked for: no attempt was made in between.
        connection.Tell(new Reconnect("test"), owner.Ref);
        await owner.ExpectMsgAsync<Connected>(Wait);
        Assert.Equal(3, connector.Attempts);
    }

    [Fact]
    public async Task AnAttemptThatTakesTooLongFailsWithATimeout()
    {
        await using var server = await RunningServer.StartAsync();
        var connector = new TestConnector { StallConnects = true };
        var owner = CreateTestProbe();
        Sys.ActorOf(DcConnectionActor.Props(Options(server) with { Connector = connector, ConnectTimeout = TimeSpan.FromMilliseconds(300) }, owner.Ref));
        var failed = await owner.ExpectMsgAsync<Disconnected>(Wait);
        Assert.IsType<TimeoutException>(failed.Reason);
        Assert.False(failed.WasConnected);
        Assert.NotNull(failed.RetryIn);
    }

    [Fact]
    public async Task FramesAreRefusedWhenNotConnectedOrWhenTheQueueIsFull()
    {
        await using var server = await RunningServer.StartAsync();
        // The attempt waits until the test lets it connect, and then no write completes.
        var connector = new TestConnector { StallConnects = true, StallWrites = true };
        var owner = CreateTestProbe();
        var connection = Sys.ActorOf(DcConnectionActor.Props(Options(server) with { Connector = connector, MaxQueuedFrames = 4 }, owner.Ref));
        var early = new SendFrame(new byte[8]);
        connection.Tell(early, owner.Ref);
        var refused = await owner.ExpectMsgAsync<SendFrameRejected>(Wait);
        Assert.Equal(SendFrameRejectReason.NotConnected, refused.Reason);
        Assert.Same(early.Payload, refused.Payload);

        // Connected: one frame is being written, four wait, the rest are refused.
        connector.StallConnects = false;
        await owner.ExpectMsgAsync<Connected>(Wait);
        for (var i = 0; i < 10; i++)
            connection.Tell(new SendFrame(new byte[8]), owner.Ref);
        for (var i = 0; i < 5; i++)
            Assert.Equal(SendFrameRejectReason.QueueFull, (await owner.ExpectMsgAsync<SendFrameRejected>(Wait)).Reason);
        // The actor answers in order: a sixth refusal would come before this one.
        connection.Tell(new SendFrame(new byte[6]), owner.Ref);
        Assert.Equal(SendFrameRejectReason.Invalid, (await owner.ExpectMsgAsync<SendFrameRejected>(Wait)).Reason);
    }

    [Fact]
    public async Task TheReaderStopsAtItsCreditAndGoesOnAsTheOwnerConsumes()
    {
        const int window = 4;
        const int frames = 24;
        const int size = 1024 * 1024;
        // A peer that writes 24 frames of 1 MB (intermediate framing, each numbered) as fast as TCP lets it.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var peer = Task.Run(async () =>
        {
            using var socket = await listener.AcceptSocketAsync();
            await using var stream = new NetworkStream(socket);
            var frame = new byte[4 + size];
            BinaryPrimitives.WriteInt32LittleEndian(frame, size);
            for (var i = 0; i < frames; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), i);
                await stream.WriteAsync(frame);
            }
            // Stay open until the client leaves.
            await stream.ReadAtLeastAsync(new byte[1], 1, throwOnEndOfStream: false);
        });
        var connector = new TestConnector();
        var owner = CreateTestProbe();
        var connection = Sys.ActorOf(DcConnectionActor.Props(new DcConnectionOptions
        {
            Address = new DcAddress(2, "127.0.0.1", port),
            Connector = connector,
            MaxUnconsumedFrames = window,
        }, owner.Ref));
        var connected = await owner.ExpectMsgAsync<Connected>(Wait);

        // The reader may hold the frame it waits to tell and what one read brought beyond it; never what lies further.
        const long slack = size + 256 * 1024;
        async Task ExpectFrameAsync(int number, int consumed)
        {
            var frame = await owner.ExpectMsgAsync<FrameReceived>(Wait);
            Assert.Equal(connected.Generation, frame.Generation);
            Assert.Equal(number, BinaryPrimitives.ReadInt32LittleEndian(frame.Payload.Span));
            var allowed = (consumed + window) * (4L + size) + slack;
            Assert.True(connector.BytesRead <= allowed, $"read {connector.BytesRead} bytes with {consumed} frames consumed; at most {allowed} allowed");
        }

        for (var i = 0; i < window; i++)
            await ExpectFrameAsync(i, consumed: 0);

        // Credit of an older connection releases nothing; each frame of this one consumed lets exactly one more through.
        connection.Tell(new FramesConsumed(connected.Generation - 1, frames));
        for (var consumed = 1; consumed <= frames - window; consumed++)
        {
            connection.Tell(new FramesConsumed(connected.Generation, 1));
            await ExpectFrameAsync(window + consumed - 1, consumed);
        }
        Assert.Equal(frames * (4L + size), connector.BytesRead);
        Sys.Stop(connection);
        await peer.WaitAsync(Wait);
    }

    private static DcConnectionOptions Options(RunningServer server) => new()
    {
        Address = new DcAddress(2, server.Dc(2).Host, server.Dc(2).Port),
        ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
        ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        ConnectTimeout = Wait,
    };
}
