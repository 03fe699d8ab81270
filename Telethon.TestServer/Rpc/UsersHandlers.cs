using F = Telethon.Tl.Functions.Users;

namespace Telethon.TestServer.Rpc;

/// <summary>users.*.</summary>
internal static class UsersHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.GetUsers>(F.GetUsers.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Peers.GetUsers(r.Caller, f));
        table.Add<F.GetFullUser>(F.GetFullUser.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Peers.GetFullUser(r.Caller, f));
    }
}
