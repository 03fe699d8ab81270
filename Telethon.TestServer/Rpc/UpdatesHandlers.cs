using F = Telethon.Tl.Functions.Updates;

namespace Telethon.TestServer.Rpc;

/// <summary>updates.*: the state and the differences.</summary>
internal static class UpdatesHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.GetState>(F.GetState.TlConstructorId, HandlerAccess.Account, (r, _) => r.World.GetState(r.Caller));
        table.Add<F.GetDifference>(F.GetDifference.TlConstructorId, HandlerAccess.Account,
            (r, f) => r.World.GetDifference(r.Caller, f.Pts, f.Qts, f.PtsLimit, f.PtsTotalLimit, f.QtsLimit));
        table.Add<F.GetChannelDifference>(F.GetChannelDifference.TlConstructorId, HandlerAccess.Account,
            (r, f) => r.World.GetChannelDifference(r.Caller, f.Channel, f.Filter, f.Pts, f.Limit));
    }
}
