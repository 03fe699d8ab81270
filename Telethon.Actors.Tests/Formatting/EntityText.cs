using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.Formatting;

/// <summary>Writes entities as short strings (kind, offset, length and the kind's value) to compare them in tests.</summary>
internal static class EntityText
{
    public static string Of(MessageEntity e) => e switch
    {
        T.MessageEntityBold b => $"Bold({b.Offset},{b.Length})",
        T.MessageEntityItalic b => $"Italic({b.Offset},{b.Length})",
        T.MessageEntityUnderline b => $"Underline({b.Offset},{b.Length})",
        T.MessageEntityStrike b => $"Strike({b.Offset},{b.Length})",
        T.MessageEntitySpoiler b => $"Spoiler({b.Offset},{b.Length})",
        T.MessageEntityCode b => $"Code({b.Offset},{b.Length})",
        T.MessageEntityPre b => $"Pre({b.Offset},{b.Length},{b.Language})",
        T.MessageEntityTextUrl b => $"TextUrl({b.Offset},{b.Length},{b.Url})",
        T.InputMessageEntityMentionName { UserId: T.InputUser u } b => $"InputMention({b.Offset},{b.Length},{u.UserId},{u.AccessHash})",
        T.MessageEntityMentionName b => $"Mention({b.Offset},{b.Length},{b.UserId})",
        T.MessageEntityCustomEmoji b => $"CustomEmoji({b.Offset},{b.Length},{b.DocumentId})",
        T.MessageEntityBlockquote b => $"Blockquote({b.Offset},{b.Length}{(b.Collapsed ? ",collapsed" : "")})",
        T.MessageEntityEmail b => $"Email({b.Offset},{b.Length})",
        _ => e.TlName,
    };

    public static string[] Of(IEnumerable<MessageEntity> entities) => entities.Select(Of).ToArray();

    /// <summary>The entities in a canonical order (the order among entities over one range is not part of the contract).</summary>
    public static string[] Sorted(IEnumerable<MessageEntity> entities) => entities.Select(Of).Order(StringComparer.Ordinal).ToArray();
}
