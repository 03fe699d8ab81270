using System.Globalization;
using System.Text;

namespace Telethon.Formatting;

/// <summary>
/// Writes a text and its nested entities as markdown that <see cref="MarkdownFormat.Parse"/> reads back: escapes
/// what CommonMark would read as syntax, and writes styles as delimiters or, where asked, as inline tags.
/// </summary>
internal sealed class MarkdownWriter
{
    private readonly string _text;
    private readonly HashSet<EntitySpan> _tagged;
    private readonly bool _allTags;
    private readonly StringBuilder _sb = new();
    private readonly List<(EntitySpan Span, int Open, int Close, int Length, char Char)> _delimiters = [];
    private bool _lineStart = true;
    private int _quoteDepth;

    /// <summary>A writer of <paramref name="text"/> that writes the styles in <paramref name="tagged"/> (or all
    /// styles, when <paramref name="allTags"/>) as inline tags.</summary>
    public MarkdownWriter(string text, HashSet<EntitySpan> tagged, bool allTags)
    {
        _text = text;
        _tagged = tagged;
        _allTags = allTags;
    }

    /// <summary>Whether markdown can write <paramref name="child"/> inside <paramref name="parent"/>.</summary>
    public static bool CanContain(EntitySpan parent, EntitySpan child)
    {
        if (parent.Kind is EntityKind.Pre or EntityKind.Code or EntityKind.CustomEmoji)
            return false;
        if (child.Kind is EntityKind.Pre or EntityKind.Blockquote)
            return parent.Kind == EntityKind.Blockquote && child.Kind == EntityKind.Pre;
        return !(IsLink(parent.Kind) && IsLink(child.Kind));
    }

    /// <summary>
    /// Makes <paramref name="spans"/> fit markdown's blocks: a quote or pre must be whole lines (a pre on part of a
    /// line without a line break becomes inline code; otherwise either is dropped), code and links cannot hold a
    /// line break or a control character, and inline entities are cut at blank lines and at the edges of quotes
    /// and pre blocks, and lose line breaks at their edges.
    /// </summary>
    public static List<EntitySpan> FitBlocks(string text, List<EntitySpan> spans)
    {
        var blocks = new List<EntitySpan>();
        var inline = new List<EntitySpan>();
        foreach (var raw in spans)
        {
            var s = raw with { Collapsed = false };
            var whole = (s.Start == 0 || text[s.Start - 1] == '\n') && (s.End == text.Length || text[s.End] == '\n');
            var hasBreak = text.AsSpan(s.Start, s.End - s.Start).Contains('\n');
            switch (s.Kind)
            {
                case EntityKind.Pre or EntityKind.Blockquote when whole:
                    blocks.Add(s);
                    break;
                case EntityKind.Pre when !hasBreak:
                    inline.Add(s with { Kind = EntityKind.Code, Value = null });
                    break;
                case EntityKind.Pre or EntityKind.Blockquote:
                    break;
                case EntityKind.Code when hasBreak:
                    break;
                case EntityKind.TextUrl when (s.Value ?? "").Any(char.IsControl):
                    break;
                default:
                    inline.Add(s);
                    break;
            }
        }

        var cuts = new SortedSet<int>();
        foreach (var b in blocks)
        {
            cuts.Add(b.Start);
            cuts.Add(b.End);
        }
        var result = new List<EntitySpan>(blocks);
        foreach (var s in inline)
        {
            var start = s.Start;
            var i = s.Start;
            while (i < s.End)
            {
                if (i > start && cuts.Contains(i))
                {
                    AddTrimmed(text, result, s, start, i);
                    start = i;
                }
                if (text[i] == '\n' && i + 1 < s.End && text[i + 1] == '\n')
                {
                    AddTrimmed(text, result, s, start, i);
                    while (i < s.End && text[i] == '\n')
                        i++;
                    start = i;
                    continue;
                }
                i++;
            }
            AddTrimmed(text, result, s, start, s.End);
        }
        return result;
    }

    private static void AddTrimmed(string text, List<EntitySpan> result, EntitySpan s, int start, int end)
    {
        while (start < end && text[start] == '\n')
            start++;
        while (end > start && text[end - 1] == '\n')
            end--;
        if (end > start)
            result.Add(s.WithRange(start, end));
    }

    /// <summary>The markdown of the text with the entities under <paramref name="root"/>.</summary>
    public string Write(EntityNode root)
    {
        Children(root);
        return _sb.ToString();
    }

