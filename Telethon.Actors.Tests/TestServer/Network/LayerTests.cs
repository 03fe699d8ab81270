using Telethon.TestServer.Client;
using Telethon.TestServer.Layers;
using Telethon.TestServer.Network;
using Telethon.Tests.Support;
using Telethon.Tl;
using Telethon.Tl.Layers;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer.Network;

/// <summary>
/// Clients at other layers than the server's own: each writes its requests and reads the answers and pushes in
/// its layer (a converted compiled client reads nothing the server did not write in that layer), signs up, sends
/// and receives a message, reads history and fetches a difference.
/// </summary>
public sealed class LayerTests
{
    [Theory]
    [InlineData(167)]
    [InlineData(189)]
    [InlineData(221)]
    public async Task AClientAtAPackagedLayerSignsUpAndExchangesMessages(int layer)
    {
        await using var server = await RunningServer.StartAsync();
        await ConversationAsync(server, LayerCatalog.Packaged.Schema(layer));
        Assert.Contains(server.Log, l => l.Contains($"announces layer {layer}, served in layer {layer}", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("api-165.tl", 165)]
    [InlineData("api.tl", 228)]
    public async Task AClientAtALayerGivenAsATlFileSignsUpAndExchangesMessages(string file, int layer)
    {
        var path = SharedData.PathOf(Path.Combine("tl", file));
        var catalog = LayerCatalog.Load([path]);
        Assert.Contains(layer, catalog.Layers);
        await using var server = await RunningServer.StartAsync(new TestServerOptions { Layers = catalog });
        await ConversationAsync(server, catalog.Schema(layer));
        Assert.Contains(server.Log, l => l.Contains($"announces layer {layer}, served in layer {layer}", StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownLayerIsServedInTheNearestKnownLayerAboveElseBelow()
    {
        Assert.Equal(204, LayerCatalog.Packaged.Choose(198));
        Assert.Equal(189, LayerCatalog.Packaged.Choose(189));
        Assert.Equal(167, LayerCatalog.Packaged.Choose(100));
        Assert.Equal(TlRegistry.Layer, LayerCatalog.Packaged.Choose(TlRegistry.Layer + 5));
        Assert.Equal(TlRegistry.Layer, LayerCatalog.CurrentOnly.Choose(189));
    }

    private static async Task ConversationAsync(RunningServer server, TlLayerSchema layer)
    {
        await using var dave = await TestClient.ConnectAsync(server.Dc(2), server.Host.PublicKey, layer: layer);
        await using var erin = await TestClient.ConnectAsync(server.Dc(2), server.Host.PublicKey, layer: layer);
        Assert.Equal(layer.Layer, dave.Layer);
        var daveUser = await TestServerNetworkTests.SignUpAsync(dave, "9996625555", "Dave");
        var erinUser = await TestServerNetworkTests.SignUpAsync(erin, "9996626666", "Erin");

        var resolved = Assert.IsType<Types.Contacts.ResolvedPeer>(await dave.InvokeAsync(new Fn.Contacts.ResolvePhone { Phone = "9996626666" }));
        var erinAsSeen = Assert.IsType<Types.User>(Assert.Single(resolved.Users));
        Assert.Equal(erinUser.Id, erinAsSeen.Id);
        Assert.Equal("Erin", erinAsSeen.FirstName);
        var erinState = Assert.IsType<Types.Updates.State>(await erin.InvokeAsync(new Fn.Updates.GetState()));

        var sent = await dave.InvokeAsync(new Fn.Messages.SendMessage
        {
            Peer = new Types.InputPeerUser { UserId = erinAsSeen.Id, AccessHash = erinAsSeen.AccessHash!.Value },
            Message = "hello Erin",
            RandomId = 1234,
        });
        Assert.True(Assert.IsType<Types.UpdateShortSentMessage>(sent).Out);

        var pushed = await erin.NextUpdateAsync<Types.UpdateShortMessage>(u => u.Message == "hello Erin");
        Assert.Equal(daveUser.Id, pushed.UserId);
        Assert.Equal(erinState.Pts + 1, pushed.Pts);

        var history = Assert.IsType<Types.Messages.Messages>(await erin.InvokeAsync(new Fn.Messages.GetHistory
        {
            Peer = new Types.InputPeerUser { UserId = daveUser.Id, AccessHash = await TestServerNetworkTests.HashAsync(erin, daveUser.Id) },
            Limit = 10,
        }));
        Assert.Equal("hello Erin", Assert.IsType<Types.Message>(Assert.Single(history.MessagesValue)).MessageValue);

        var difference = Assert.IsType<Types.Updates.Difference>(await erin.InvokeAsync(new Fn.Updates.GetDifference
        {
            Pts = erinState.Pts, Date = erinState.Date, Qts = erinState.Qts,
        }));
        Assert.Equal("hello Erin", Assert.IsType<Types.Message>(Assert.Single(difference.NewMessages)).MessageValue);
        Assert.Contains(difference.Users.OfType<Types.User>(), u => u.Id == daveUser.Id && u.FirstName == "Dave");
    }
}
