using Akka.Actor;
using Telethon.Connection;
using Telethon.Sender;
using Telethon.Tests.TestServer.Network;
using Telethon.Tl;

namespace Telethon.Tests.Sender;

/// <summary>Options and calls shared by the SenderActor tests: fast reconnects and acks, the test server's key.</summary>
internal static class SenderTesting
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    public static SenderOptions Options(RunningServer server, int dc = 2, IActorRef? updates = null, IDcConnector? connector = null) => new()
    {
        Connection = new DcConnectionOptions
        {
            Address = new DcAddress(dc, server.Dc(dc).Host, server.Dc(dc).Port),
            Connector = connector ?? TcpDcConnector.Instance,
            ReconnectBaseDelay = TimeSpan.FromMilliseconds(20),
            ReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            ConnectTimeout = TimeSpan.FromSeconds(3),
        },
        PublicKeys = [server.Host.PublicKey],
        ApiId = 1,
        DeviceModel = "tests",
        SystemVersion = "linux",
        AppVersion = "1.0",
        UpdatesTarget = updates,
        RequestTimeout = TimeSpan.FromSeconds(5),
        AckDelay = TimeSpan.FromMilliseconds(50),
    };

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

    /// <summary>Polls <paramref name="condition"/> every 10 ms for at most <paramref name="max"/>.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, TimeSpan max)
    {
        var until = DateTime.UtcNow + max;
        while (!condition())
        {
            if (DateTime.UtcNow > until)
                return false;
            await Task.Delay(10);
        }
        return true;
    }
}