    /// <summary>
    /// The styles written with delimiters that CommonMark's flanking rules would not read as written (a delimiter
    /// next to white space on its inner side, next to punctuation inside a word, or next to another run of its
    /// character): those must be written as tags.
    /// </summary>
    public List<EntitySpan> MisplacedDelimiters()
    {
        var misplaced = new List<EntitySpan>();
        foreach (var (span, open, close, length, c) in _delimiters)
        {
            if (!CanOpen(open, length, c) || !CanClose(close, length, c))
                misplaced.Add(span);
        }
        return misplaced;
    }

    private bool CanOpen(int at, int length, char c)
    {
        var before = at > 0 ? _sb[at - 1] : '\n';
        var after = at + length < _sb.Length ? _sb[at + length] : '\n';
        if (before == c || after == c || char.IsSurrogate(before) || char.IsSurrogate(after))
            return false;
        return !char.IsWhiteSpace(after) && (!IsPunctuation(after) || char.IsWhiteSpace(before) || IsPunctuation(before));
    }

    private bool CanClose(int at, int length, char c)
    {
        var before = at > 0 ? _sb[at - 1] : '\n';
        var after = at + length < _sb.Length ? _sb[at + length] : '\n';
        if (before == c || after == c || char.IsSurrogate(before) || char.IsSurrogate(after))
            return false;
        return !char.IsWhiteSpace(before) && (!IsPunctuation(before) || char.IsWhiteSpace(after) || IsPunctuation(after));
    }

    private static bool IsPunctuation(char c) => char.IsPunctuation(c) || char.IsSymbol(c);

    private static bool IsLink(EntityKind kind) => kind is EntityKind.TextUrl or EntityKind.Mention or EntityKind.Email or EntityKind.CustomEmoji;

    private void Children(EntityNode node)
    {
        var at = node.Span.Start;
        foreach (var child in node.Children)
        {
            Text(at, child.Span.Start);
            Entity(child);
            at = child.Span.End;
        }
        Text(at, node.Span.End);
    }

    private void Entity(EntityNode node)
    {
        var s = node.Span;
        switch (s.Kind)
        {
            case EntityKind.Bold:
                Style(node, "**", 'b');
                break;
            case EntityKind.Italic:
                Style(node, "*", 'i');
                break;
            case EntityKind.Strike:
                Style(node, "~~", 's');
                break;
            case EntityKind.Underline:
                Raw("<u>");
                Children(node);
                Raw("</u>");
                break;
            case EntityKind.Code:
                Code(_text[s.Start..s.End]);
                break;
            case EntityKind.Pre:
                Pre(_text[s.Start..s.End], s.Value ?? "");
                break;
            case EntityKind.TextUrl:
                EscapeBang();
                Raw("[");
                Children(node);
                Raw("](");
                Destination(s.Value ?? "");
                Raw(")");
                break;
            case EntityKind.Mention:
                EscapeBang();
                Raw("[");
                Children(node);
                Raw("](" + EntityConversion.MentionPrefix + s.Id.ToString(CultureInfo.InvariantCulture) + ")");
                break;
            case EntityKind.CustomEmoji:
                Raw("![");
                Text(s.Start, s.End);
                Raw("](" + EntityConversion.EmojiPrefix + s.Id.ToString(CultureInfo.InvariantCulture) + ")");
                break;
            case EntityKind.Blockquote:
                Raw("> ");
                _lineStart = true;
                _quoteDepth++;
                Children(node);
                _quoteDepth--;
                // A quote followed by one line break ends with an empty ">" line, or the next line would continue it.
                if (s.End + 1 < _text.Length && _text[s.End] == '\n' && _text[s.End + 1] != '\n')
                    Raw("\n>");
                break;
            default:
                Children(node);
                break;
        }
    }

    private void Style(EntityNode node, string delimiter, char tag)
    {
        if (_allTags || _tagged.Contains(node.Span))
        {
            Raw("<" + tag + ">");
            Children(node);
            Raw("</" + tag + ">");
            return;
        }
        var open = _sb.Length;
        Raw(delimiter);
        Children(node);
        var close = _sb.Length;
        Raw(delimiter);
        _delimiters.Add((node.Span, open, close, delimiter.Length, delimiter[0]));
    }

