using F = Telethon.Tl.Functions.Channels;

namespace Telethon.TestServer.Rpc;

/// <summary>channels.*: supergroups and broadcast channels.</summary>
internal static class ChannelsHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.CreateChannel>(F.CreateChannel.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Chats.CreateChannel(r.Caller, f));
        table.Add<F.InviteToChannel>(F.InviteToChannel.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Chats.InviteToChannel(r.Caller, f));
        table.Add<F.JoinChannel>(F.JoinChannel.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Chats.JoinChannel(r.Caller, f));
        table.Add<F.LeaveChannel>(F.LeaveChannel.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Chats.LeaveChannel(r.Caller, f));
        table.Add<F.GetMessages>(F.GetMessages.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Chats.GetChannelMessages(r.Caller, f));
        table.Add<F.ReadHistory>(F.ReadHistory.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.Chats.ReadChannelHistory(r.Caller, f));
        table.Add<F.DeleteMessages>(F.DeleteMessages.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Chats.DeleteChannelMessages(r.Caller, f));
    }
}
