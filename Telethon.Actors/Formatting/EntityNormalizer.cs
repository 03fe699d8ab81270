using Telethon.Tl.Abcs;

namespace Telethon.Formatting;

/// <summary>
/// Makes the entities a generator gets (as Telegram returns them: possibly overlapping, out of range, or cutting a
/// surrogate pair) into a tree of well-nested spans.
/// </summary>
internal static class EntityNormalizer
{
    /// <summary>
    /// The spans of <paramref name="entities"/> that <paramref name="supported"/> keeps, clipped to the text, widened to
    /// whole characters where a boundary falls inside a surrogate pair (a start moves back, an end forward), with empty
    /// ones dropped and touching or overlapping spans of one style joined.
    /// </summary>
    public static List<EntitySpan> Sanitize(string text, IReadOnlyList<MessageEntity>? entities, Func<EntitySpan, bool> supported)
    {
        var spans = new List<EntitySpan>();
        if (entities is null)
            return spans;
        foreach (var entity in entities)
        {
            if (entity is null || !EntityConversion.TryFromTl(entity, out var s) || !supported(s))
                continue;
            var start = Math.Clamp(s.Start, 0, text.Length);
            var end = Math.Clamp(s.End, 0, text.Length);
            if (start > 0 && start < text.Length && char.IsLowSurrogate(text[start]) && char.IsHighSurrogate(text[start - 1]))
                start--;
            if (end > 0 && end < text.Length && char.IsLowSurrogate(text[end]) && char.IsHighSurrogate(text[end - 1]))
                end++;
            if (end > start)
                spans.Add(s.WithRange(start, end));
        }
        return JoinStyles(spans);
    }

    /// <summary>
    /// Joins touching or overlapping spans of one style (bold, italic, underline, strike, spoiler) into one, which
    /// takes the place of the first of them; other spans are kept as they are, in their order.
    /// </summary>
    public static List<EntitySpan> JoinStyles(List<EntitySpan> spans)
    {
        var result = new List<(EntitySpan Span, int Index)>(spans.Count);
        var styles = new List<(EntitySpan Span, int Index)>();
        for (var i = 0; i < spans.Count; i++)
        {
            if (spans[i].IsStyle)
                styles.Add((spans[i], i));
            else
                result.Add((spans[i], i));
        }
        foreach (var group in styles.GroupBy(x => x.Span.Kind))
        {
            (EntitySpan Span, int Index)? current = null;
            foreach (var (span, index) in group.OrderBy(x => x.Span.Start).ThenBy(x => x.Index))
            {
                if (current is { } c && span.Start <= c.Span.End)
                {
                    current = (c.Span.WithRange(c.Span.Start, Math.Max(c.Span.End, span.End)), Math.Min(c.Index, index));
                    continue;
                }
                if (current is { } done)
                    result.Add(done);
                current = (span, index);
            }
            if (current is { } last)
                result.Add(last);
        }
        result.Sort((a, b) => a.Index.CompareTo(b.Index));
        return result.ConvertAll(x => x.Span);
    }

    /// <summary>
    /// Nests <paramref name="spans"/> under a root covering <paramref name="length"/> code units. A span that starts
    /// inside another but ends after it is cut in two at the other's end. Spans over one range nest in the order of
    /// <see cref="EntityKind"/> (a quote outside a link outside a style outside code). A span that
    /// <paramref name="canContain"/> refuses inside its parent is dropped, with the text it covered kept.
    /// </summary>
    public static EntityNode Nest(int length, IEnumerable<EntitySpan> spans, Func<EntitySpan, EntitySpan, bool> canContain)
    {
        var root = new EntityNode(new EntitySpan(EntityKind.Blockquote, 0, length));
        var work = spans.ToList();
        work.Sort(Compare);
        var stack = new List<EntityNode> { root };
        for (var i = 0; i < work.Count; i++)
        {
            var s = work[i];
            while (stack.Count > 1 && stack[^1].Span.End <= s.Start)
                stack.RemoveAt(stack.Count - 1);
            var parent = stack[^1];
            if (s.End > parent.Span.End)
            {
                var rest = s.WithRange(parent.Span.End, s.End);
                var at = work.BinarySearch(i + 1, work.Count - i - 1, rest, Comparer<EntitySpan>.Create(Compare));
                work.Insert(at < 0 ? ~at : at, rest);
                s = s.WithRange(s.Start, parent.Span.End);
            }
            if (s.End <= s.Start || (parent != root && !canContain(parent.Span, s)))
                continue;
            var node = new EntityNode(s);
            parent.Children.Add(node);
            stack.Add(node);
        }
        return root;
    }

    private static int Compare(EntitySpan a, EntitySpan b)
    {
        var c = a.Start.CompareTo(b.Start);
        if (c != 0)
            return c;
        c = b.End.CompareTo(a.End);
        return c != 0 ? c : ((int)a.Kind).CompareTo((int)b.Kind);
    }
}
