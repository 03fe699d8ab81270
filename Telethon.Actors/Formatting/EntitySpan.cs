namespace Telethon.Formatting;

/// <summary>
/// One entity as the formatters handle it: a kind over the UTF-16 range [<paramref name="Start"/>, <paramref name="End"/>).
/// </summary>
/// <param name="Kind">The kind of entity.</param>
/// <param name="Start">The first code unit covered.</param>
/// <param name="End">The code unit after the last one covered.</param>
/// <param name="Value">The URL of a text link, or the language of a pre block; null otherwise.</param>
/// <param name="Id">The user id of a mention, or the document id of a custom emoji; 0 otherwise.</param>
/// <param name="Collapsed">Whether a blockquote is collapsed (HTML's <c>expandable</c>).</param>
internal readonly record struct EntitySpan(EntityKind Kind, int Start, int End, string? Value = null, long Id = 0, bool Collapsed = false)
{
    /// <summary>Whether this is a plain style (bold, italic, underline, strike, spoiler): touching or overlapping
    /// spans of one style are one span.</summary>
    public bool IsStyle => Kind is EntityKind.Bold or EntityKind.Italic or EntityKind.Underline or EntityKind.Strike or EntityKind.Spoiler;

    /// <summary>The same span over another range.</summary>
    public EntitySpan WithRange(int start, int end) => this with { Start = start, End = end };
}
