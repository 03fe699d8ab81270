using F = Telethon.Tl.Functions.Auth;

namespace Telethon.TestServer.Rpc;

/// <summary>auth.*: login by code, sign-up, 2FA, bot tokens, log-out, and moving an authorization to another DC.</summary>
internal static class AuthHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.SendCode>(F.SendCode.TlConstructorId, HandlerAccess.Anyone, (r, f) => r.World.Accounts.SendCode(r.Context.Session, f));
        table.Add<F.SignIn>(F.SignIn.TlConstructorId, HandlerAccess.Anyone, (r, f) => r.World.Accounts.SignIn(r.Context.Session, f));
        table.Add<F.SignUp>(F.SignUp.TlConstructorId, HandlerAccess.Anyone, (r, f) => r.World.Accounts.SignUp(r.Context.Session, f));
        table.Add<F.CheckPassword>(F.CheckPassword.TlConstructorId, HandlerAccess.Anyone, (r, f) => r.World.Accounts.CheckPassword(r.Context.Session, f));
        table.Add<F.ImportBotAuthorization>(F.ImportBotAuthorization.TlConstructorId, HandlerAccess.Anyone, (r, f) => r.World.Accounts.ImportBotAuthorization(r.Context.Session, f));
        table.Add<F.LogOut>(F.LogOut.TlConstructorId, HandlerAccess.Authorized | HandlerAccess.PasswordPendingAllowed, (r, f) => r.World.Accounts.LogOut(r.Context.Session, f));
        table.Add<F.ExportAuthorization>(F.ExportAuthorization.TlConstructorId, HandlerAccess.Authorized, (r, f) => r.World.Accounts.ExportAuthorization(r.Caller, f));
        table.Add<F.ImportAuthorization>(F.ImportAuthorization.TlConstructorId, HandlerAccess.Anyone, (r, f) => r.World.Accounts.ImportAuthorization(r.Context.Session, f));
    }
}
