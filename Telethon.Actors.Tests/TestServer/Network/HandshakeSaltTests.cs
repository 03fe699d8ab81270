using Telethon.Mtproto.Authentication;
using Telethon.TestServer.Client;
using Telethon.Tests.Support;
using Telethon.Transport;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer.Network;

/// <summary>The first encrypted message of a new auth key carries the salt of the exchange, and the server takes it.</summary>
public sealed class HandshakeSaltTests
{
    private static bool IsBadSaltLine(string line) => line.Contains("bad_server_salt", StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public async Task TheFirstMessageWithTheHandshakeSaltGetsNoBadServerSalt(TransportKind kind, bool obfuscated)
    {
        await using var server = await RunningServer.StartAsync();
        await using var client = await server.ConnectAsync(dc: 2, kind, obfuscated);

        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc())).ThisDc);

        Assert.Equal(0, client.BadServerSaltCount);
        Assert.DoesNotContain(server.Log, IsBadSaltLine);
    }

    [Fact]
    public async Task ALaterSessionOfTheSameKeyIsAcceptedWithTheSaltAndAWrongSaltIsCorrectedOnce()
    {
        await using var server = await RunningServer.StartAsync();
        await using var first = await server.ConnectAsync(dc: 2);
        await first.InvokeAsync(new Fn.Help.GetNearestDc());

        // A second connection with the same key runs a session of its own (a new session_id) from the same salt.
        await using var second = await TestClient.ConnectAsync(server.Dc(2), server.Host.PublicKey, key: first.Key);
        await second.InvokeAsync(new Fn.Help.GetConfig());
        Assert.Equal(0, first.BadServerSaltCount + second.BadServerSaltCount);
        Assert.DoesNotContain(server.Log, IsBadSaltLine);
        Assert.Equal(1, server.Host.AuthKeyCount);

        // The counters see a refused salt: a client that starts from another salt is corrected exactly once.
        var wrong = new AuthKeyResult(first.Key.Key, first.Key.ServerSalt ^ 1, 0, first.Key.DcId, null);
        await using var third = await TestClient.ConnectAsync(server.Dc(2), server.Host.PublicKey, key: wrong);
        await third.InvokeAsync(new Fn.Help.GetNearestDc());
        await third.InvokeAsync(new Fn.Help.GetNearestDc());
        Assert.Equal(1, third.BadServerSaltCount);
        Assert.Single(server.Log, IsBadSaltLine);
    }
}
