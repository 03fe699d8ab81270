using F = Telethon.Tl.Functions.Users;

namespace Telethon.TestServer.Rpc;

/// <summary>users.*.</summary>
internal static class UsersHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.GetUsers>(F.GetUsers.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.GetUsers(r.Caller, f.Id));
        table.Add<F.GetFullUser>(F.GetFullUser.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.GetFullUser(r.Caller, f.Id));
    }
}
