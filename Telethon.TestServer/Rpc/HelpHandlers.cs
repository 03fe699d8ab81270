using T = Telethon.Tl.Types;
using F = Telethon.Tl.Functions.Help;

namespace Telethon.TestServer.Rpc;

/// <summary>help.*: the configuration and the nearest DC.</summary>
internal static class HelpHandlers
{
    public static void Register(HandlerTable table)
    {
        table.Add<F.GetConfig>(F.GetConfig.TlConstructorId, HandlerAccess.Anyone, (r, _) => Config(r));
        table.Add<F.GetNearestDc>(F.GetNearestDc.TlConstructorId, HandlerAccess.Anyone,
            (r, _) => new T.NearestDc { Country = "ZZ", ThisDc = r.Context.DcId, NearestDcValue = r.Context.DcId });
    }

    private static T.Config Config(RpcRequest request)
    {
        var now = request.World.Now;
        var options = request.Options.DcEndpoints
            .Select(e => (Tl.Abcs.DcOption)new T.DcOption { Id = e.DcId, IpAddress = e.Host, Port = e.Port, Ipv6 = e.Host.Contains(':', StringComparison.Ordinal) })
            .ToArray();
        return new T.Config
        {
            Date = now,
            Expires = now + 3600,
            TestMode = request.Options.TestMode,
            ThisDc = request.Context.DcId,
            DcOptions = options,
            DcTxtDomainName = "localhost",
            ChatSizeMax = 200,
            MegagroupSizeMax = 200_000,
            ForwardedCountMax = 100,
            OnlineUpdatePeriodMs = 210_000,
            OfflineBlurTimeoutMs = 5_000,
            OfflineIdleTimeoutMs = 30_000,
            OnlineCloudTimeoutMs = 300_000,
            NotifyCloudDelayMs = 30_000,
            NotifyDefaultDelayMs = 1_500,
            PushChatPeriodMs = 60_000,
            PushChatLimit = 2,
            EditTimeLimit = 172_800,
            RevokeTimeLimit = int.MaxValue,
            RevokePmTimeLimit = int.MaxValue,
            RatingEDecay = 2_419_200,
            StickersRecentLimit = 200,
            ChannelsReadMediaPeriod = 604_800,
            CallReceiveTimeoutMs = 20_000,
            CallRingTimeoutMs = 90_000,
            CallConnectTimeoutMs = 30_000,
            CallPacketTimeoutMs = 10_000,
            MeUrlPrefix = "https://t.me/",
            CaptionLengthMax = 1024,
            MessageLengthMax = World.TelegramWorld.MessageLengthMax,
            WebfileDcId = request.World.Options.DcIds[0],
        };
    }
}
