using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Account;

namespace Telethon.TestServer.Rpc;

/// <summary>account.*: the 2FA password parameters.</summary>
internal static class AccountHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world) =>
        table.Add<F.GetPassword>(world.Accounts.GetPassword, HandlerAccess.Account | HandlerAccess.PasswordPendingAllowed);
}
