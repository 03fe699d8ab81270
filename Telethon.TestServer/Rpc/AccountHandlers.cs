using F = Telethon.Tl.Functions.Account;

namespace Telethon.TestServer.Rpc;

/// <summary>account.*: the 2FA password parameters.</summary>
internal static class AccountHandlers
{
    public static void Register(HandlerTable table) =>
        table.Add<F.GetPassword>(F.GetPassword.TlConstructorId, HandlerAccess.Account | HandlerAccess.PasswordPendingAllowed, (r, f) => r.World.Accounts.GetPassword(r.Context.Session, f));
}
