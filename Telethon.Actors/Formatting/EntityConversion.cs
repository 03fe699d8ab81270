using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.Formatting;

/// <summary>Converts between Telegram's message entities and <see cref="EntitySpan"/>s.</summary>
internal static class EntityConversion
{
    /// <summary>The prefix of a mention link: <c>tg://user?id=N</c>.</summary>
    public const string MentionPrefix = "tg://user?id=";

    /// <summary>The prefix of a custom emoji link: <c>tg://emoji?id=N</c>.</summary>
    public const string EmojiPrefix = "tg://emoji?id=";

    /// <summary>
    /// The span of an entity Telegram returned or a client sends, or false for the kinds no format carries (mentions by
    /// username, hashtags, URLs and other entities Telegram detects by itself, and unknown ones) and for a mention
    /// whose user has no id (inputUserSelf, inputUserEmpty).
    /// </summary>
    public static bool TryFromTl(MessageEntity entity, out EntitySpan span)
    {
        EntitySpan? found = entity switch
        {
            T.MessageEntityBold e => new EntitySpan(EntityKind.Bold, e.Offset, End(e.Offset, e.Length)),
            T.MessageEntityItalic e => new EntitySpan(EntityKind.Italic, e.Offset, End(e.Offset, e.Length)),
            T.MessageEntityUnderline e => new EntitySpan(EntityKind.Underline, e.Offset, End(e.Offset, e.Length)),
            T.MessageEntityStrike e => new EntitySpan(EntityKind.Strike, e.Offset, End(e.Offset, e.Length)),
            T.MessageEntitySpoiler e => new EntitySpan(EntityKind.Spoiler, e.Offset, End(e.Offset, e.Length)),
            T.MessageEntityCode e => new EntitySpan(EntityKind.Code, e.Offset, End(e.Offset, e.Length)),
            T.MessageEntityPre e => new EntitySpan(EntityKind.Pre, e.Offset, End(e.Offset, e.Length), e.Language ?? ""),
            T.MessageEntityTextUrl e => new EntitySpan(EntityKind.TextUrl, e.Offset, End(e.Offset, e.Length), e.Url ?? ""),
            T.MessageEntityMentionName e => new EntitySpan(EntityKind.Mention, e.Offset, End(e.Offset, e.Length), Id: e.UserId),
            T.InputMessageEntityMentionName { UserId: T.InputUser u } e => new EntitySpan(EntityKind.Mention, e.Offset, End(e.Offset, e.Length), Id: u.UserId),
            T.InputMessageEntityMentionName { UserId: T.InputUserFromMessage u } e => new EntitySpan(EntityKind.Mention, e.Offset, End(e.Offset, e.Length), Id: u.UserId),
            T.MessageEntityCustomEmoji e => new EntitySpan(EntityKind.CustomEmoji, e.Offset, End(e.Offset, e.Length), Id: e.DocumentId),
            T.MessageEntityBlockquote e => new EntitySpan(EntityKind.Blockquote, e.Offset, End(e.Offset, e.Length), Collapsed: e.Collapsed),
            T.MessageEntityEmail e => new EntitySpan(EntityKind.Email, e.Offset, End(e.Offset, e.Length)),
            _ => null,
        };
        span = found.GetValueOrDefault();
        return found is not null;
    }

    /// <summary>
    /// The entity a client sends for a span. A mention becomes inputMessageEntityMentionName with an inputUser whose
    /// access hash is 0 (the markup carries only the id): whoever sends it fills in the hash it knows.
    /// </summary>
    public static MessageEntity ToTl(EntitySpan s)
    {
        int offset = s.Start, length = s.End - s.Start;
        return s.Kind switch
        {
            EntityKind.Bold => new T.MessageEntityBold { Offset = offset, Length = length },
            EntityKind.Italic => new T.MessageEntityItalic { Offset = offset, Length = length },
            EntityKind.Underline => new T.MessageEntityUnderline { Offset = offset, Length = length },
            EntityKind.Strike => new T.MessageEntityStrike { Offset = offset, Length = length },
            EntityKind.Spoiler => new T.MessageEntitySpoiler { Offset = offset, Length = length },
            EntityKind.Code => new T.MessageEntityCode { Offset = offset, Length = length },
            EntityKind.Pre => new T.MessageEntityPre { Offset = offset, Length = length, Language = s.Value ?? "" },
            EntityKind.TextUrl => new T.MessageEntityTextUrl { Offset = offset, Length = length, Url = s.Value ?? "" },
            EntityKind.Mention => new T.InputMessageEntityMentionName
            {
                Offset = offset,
                Length = length,
                UserId = new T.InputUser { UserId = s.Id, AccessHash = 0 },
            },
            EntityKind.CustomEmoji => new T.MessageEntityCustomEmoji { Offset = offset, Length = length, DocumentId = s.Id },
            EntityKind.Blockquote => new T.MessageEntityBlockquote { Offset = offset, Length = length, Collapsed = s.Collapsed },
            EntityKind.Email => new T.MessageEntityEmail { Offset = offset, Length = length },
            _ => throw new ArgumentOutOfRangeException(nameof(s), s.Kind, "Unknown entity kind."),
        };
    }

    /// <summary>The id of a <c>tg://user?id=N</c> or <c>tg://emoji?id=N</c> link, when <paramref name="url"/> is one.</summary>
    public static bool TryParseTgId(string url, string prefix, out long id)
    {
        id = 0;
        return url.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            && long.TryParse(url.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out id);
    }

    private static int End(int offset, int length) => (int)Math.Clamp((long)offset + length, int.MinValue, int.MaxValue);
}
