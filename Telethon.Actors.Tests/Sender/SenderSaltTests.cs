using Akka.Actor;
using Telethon.Sender;
using Telethon.Tests.TestServer.Network;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>The runtime's first encrypted message after an auth-key exchange uses the exchange's salt, which the server accepts.</summary>
public sealed class SenderSaltTests : Akka.TestKit.Xunit2.TestKit
{
    public SenderSaltTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
    }

    [Fact]
    public async Task TheFirstRequestAfterANewKeyIsAcceptedWithoutBadServerSalt()
    {
        await using var server = await RunningServer.StartAsync();
        var owner = CreateTestProbe();
        var sender = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server), SenderTesting.Owner(Sys, owner.Ref)));

        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await sender.CallAsync(new Fn.Help.GetNearestDc())).ThisDc);

        var created = await owner.ExpectMsgAsync<AuthKeyCreated>(SenderTesting.Wait);
        Assert.DoesNotContain(server.Log, line => line.Contains("bad_server_salt", StringComparison.Ordinal));
        Assert.DoesNotContain(owner.Drain(), m => m is ServerSaltChanged changed && changed.Salt != created.ServerSalt);
    }
}
