using F = Telethon.Tl.Functions.Auth;

namespace Telethon.TestServer.Rpc;

/// <summary>auth.*: login by code, sign-up, 2FA, bot tokens, log-out, and moving an authorization to another DC.</summary>
internal static class AuthHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.SendCode>(F.SendCode.TlConstructorId, HandlerAccess.Anyone, (r, f) =>
        {
            CheckApi(f.ApiId, f.ApiHash);
            return r.World.SendCode(r.Context.Session, f.PhoneNumber);
        });
        table.Add<F.SignIn>(F.SignIn.TlConstructorId, HandlerAccess.Anyone,
            (r, f) => r.World.SignIn(r.Context.Session, f.PhoneNumber, f.PhoneCodeHash, f.PhoneCode));
        table.Add<F.SignUp>(F.SignUp.TlConstructorId, HandlerAccess.Anyone,
            (r, f) => r.World.SignUp(r.Context.Session, f.PhoneNumber, f.PhoneCodeHash, f.FirstName, f.LastName));
        table.Add<F.CheckPassword>(F.CheckPassword.TlConstructorId, HandlerAccess.Anyone,
            (r, f) => r.World.CheckPassword(r.Context.Session, f.Password));
        table.Add<F.ImportBotAuthorization>(F.ImportBotAuthorization.TlConstructorId, HandlerAccess.Anyone, (r, f) =>
        {
            CheckApi(f.ApiId, f.ApiHash);
            return r.World.ImportBotAuthorization(r.Context.Session, f.BotAuthToken);
        });
        table.Add<F.LogOut>(F.LogOut.TlConstructorId, HandlerAccess.Authorized | HandlerAccess.PasswordPendingAllowed,
            (r, _) => r.World.LogOut(r.Context.Session));
        table.Add<F.ExportAuthorization>(F.ExportAuthorization.TlConstructorId, HandlerAccess.Authorized,
            (r, f) => r.World.ExportAuthorization(r.Caller, f.DcId));
        table.Add<F.ImportAuthorization>(F.ImportAuthorization.TlConstructorId, HandlerAccess.Anyone,
            (r, f) => r.World.ImportAuthorization(r.Context.Session, f.Id, f.Bytes));
    }

    private static void CheckApi(int apiId, string apiHash)
    {
        if (apiId <= 0 || string.IsNullOrEmpty(apiHash))
            throw new RpcError(400, "API_ID_INVALID");
    }
}
