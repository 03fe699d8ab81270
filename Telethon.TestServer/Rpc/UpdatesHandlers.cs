using F = Telethon.Tl.Functions.Updates;

namespace Telethon.TestServer.Rpc;

/// <summary>updates.*: the state and the differences.</summary>
internal static class UpdatesHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.GetState>(F.GetState.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Updates.GetState(r.Caller, f));
        table.Add<F.GetDifference>(F.GetDifference.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Updates.GetDifference(r.Caller, f));
        table.Add<F.GetChannelDifference>(F.GetChannelDifference.TlConstructorId, HandlerAccess.Account, (r, f) => r.World.Updates.GetChannelDifference(r.Caller, f));
    }
}
