using Akka.Actor;
using Telethon.Sender;
using Telethon.Tests.TestServer.Network;
using Telethon.Updates;
using Xunit.Abstractions;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.Sender;

/// <summary>Two signed-up accounts, each with its sender: a message from one is pushed to the other's updates target.</summary>
public sealed class SenderUpdatesTests : Akka.TestKit.Xunit2.TestKit
{
    public SenderUpdatesTests(ITestOutputHelper output)
        : base((ActorSystem?)null, output)
    {
    }

    [Fact]
    public async Task AMessageSentByOneAccountIsForwardedAsUpdatesArrivedToTheOther()
    {
        await using var server = await RunningServer.StartAsync();
        var daveUpdates = CreateTestProbe();
        var erinUpdates = CreateTestProbe();
        var dave = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, updates: daveUpdates.Ref), SenderTesting.Owner(Sys)));
        var erin = Sys.ActorOf(SenderActor.Props(SenderTesting.Options(server, updates: erinUpdates.Ref), SenderTesting.Owner(Sys)));
        var daveUser = await SignUpAsync(dave, "9996625555", "Dave");
        var erinUser = await SignUpAsync(erin, "9996626666", "Erin");

        var resolved = await dave.CallAsync(new Fn.Contacts.ResolvePhone { Phone = "9996626666" });
        var erinAsSeen = Assert.IsType<Types.User>(Assert.Single(Assert.IsType<Types.Contacts.ResolvedPeer>(resolved).Users));
        Assert.Equal(erinUser.Id, erinAsSeen.Id);
        var sent = await dave.CallAsync(new Fn.Messages.SendMessage
        {
            Peer = new Types.InputPeerUser { UserId = erinAsSeen.Id, AccessHash = erinAsSeen.AccessHash!.Value },
            Message = "hello Erin",
            RandomId = 4321,
        });
        Assert.True(Assert.IsType<Types.UpdateShortSentMessage>(sent).Out);

        var arrived = await erinUpdates.FishForMessageAsync<UpdatesArrived>(
            u => u.Updates is Types.UpdateShortMessage { Message: "hello Erin" }, SenderTesting.Wait);
        var pushed = Assert.IsType<Types.UpdateShortMessage>(arrived.Updates);
        Assert.Equal(daveUser.Id, pushed.UserId);
        Assert.False(pushed.Out);
    }

    private static async Task<Types.User> SignUpAsync(IActorRef sender, string phone, string name)
    {
        var code = Assert.IsType<Types.Auth.SentCode>(await sender.CallAsync(new Fn.Auth.SendCode
        {
            PhoneNumber = phone,
            ApiId = 1,
            ApiHash = "hash",
            Settings = new Types.CodeSettings(),
        }));
        var signIn = await sender.CallAsync(new Fn.Auth.SignIn { PhoneNumber = phone, PhoneCodeHash = code.PhoneCodeHash, PhoneCode = "22222" });
        Assert.IsType<Types.Auth.AuthorizationSignUpRequired>(signIn);
        var signedUp = await sender.CallAsync(new Fn.Auth.SignUp { PhoneNumber = phone, PhoneCodeHash = code.PhoneCodeHash, FirstName = name, LastName = "" });
        return Assert.IsType<Types.User>(Assert.IsType<Types.Auth.Authorization>(signedUp).User);
    }
}
