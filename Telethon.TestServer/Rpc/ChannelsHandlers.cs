using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Channels;

namespace Telethon.TestServer.Rpc;

/// <summary>channels.*: supergroups and broadcast channels.</summary>
internal static class ChannelsHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var chats = world.Chats;
        table.Add<F.CreateChannel>(chats.CreateChannel, HandlerAccess.UserAccount);
        table.Add<F.InviteToChannel>(chats.InviteToChannel, HandlerAccess.Account);
        table.Add<F.JoinChannel>(chats.JoinChannel, HandlerAccess.UserAccount);
        table.Add<F.LeaveChannel>(chats.LeaveChannel, HandlerAccess.Account);
        table.Add<F.GetMessages>(chats.GetChannelMessages, HandlerAccess.Account);
        table.Add<F.ReadHistory>(chats.ReadChannelHistory, HandlerAccess.UserAccount);
        table.Add<F.DeleteMessages>(chats.DeleteChannelMessages, HandlerAccess.Account);
        table.Add<F.GetChannels>(chats.GetChannels, HandlerAccess.Account);
        table.Add<F.DeleteHistory>(chats.DeleteChannelHistory, HandlerAccess.UserAccount);
        table.Add<F.GetParticipants>(chats.GetParticipants, HandlerAccess.Account);
        table.Add<F.GetParticipant>(chats.GetParticipant, HandlerAccess.Account);
        table.Add<F.GetFullChannel>(chats.GetFullChannel, HandlerAccess.Account);
        table.Add<F.EditAdmin>(chats.EditAdmin, HandlerAccess.Account);
        table.Add<F.EditBanned>(chats.EditBanned, HandlerAccess.Account);
        table.Add<F.GetAdminLog>(chats.GetAdminLog, HandlerAccess.UserAccount);
    }
}
