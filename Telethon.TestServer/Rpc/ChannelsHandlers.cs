using F = Telethon.Tl.Functions.Channels;

namespace Telethon.TestServer.Rpc;

/// <summary>channels.*: supergroups and broadcast channels.</summary>
internal static class ChannelsHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.CreateChannel>(F.CreateChannel.TlConstructorId, HandlerAccess.UserAccount,
            (r, f) => r.World.CreateChannel(r.Caller, f.Title, f.About, f.Broadcast, f.Megagroup));
        table.Add<F.InviteToChannel>(F.InviteToChannel.TlConstructorId, HandlerAccess.Account,
            (r, f) => r.World.InviteToChannel(r.Caller, f.Channel, f.Users));
        table.Add<F.JoinChannel>(F.JoinChannel.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.JoinChannel(r.Caller, f.Channel));
        table.Add<F.LeaveChannel>(F.LeaveChannel.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.LeaveChannel(r.Caller, f.Channel));
        table.Add<F.GetMessages>(F.GetMessages.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.GetChannelMessages(r.Caller, f.Channel, f.Id));
        table.Add<F.ReadHistory>(F.ReadHistory.TlConstructorId, HandlerAccess.UserAccount, (r, f) => r.World.ReadChannelHistory(r.Caller, f.Channel, f.MaxId));
        table.Add<F.DeleteMessages>(F.DeleteMessages.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.DeleteChannelMessages(r.Caller, f.Channel, f.Id));
    }
}
