using Telethon.Tl.Types;

namespace Telethon.Session;

/// <summary>Rebuilds the message of updateShortMessage and updateShortChatMessage as updateNewMessage.</summary>
internal static class ShortUpdates
{
    public static UpdateNewMessage ToUpdate(UpdateShortMessage s, long? selfUserId) => new()
    {
        Message = new Message
        {
            Out = s.Out,
            Mentioned = s.Mentioned,
            MediaUnread = s.MediaUnread,
            Silent = s.Silent,
            Id = s.Id,
            FromId = s.Out
                ? selfUserId is { } self ? new PeerUser { UserId = self } : null
                : new PeerUser { UserId = s.UserId },
            PeerId = new PeerUser { UserId = s.UserId },
            FwdFrom = s.FwdFrom,
            ViaBotId = s.ViaBotId,
            ReplyTo = s.ReplyTo,
            Date = s.Date,
            MessageValue = s.Message,
            Entities = s.Entities,
            TtlPeriod = s.TtlPeriod,
        },
        Pts = s.Pts,
        PtsCount = s.PtsCount,
    };

    public static UpdateNewMessage ToUpdate(UpdateShortChatMessage s) => new()
    {
        Message = new Message
        {
            Out = s.Out,
            Mentioned = s.Mentioned,
            MediaUnread = s.MediaUnread,
            Silent = s.Silent,
            Id = s.Id,
            FromId = new PeerUser { UserId = s.FromId },
            PeerId = new PeerChat { ChatId = s.ChatId },
            FwdFrom = s.FwdFrom,
            ViaBotId = s.ViaBotId,
            ReplyTo = s.ReplyTo,
            Date = s.Date,
            MessageValue = s.Message,
            Entities = s.Entities,
            TtlPeriod = s.TtlPeriod,
        },
        Pts = s.Pts,
        PtsCount = s.PtsCount,
    };
}
