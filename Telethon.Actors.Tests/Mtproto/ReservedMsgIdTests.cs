using Telethon.Mtproto;

namespace Telethon.Tests.Mtproto;

/// <summary>A message whose body names its own msg_id: it leaves under that msg_id, first or not, and a resend gets a new one.</summary>
public sealed class ReservedMsgIdTests
{
    [Fact]
    public void A_first_message_leaves_under_the_msg_id_it_was_built_with()
    {
        var pair = new SessionPair();
        long built = 0;
        var request = pair.Client.Enqueue(msgId =>
        {
            built = msgId;
            return new Telethon.Tl.Functions.Help.GetNearestDc();
        });
        var requests = pair.ClientToServer();
        var received = Assert.Single(requests);
        Assert.Equal(built, received.MsgId);
        Assert.Equal(built, request.MsgId);
        pair.Server.SendResult(received.MsgId, new Telethon.Tl.Types.NearestDc { Country = "ZZ", ThisDc = 2, NearestDcValue = 2 });
        var events = pair.ServerToClient();
        Assert.Contains(events, e => e is RpcResultEvent { Request: { } r } && ReferenceEquals(r, request));
    }

    [Fact]
    public void Later_messages_keep_their_order_around_a_reserved_one()
    {
        var pair = new SessionPair();
        pair.Client.Enqueue(new Telethon.Tl.Functions.Help.GetConfig());
        Assert.Single(pair.ClientToServer());
        var reserved = pair.Client.Enqueue(_ => new Telethon.Tl.Functions.Help.GetNearestDc());
        var after = pair.Client.Enqueue(new Telethon.Tl.Functions.Help.GetConfig());
        var requests = pair.ClientToServer();
        Assert.Equal(2, requests.Count);
        Assert.Equal(reserved.ReservedMsgId, requests[0].MsgId);
        Assert.True(after.MsgId > reserved.MsgId);
    }

    [Fact]
    public void A_reserved_message_refused_for_its_salt_is_sent_again_under_a_new_msg_id()
    {
        var pair = new SessionPair(knowSalt: false);
        var request = pair.Client.Enqueue(_ => new Telethon.Tl.Functions.Help.GetNearestDc());
        Assert.Empty(pair.ClientToServer());
        var bad = Assert.Single(pair.ServerToClient().OfType<BadMessageEvent>());
        Assert.True(bad.Resent);
        Assert.Same(request, Assert.Single(bad.Requests));

        var again = Assert.Single(pair.ClientToServer());
        Assert.NotEqual(request.ReservedMsgId, again.MsgId);
        Assert.Equal(request.MsgId, again.MsgId);
    }
}
