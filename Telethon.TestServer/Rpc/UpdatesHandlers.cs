using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Updates;

namespace Telethon.TestServer.Rpc;

/// <summary>updates.*: the state and the differences.</summary>
internal static class UpdatesHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var updates = world.Updates;
        table.Add<F.GetState>(updates.GetState, HandlerAccess.Account);
        table.Add<F.GetDifference>(updates.GetDifference, HandlerAccess.Account);
        table.Add<F.GetChannelDifference>(updates.GetChannelDifference, HandlerAccess.Account);
    }
}