    private void Code(string content)
    {
        // Markdig reads an escaped backtick right before a code span as part of its backtick string: write the
        // text's backtick as a reference instead.
        if (_sb.Length >= 2 && _sb[^1] == '`' && _sb[^2] == '\\')
        {
            _sb.Length -= 2;
            _sb.Append("&#96;");
        }
        var ticks = new string('`', LongestRun(content, '`') + 1);
        var pad = content.StartsWith('`') || content.EndsWith('`')
            || (content.Length > 1 && content[0] == ' ' && content[^1] == ' ' && content.AsSpan().ContainsAnyExcept(' '))
            ? " " : "";
        Raw(ticks + pad + content + pad + ticks);
    }

    private void Pre(string content, string language)
    {
        language = language.Split([' ', '\t', '\n', '\r'], 2)[0];
        var c = language.Contains('`') ? '~' : '`';
        var fence = new string(c, Math.Max(3, LongestRun(content, c) + 1));
        Raw(fence);
        foreach (var ch in language)
        {
            if (ch is '\\' or '&')
                _sb.Append('\\');
            _sb.Append(ch);
        }
        NewLine();
        foreach (var ch in content)
        {
            if (ch == '\n')
                NewLine();
            else
                _sb.Append(ch);
        }
        NewLine();
        Raw(fence);
    }

    private void Destination(string url)
    {
        var pointy = url.Contains(' ');
        if (pointy)
            _sb.Append('<');
        for (var i = 0; i < url.Length; i++)
        {
            var c = url[i];
            if (c is '\\' or '<' or '>' || (!pointy && c is '(' or ')') || (c == '&' && IsReference(url, i)))
                _sb.Append('\\');
            _sb.Append(c);
        }
        if (pointy)
            _sb.Append('>');
    }

    // A '!' right before a link would make it an image.
    private void EscapeBang()
    {
        if (_sb.Length > 0 && _sb[^1] == '!')
            _sb.Insert(_sb.Length - 1, '\\');
    }

    private void Raw(string markup)
    {
        _sb.Append(markup);
        _lineStart = false;
    }

    private void NewLine()
    {
        _sb.Append('\n');
        if (_quoteDepth > 0)
            _sb.Append("> ");
        _lineStart = true;
    }

    private void Text(int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            var c = _text[i];
            if (c == '\n')
            {
                NewLine();
                continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < to && char.IsLowSurrogate(_text[i + 1]))
            {
                _sb.Append(c).Append(_text[i + 1]);
                i++;
                _lineStart = false;
                continue;
            }
            var lineStart = _lineStart;
            _lineStart = false;
            if (c is ' ' or '\t' && (lineStart || i + 1 == _text.Length || _text[i + 1] is '\n' or '\r'))
            {
                // Spaces and tabs that start or end a line would be stripped: write them as references.
                _sb.Append(c == ' ' ? "&#32;" : "&#9;");
                continue;
            }
            if (c == '`' && _sb.Length > 0 && _sb[^1] == '`')
            {
                // Right after a code span or another backtick: a reference cannot join a backtick string.
                _sb.Append("&#96;");
                continue;
            }
            if (c == '\r')
            {
                _sb.Append("&#13;");
                continue;
            }
            if (lineStart && char.IsAsciiDigit(c))
            {
                // "1." or "1)" starting a line would start a list.
                var j = i;
                while (j < to && j - i < 10 && char.IsAsciiDigit(_text[j]))
                    j++;
                _sb.Append(_text, i, j - i);
                if (j < to && _text[j] is '.' or ')')
                    _sb.Append('\\').Append(_text[j]);
                else
                    j--;
                i = j;
                continue;
            }
            if (c is '\\' or '`' or '*' or '_' or '[' or ']' or '<' or '~'
                || (lineStart && c is '#' or '-' or '+' or '=' or '>')
                || (c == '&' && IsReference(_text, i)))
            {
                _sb.Append('\\');
            }
            _sb.Append(c);
        }
    }

    // Whether the '&' at i starts something CommonMark reads as an entity or numeric character reference.
    private static bool IsReference(string text, int i)
    {
        var j = i + 1;
        if (j < text.Length && text[j] == '#')
            j++;
        var start = j;
        while (j < text.Length && char.IsAsciiLetterOrDigit(text[j]))
            j++;
        return j > start && j < text.Length && text[j] == ';';
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var ch in text)
        {
            run = ch == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }
        return longest;
    }
}
