using Telethon.TestServer.World;
using F = Telethon.Tl.Functions.Auth;

namespace Telethon.TestServer.Rpc;

/// <summary>auth.*: login by code, sign-up, 2FA, bot tokens, log-out, and moving an authorization to another DC.</summary>
internal static class AuthHandlers
{
    public static void Register(HandlerTable table, TelegramWorld world)
    {
        var accounts = world.Accounts;
        table.Add<F.SendCode>(accounts.SendCode, HandlerAccess.Anyone);
        table.Add<F.SignIn>(accounts.SignIn, HandlerAccess.Anyone);
        table.Add<F.SignUp>(accounts.SignUp, HandlerAccess.Anyone);
        table.Add<F.CheckPassword>(accounts.CheckPassword, HandlerAccess.Anyone);
        table.Add<F.ImportBotAuthorization>(accounts.ImportBotAuthorization, HandlerAccess.Anyone);
        table.Add<F.LogOut>(accounts.LogOut, HandlerAccess.Authorized | HandlerAccess.PasswordPendingAllowed);
        table.Add<F.ExportAuthorization>(accounts.ExportAuthorization, HandlerAccess.Authorized);
        table.Add<F.ImportAuthorization>(accounts.ImportAuthorization, HandlerAccess.Anyone);
    }
}
