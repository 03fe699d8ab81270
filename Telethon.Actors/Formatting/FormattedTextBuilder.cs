using System.Text;

namespace Telethon.Formatting;

/// <summary>
/// Collects the text and entities a parser finds, then makes the <see cref="FormattedText"/>: trimmed, with empty
/// entities dropped, touching or overlapping spans of one style joined, and sorted.
/// </summary>
internal sealed class FormattedTextBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<EntitySpan> _spans = [];
    private readonly List<bool> _open = [];

    /// <summary>The length of the text so far, in UTF-16 code units.</summary>
    public int Length => _text.Length;

    /// <summary>Whether the text so far ends with a line break.</summary>
    public bool EndsWithNewLine => _text.Length > 0 && _text[^1] == '\n';

    /// <summary>Appends plain text.</summary>
    public void Append(string text) => _text.Append(text);

    /// <summary>Appends plain text.</summary>
    public void Append(char c) => _text.Append(c);

    /// <summary>Opens an entity at the current end of the text; returns the handle <see cref="End"/> takes.</summary>
    public int Begin(EntityKind kind, string? value = null, long id = 0, bool collapsed = false)
    {
        _spans.Add(new EntitySpan(kind, _text.Length, _text.Length, value, id, collapsed));
        _open.Add(true);
        return _spans.Count - 1;
    }

    /// <summary>Closes the entity <paramref name="handle"/> at the current end of the text.</summary>
    public void End(int handle)
    {
        _spans[handle] = _spans[handle] with { End = _text.Length };
        _open[handle] = false;
    }

    /// <summary>Forgets an entity that was opened but turned out not to be one (it will not be in the result).</summary>
    public void Cancel(int handle)
    {
        _spans[handle] = _spans[handle] with { End = _spans[handle].Start };
        _open[handle] = false;
    }

    /// <summary>Sets the language of an open pre block.</summary>
    public void SetValue(int handle, string value) => _spans[handle] = _spans[handle] with { Value = value };

    /// <summary>The kind of the entity <paramref name="handle"/>.</summary>
    public EntityKind KindOf(int handle) => _spans[handle].Kind;

    /// <summary>
    /// The result. The text loses its leading and trailing white space (as Telegram trims a message); entities are
    /// clipped to what remains, empty ones and ones never closed are dropped, touching or overlapping spans of one
    /// style become one, and the rest are sorted by offset, longest first, then in the order they were opened.
    /// </summary>
    public FormattedText Build()
    {
        var spans = new List<EntitySpan>(_spans.Count);
        for (var i = 0; i < _spans.Count; i++)
        {
            if (!_open[i])
                spans.Add(_spans[i]);
        }
        return Normalize(_text.ToString(), spans);
    }

    /// <summary>What <see cref="Build"/> makes of <paramref name="full"/> text with <paramref name="spans"/> in order.</summary>
    public static FormattedText Normalize(string full, IReadOnlyList<EntitySpan> spans)
    {
        var lead = 0;
        while (lead < full.Length && char.IsWhiteSpace(full[lead]))
            lead++;
        var end = full.Length;
        while (end > lead && char.IsWhiteSpace(full[end - 1]))
            end--;
        var text = full[lead..end];

        var kept = new List<EntitySpan>(spans.Count);
        foreach (var s in spans)
        {
            var start = Math.Clamp(s.Start - lead, 0, text.Length);
            var stop = Math.Clamp(s.End - lead, 0, text.Length);
            if (stop > start)
                kept.Add(s.WithRange(start, stop));
        }
        var merged = EntityNormalizer.JoinStyles(kept);
        var sorted = merged
            .Select((s, i) => (s, i))
            .OrderBy(x => x.s.Start).ThenByDescending(x => x.s.End).ThenBy(x => x.i)
            .Select(x => EntityConversion.ToTl(x.s))
            .ToArray();
        return new FormattedText(text, sorted);
    }
}
