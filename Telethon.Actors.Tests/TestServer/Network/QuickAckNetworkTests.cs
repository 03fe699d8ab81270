using Telethon.Mtproto;
using Telethon.Tests.Support;
using Telethon.Transport;
using Fn = Telethon.Tl.Functions;
using Types = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer.Network;

/// <summary>The test server answers the quick-ack flag of every transport that has one, as Telegram does.</summary>
public sealed class QuickAckNetworkTests
{
    [Theory]
    [MemberData(nameof(TransportMatrix.All), MemberType = typeof(TransportMatrix))]
    public async Task APacketWithTheQuickAckFlagIsQuickAcknowledgedBeforeItsAnswer(TransportKind kind, bool obfuscated)
    {
        await using var server = await RunningServer.StartAsync();
        await using var client = await server.ConnectAsync(dc: 2, kind, obfuscated);
        client.RequestQuickAcks = true;

        Assert.Equal(2, Assert.IsType<Types.NearestDc>(await client.InvokeAsync(new Fn.Help.GetNearestDc())).ThisDc);
        Assert.IsType<Types.Config>(await client.InvokeAsync(new Fn.Help.GetConfig()));

        if (kind == TransportKind.Full)
        {
            // The full transport has no quick acks: nothing is flagged, nothing comes back.
            Assert.False(client.QuickAcks.TryRead(out _));
            return;
        }

        // The quick ack of a request's packet arrives before the answer that completed the call.
        var acks = new List<QuickAckEvent>();
        while (client.QuickAcks.TryRead(out var ack))
            acks.Add(ack);
        Assert.True(acks.Count >= 2, $"{acks.Count} quick acks");
        Assert.All(acks, a => Assert.NotEqual(0u, a.Token & 0x8000_0000u));
        Assert.Contains(acks, a => a.Requests.Any(r => r.Function is Fn.InvokeWithLayer<Telethon.Tl.Abcs.NearestDc>));
        Assert.Contains(acks, a => a.Requests.Any(r => r.Function is Fn.Help.GetConfig));
    }
}
