namespace Telethon.Formatting;

/// <summary>The kinds of message entity that markdown or HTML can carry.</summary>
internal enum EntityKind
{
    /// <summary>messageEntityBlockquote.</summary>
    Blockquote,

    /// <summary>messageEntityPre, with a language.</summary>
    Pre,

    /// <summary>messageEntityTextUrl.</summary>
    TextUrl,

    /// <summary>messageEntityMentionName (inputMessageEntityMentionName when sent).</summary>
    Mention,

    /// <summary>messageEntityEmail (HTML's <c>mailto:</c> links only).</summary>
    Email,

    /// <summary>messageEntityBold.</summary>
    Bold,

    /// <summary>messageEntityItalic.</summary>
    Italic,

    /// <summary>messageEntityUnderline.</summary>
    Underline,

    /// <summary>messageEntityStrike.</summary>
    Strike,

    /// <summary>messageEntitySpoiler.</summary>
    Spoiler,

    /// <summary>messageEntityCode.</summary>
    Code,

    /// <summary>messageEntityCustomEmoji.</summary>
    CustomEmoji,
}
