using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Users;

namespace Telethon.TestServer.Rpc;

/// <summary>users.*.</summary>
internal static class UsersHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var peers = world.Peers;
        table.Add<F.GetUsers>(peers.GetUsers, HandlerAccess.Account);
        table.Add<F.GetFullUser>(peers.GetFullUser, HandlerAccess.Account);
    }
}
