using Akka.Actor;
using Telethon.Crypto;
using Telethon.Sender;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.Tests.Connection;
using Telethon.Tests.Support;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>
/// Perfect forward secrecy in the sender, on virtual time: the permanent key is made and reported once, temporary keys
/// carry every encrypted byte and are never reported, a key is renewed before it expires without losing a request, and a
/// temporary key the server forgets costs a new temporary key only.
/// </summary>
public sealed class SenderTemporaryKeyTests : Akka.TestKit.Xunit2.TestKit
{
    private const string Held = "help.getConfig";
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    public SenderTemporaryKeyTests(ITestOutputHelper output)
        : base(SenderTesting.VirtualTime, output)
    {
    }

    // Nothing but the key's lifetime moves with the clock: no pings, no request timeouts.
    private static SenderOptions WithTemporaryKeys(SenderOptions options) => options with
    {
        TemporaryKeyLifetime = Lifetime,
        PingInterval = TimeSpan.FromDays(30),
        RequestTimeout = TimeSpan.FromDays(30),
    };

    private Task<RunningServer> ServerAsync() =>
        SenderTesting.ServerOnClockAsync(Sys, new TestServerOptions { Faults = new FaultOptions { HeldMethods = [Held] } });

    [Fact]
    public async Task The_permanent_key_is_reported_once_and_a_bound_temporary_key_carries_every_encrypted_message()
    {
        await using var server = await ServerAsync();
        var connector = new TestConnector();
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(WithTemporaryKeys(SenderTesting.Options(server, connector: connector)), SenderTesting.Owner(Sys, owner.Ref)));

        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc())).ThisDc);
        var permanent = Assert.IsType<AuthKeyCreated>(await owner.FishForMessageAsync(m => m is AuthKeyCreated, SenderTesting.Wait));
        Assert.False(server.Host.IsTemporaryKey(2, permanent.KeyId));
        var temporary = Assert.IsType<long>(server.Host.BoundTemporaryKey(2, permanent.KeyId));
        Assert.True(server.Host.IsTemporaryKey(2, temporary));
        Assert.Equal(1, server.Host.TemporaryKeyBindings);
        // initConnection came after the binding: the server heard of the client as the permanent key's, never the temporary one's.
        Assert.Null(server.Host.World.GetClient(2, temporary).Client);
        Assert.Equal("tests", server.Host.World.GetClient(2, permanent.KeyId).Client?.DeviceModel);

        // Two exchanges in plain messages (permanent, then temporary), then only the temporary key.
        await sender.SyncAsync();
        var keys = SenderTesting.KeyIdsOf(connector.WrittenOn(0));
        Assert.Equal([0L, 0L, 0L, 0L, 0L, 0L], keys.Take(6));
        Assert.All(keys.Skip(6), id => Assert.Equal(temporary, id));
        Assert.DoesNotContain(owner.Drain(), m => m is AuthKeyCreated or AuthKeyInvalid);

        // A sender made later from the stored permanent key binds a temporary key of its own and reports nothing.
        Sys.Stop(sender);
        var again = Sys.ActorOf(SenderActor.Props(WithTemporaryKeys(SenderTesting.Options(server, connector: connector)) with
        {
            AuthKey = permanent.Key,
        }, SenderTesting.Owner(Sys, owner.Ref)));
        Assert.IsType<Types.NearestDc>(await again.CallAsync(new Fn.Help.GetNearestDc()));
        var next = Assert.IsType<long>(server.Host.BoundTemporaryKey(2, permanent.KeyId));
        Assert.NotEqual(temporary, next);
        var laterKeys = SenderTesting.KeyIdsOf(connector.WrittenOn(1));
        Assert.Equal([0L, 0L, 0L], laterKeys.Take(3));
        Assert.All(laterKeys.Skip(3), id => Assert.Equal(next, id));
        Assert.DoesNotContain(owner.Drain(), m => m is AuthKeyCreated or AuthKeyInvalid);
        Assert.Equal(3, server.Host.AuthKeyCount);
    }

    [Fact]
    public async Task The_temporary_key_is_renewed_before_it_expires_and_requests_in_flight_are_answered()
    {
        await using var server = await ServerAsync();
        var faults = server.Host.Faults!;
        var connector = new TestConnector();
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(WithTemporaryKeys(SenderTesting.Options(server, connector: connector)), SenderTesting.Owner(Sys, owner.Ref)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var permanent = Assert.IsType<AuthKeyCreated>(await owner.FishForMessageAsync(m => m is AuthKeyCreated, SenderTesting.Wait)).KeyId;
        var first = Assert.IsType<long>(server.Host.BoundTemporaryKey(2, permanent));

        // Half the lifetime is the lead (an hour's key is renewed after half an hour): just before it, nothing happens.
        Sys.Clock().Advance(Lifetime / 2 - TimeSpan.FromMinutes(1));
        await sender.SyncAsync();
        Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc()));
        Assert.Equal(first, server.Host.BoundTemporaryKey(2, permanent));

        // Two requests are in the server's hands when the renewal starts.
        var replies = CreateTestProbe();
        var ids = new[] { sender.Invoke(new Fn.Help.GetConfig(), replies.Ref), sender.Invoke(new Fn.Help.GetConfig(), replies.Ref) };
        await Eventually.UntilAsync(() => faults.HeldCount(Held) == 2, "the server to hold both requests");
        Sys.Clock().Advance(TimeSpan.FromMinutes(2));

        // The next key is made and bound on the same connection; what the old session left unanswered is sent again.
        await Eventually.UntilAsync(() => server.Host.BoundTemporaryKey(2, permanent) is { } bound && bound != first, "the next key to be bound");
        var second = server.Host.BoundTemporaryKey(2, permanent)!.Value;
        await Eventually.UntilAsync(() => faults.HeldCount(Held) == 4, "the requests to come again on the new key");
        Assert.Equal(4, faults.Release(Held));
        var answered = new HashSet<Guid>();
        for (var i = 0; i < 2; i++)
            answered.Add(Assert.IsType<SenderResult>(await replies.ExpectMsgAsync<SenderResult>(SenderTesting.Wait)).Id);
        Assert.Equal(ids.ToHashSet(), answered);
        Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc()));
        Assert.False(replies.HasMessages);

        // No reconnect, no -404, no new permanent key; after the binding only the new key is written.
        Assert.Equal(1, connector.Connections);
        Assert.Equal(2, server.Host.TemporaryKeyBindings);
        Assert.DoesNotContain(server.Log, line => line.Contains("unknown auth_key_id", StringComparison.Ordinal));
        Assert.DoesNotContain(owner.Drain(), m => m is AuthKeyCreated or AuthKeyInvalid);
        var keys = SenderTesting.KeyIdsOf(connector.WrittenOn(0));
        Assert.DoesNotContain(permanent, keys);
        var firstOfSecond = keys.IndexOf(second);
        Assert.True(firstOfSecond > keys.LastIndexOf(first));
        Assert.All(keys.Skip(firstOfSecond), id => Assert.Equal(second, id));
    }

    [Fact]
    public async Task A_temporary_key_the_server_forgot_is_replaced_and_the_permanent_key_stays()
    {
        await using var server = await ServerAsync();
        var connector = new TestConnector();
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(WithTemporaryKeys(SenderTesting.Options(server, connector: connector)), SenderTesting.Owner(Sys, owner.Ref)));
        await sender.CallAsync(new Fn.Help.GetNearestDc());
        var permanent = Assert.IsType<AuthKeyCreated>(await owner.FishForMessageAsync(m => m is AuthKeyCreated, SenderTesting.Wait)).KeyId;
        var first = Assert.IsType<long>(server.Host.BoundTemporaryKey(2, permanent));

        // Telegram keeps temporary keys in RAM only: one may vanish before it expires. The next request meets -404.
        Assert.True(server.Host.ForgetAuthKey(2, first));
        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);
        await Eventually.UntilAsync(() => server.Log.Any(line => line.Contains("unknown auth_key_id", StringComparison.Ordinal)), "the -404");
        await Eventually.UntilAsync(() =>
        {
            if (connector.Connections >= 2)
                return true;
            Sys.Clock().Advance(TimeSpan.FromMilliseconds(250)); // the reconnect's backoff
            return false;
        }, "a new connection");

        Assert.IsType<Types.NearestDc>(await replies.ExpectResultAsync(id));
        var second = Assert.IsType<long>(server.Host.BoundTemporaryKey(2, permanent));
        Assert.NotEqual(first, second);
        Assert.DoesNotContain(owner.Drain(), m => m is AuthKeyCreated or AuthKeyInvalid);
        Assert.Equal([0L, 0L, 0L], SenderTesting.KeyIdsOf(connector.WrittenOn(1)).Take(3));
    }

    [Fact]
    public async Task A_permanent_key_the_server_cannot_bind_with_is_reported_invalid()
    {
        await using var server = await ServerAsync();
        var owner = CreateTestProbe();
        var unknown = new byte[256];
        new Crypto.SeededRandom(9).Fill(unknown);
        var sender = Sys.ActorOf(SenderActor.Props(WithTemporaryKeys(SenderTesting.Options(server)) with { AuthKey = unknown }, owner.Ref));
        var replies = CreateTestProbe();
        var id = sender.Invoke(new Fn.Help.GetNearestDc(), replies.Ref);

        var invalid = await owner.ExpectMsgAsync<AuthKeyInvalid>(SenderTesting.Wait);
        Assert.Equal(new AuthKey(unknown).Id, invalid.KeyId);
        Assert.Equal(new AuthKey(unknown).Id, Assert.IsType<AuthKeyInvalidException>(await replies.ExpectFailureAsync(id)).KeyId);
        Assert.Equal(0, server.Host.TemporaryKeyBindings);
    }
}
