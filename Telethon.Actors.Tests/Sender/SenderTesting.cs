using System.Buffers.Binary;
using Akka.Actor;
using Akka.TestKit;
using Telethon.Connection;
using Telethon.Sender;
using Telethon.TestServer.Network;
using Telethon.Tests.Support;
using Telethon.Tests.TestServer.Network;
using Telethon.Tl;

namespace Telethon.Tests.Sender;

/// <summary>Options and calls shared by the SenderActor tests: fast reconnects, a small read window, the test server's key.</summary>
internal static class SenderTesting
{
    /// <summary>How long anything may take before a test fails: a guard against hanging, never a claim about speed.</summary>
    public static readonly TimeSpan Wait = Eventually.DefaultTimeout;

    /// <summary>An actor system on virtual time: its scheduler moves only when the test advances it.</summary>
    public const string VirtualTime = "akka.scheduler.implementation = \"Akka.TestKit.TestScheduler, Akka.TestKit\"";

    public static SenderOptions Options(RunningServer server, int dc = 2, IActorRef? updates = null, IDcConnector? connector = null) => new()
    {
        Connection = new DcConnectionOptions
        {
            Address = new DcAddress(dc, server.Dc(dc).Host, server.Dc(dc).Port),
            Connector = connector ?? TcpDcConnector.Instance,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            // A small window, so that every test also runs the sender's reports of consumed frames.
            MaxUnconsumedFrames = 4,
        },
        PublicKeys = [server.Host.PublicKey],
        ApiId = 1,
        DeviceModel = "tests",
        SystemVersion = "linux",
        AppVersion = "1.0",
        UpdatesTarget = updates,
        RequestTimeout = TimeSpan.FromSeconds(30),
        AckDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>A test server whose world, sessions and msg_id checks read the same (virtual) clock as <paramref name="system"/>.</summary>
    public static Task<RunningServer> ServerOnClockAsync(ActorSystem system, TestServerOptions? options = null) =>
        RunningServer.StartAsync((options ?? new TestServerOptions()) with { Time = new SchedulerTimeProvider(system.Scheduler) });

    /// <summary>The virtual clock of a system made with <see cref="VirtualTime"/>.</summary>
    public static TestScheduler Clock(this ActorSystem system) => (TestScheduler)system.Scheduler;

    /// <summary>Invokes through Ask, as the account would: the result, or the failure thrown.</summary>
    public static async Task<T> CallAsync<T>(this IActorRef sender, TlFunction<T> function, TimeSpan? timeout = null)
    {
        var reply = await sender.Ask<object>(new SenderInvoke(Guid.NewGuid(), function), timeout ?? Wait);
        return reply switch
        {
            SenderResult result => Assert.IsAssignableFrom<T>(result.Value),
            SenderFailure failure => throw failure.Cause,
            _ => throw new InvalidOperationException($"unexpected {reply}"),
        };
    }

    /// <summary>Sends <paramref name="function"/> with <paramref name="replies"/> as the asker; returns the request's id.</summary>
    public static Guid Invoke(this IActorRef sender, TlFunction function, IActorRef replies, TimeSpan? timeout = null)
    {
        var id = Guid.NewGuid();
        sender.Tell(new SenderInvoke(id, function, timeout), replies);
        return id;
    }

    /// <summary>The next reply on <paramref name="replies"/>, which must be the result of request <paramref name="id"/>.</summary>
    public static async Task<object?> ExpectResultAsync(this TestProbe replies, Guid id)
    {
        var result = await replies.ExpectMsgAsync<SenderResult>(Wait);
        Assert.Equal(id, result.Id);
        return result.Value;
    }

    /// <summary>The next reply on <paramref name="replies"/>, which must be the failure of request <paramref name="id"/>.</summary>
    public static async Task<Exception> ExpectFailureAsync(this TestProbe replies, Guid id)
    {
        var failure = await replies.ExpectMsgAsync<SenderFailure>(Wait);
        Assert.Equal(id, failure.Id);
        return failure.Cause;
    }

    /// <summary>Returns once <paramref name="actor"/> has handled every message sent to it before.</summary>
    public static async Task SyncAsync(this IActorRef actor) => await actor.Ask<ActorIdentity>(new Identify(null), Wait);

    /// <summary>The messages a probe holds now (a probe receives on the sender's thread, so this is all that was sent to it).</summary>
    public static List<object> Drain(this TestProbe probe)
    {
        var held = new List<object>();
        while (probe.HasMessages)
            held.Add(probe.ReceiveOne(TimeSpan.Zero)!);
        return held;
    }

    /// <summary>The auth_key_id of every frame written in <paramref name="written"/>, the client side of the intermediate transport.</summary>
    public static List<long> KeyIdsOf(byte[] written)
    {
        var ids = new List<long>();
        if (written.Length == 0)
            return ids;
        Assert.Equal(0xeeeeeeeeu, BinaryPrimitives.ReadUInt32LittleEndian(written));
        for (var at = 4; at < written.Length;)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(written.AsSpan(at));
            ids.Add(BinaryPrimitives.ReadInt64LittleEndian(written.AsSpan(at + 4)));
            at += 4 + length;
        }
        return ids;
    }

    /// <summary>An owner that stores nothing but acknowledges every new auth key at once, and tells <paramref name="probe"/> what it got.</summary>
    public static IActorRef Owner(ActorSystem system, IActorRef? probe = null) =>
        system.ActorOf(Props.Create(() => new KeyAcknowledger(probe)));

    private sealed class KeyAcknowledger : ReceiveActor
    {
        public KeyAcknowledger(IActorRef? probe)
        {
            ReceiveAny(message =>
            {
                if (message is AuthKeyCreated created)
                    Sender.Tell(new AuthKeyPersisted(created.KeyId));
                probe?.Tell(message);
            });
        }
    }
}
