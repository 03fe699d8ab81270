using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Telethon.Formatting;

/// <summary>Walks the tree Markdig parsed and feeds its text and entities to a <see cref="FormattedTextBuilder"/>.</summary>
internal sealed partial class MarkdownReader
{
    private readonly string _source;
    private readonly FormattedTextBuilder _builder;
    private readonly List<int> _lineStarts = [0];

    // Quotes wait for the line breaks that separate them from the block before, then open with their first block.
    private readonly List<PendingQuote> _pendingQuotes = [];
    private readonly List<int> _openTags = [];
    private string? _pendingPrefix;
    private int _previousLastLine = -1;
    private int _quoteDepth;

    /// <summary>Reads <paramref name="source"/> (already parsed by <see cref="Read"/>'s caller) into <paramref name="builder"/>.</summary>
    public MarkdownReader(string source, FormattedTextBuilder builder)
    {
        _source = source;
        _builder = builder;
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n' || (source[i] == '\r' && (i + 1 == source.Length || source[i + 1] != '\n')))
                _lineStarts.Add(i + 1);
        }
    }

    /// <summary>Reads the whole document.</summary>
    public void Read(MarkdownDocument document) => Blocks(document);

    [GeneratedRegex(@"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)")]
    private static partial Regex TagPattern();

    private void Blocks(ContainerBlock container)
    {
        foreach (var block in container)
        {
            switch (block)
            {
                case QuoteBlock quote:
                    var pending = new PendingQuote();
                    _pendingQuotes.Add(pending);
                    _quoteDepth++;
                    Blocks(quote);
                    _quoteDepth--;
                    if (pending.Handle >= 0)
                        _builder.End(pending.Handle);
                    _pendingQuotes.Remove(pending);
                    break;
                case ListBlock list:
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        _pendingPrefix = list.IsOrdered
                            ? string.Concat(item.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), list.OrderedDelimiter.ToString(), " ")
                            : list.BulletType + " ";
                        Blocks(item);
                    }
                    _pendingPrefix = null;
                    break;
                case LinkReferenceDefinitionGroup:
                    break;
                case ContainerBlock other:
                    Blocks(other);
                    break;
                case HeadingBlock heading:
                    StartLeaf(heading);
                    var underline = _builder.Begin(EntityKind.Underline);
                    Inlines(heading.Inline);
                    _builder.End(underline);
                    EndLeaf(heading);
                    break;
                case CodeBlock code:
                    StartLeaf(code);
                    var language = code is FencedCodeBlock fenced ? fenced.Info ?? "" : "";
                    var pre = _builder.Begin(EntityKind.Pre, language);
                    _builder.Append(Lines(code));
                    _builder.End(pre);
                    EndLeaf(code);
                    break;
                case ThematicBreakBlock:
                    StartLeaf(block);
                    _builder.Append('\u2015');
                    EndLeaf(block);
                    break;
                case LeafBlock leaf:
                    StartLeaf(leaf);
                    if (leaf.Inline is not null)
                        Inlines(leaf.Inline);
                    else
                        _builder.Append(Lines(leaf));
                    EndLeaf(leaf);
                    break;
            }
        }
    }

    private void StartLeaf(Block block)
    {
        if (_builder.Length > 0)
        {
            var breaks = 1;
            for (var line = _previousLastLine + 1; line < block.Line && line < _lineStarts.Count; line++)
            {
                var kind = Classify(line);
                if (kind == LineKind.Blank || (kind == LineKind.QuoteMarkers && _quoteDepth > 0))
                    breaks++;
            }
            _builder.Append(new string('\n', breaks));
        }
        foreach (var quote in _pendingQuotes)
        {
            if (quote.Handle < 0)
                quote.Handle = _builder.Begin(EntityKind.Blockquote);
        }
        if (_pendingPrefix is not null)
        {
            _builder.Append(_pendingPrefix);
            _pendingPrefix = null;
        }
    }

    private void EndLeaf(Block block)
    {
        var end = Math.Clamp(Math.Max(block.Span.End, block.Span.Start), 0, Math.Max(0, _source.Length - 1));
        var line = _lineStarts.BinarySearch(end);
        _previousLastLine = Math.Max(block.Line, line < 0 ? ~line - 1 : line);
        // A tag opened inline and never closed in its block adds no entity.
        foreach (var handle in _openTags)
            _builder.Cancel(handle);
        _openTags.Clear();
    }

    private LineKind Classify(int line)
    {
        var start = _lineStarts[line];
        var end = line + 1 < _lineStarts.Count ? _lineStarts[line + 1] : _source.Length;
        var quote = false;
        for (var i = start; i < end; i++)
        {
            switch (_source[i])
            {
                case ' ' or '\t' or '\r' or '\n':
                    continue;
                case '>':
                    quote = true;
                    continue;
                default:
                    return LineKind.Text;
            }
        }
        return quote ? LineKind.QuoteMarkers : LineKind.Blank;
    }

    private static string Lines(LeafBlock leaf)
    {
        var sb = new StringBuilder();
        var lines = leaf.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            if (i > 0)
                sb.Append('\n');
            sb.Append(lines.Lines[i].Slice.ToString());
        }
        return sb.ToString();
    }

    private void Inlines(ContainerInline? container)
    {
        if (container is null)
            return;
        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    _builder.Append(literal.Content.ToString());
                    break;
                case EmphasisInline emphasis:
                    var kind = emphasis.DelimiterChar == '~' ? EntityKind.Strike
                        : emphasis.DelimiterCount >= 2 ? EntityKind.Bold : EntityKind.Italic;
                    var style = _builder.Begin(kind);
                    Inlines(emphasis);
                    _builder.End(style);
                    break;
                case CodeInline code:
                    var span = _builder.Begin(EntityKind.Code);
                    _builder.Append(code.Content);
                    _builder.End(span);
                    break;
                case LinkInline link:
                    Link(link);
                    break;
                case AutolinkInline autolink:
                    // Telegram finds these by itself: plain text, as Telethon.
                    _builder.Append(autolink.Url);
                    break;
                case LineBreakInline:
                    _builder.Append('\n');
                    break;
                case HtmlEntityInline entity:
                    _builder.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline html:
                    Tag(html.Tag);
                    break;
                case ContainerInline other:
                    Inlines(other);
                    break;
            }
        }
    }

    private void Link(LinkInline link)
    {
        var url = link.Url ?? "";
        if (EntityConversion.TryParseTgId(url, EntityConversion.EmojiPrefix, out var emojiId))
        {
            var emoji = _builder.Begin(EntityKind.CustomEmoji, id: emojiId);
            _builder.Append(PlainText(link));
            _builder.End(emoji);
        }
        else if (link.IsImage)
        {
            _builder.Append(PlainText(link));
        }
        else if (EntityConversion.TryParseTgId(url, EntityConversion.MentionPrefix, out var userId))
        {
            var mention = _builder.Begin(EntityKind.Mention, id: userId);
            Inlines(link);
            _builder.End(mention);
        }
        else if (url.Length == 0)
        {
            Inlines(link);
        }
        else
        {
            var textUrl = _builder.Begin(EntityKind.TextUrl, url);
            Inlines(link);
            _builder.End(textUrl);
        }
    }

    private static string PlainText(ContainerInline container)
    {
        var sb = new StringBuilder();
        Collect(container, sb);
        return sb.ToString();

        static void Collect(ContainerInline container, StringBuilder sb)
        {
            foreach (var inline in container)
            {
                switch (inline)
                {
                    case LiteralInline literal: sb.Append(literal.Content.ToString()); break;
                    case CodeInline code: sb.Append(code.Content); break;
                    case HtmlEntityInline entity: sb.Append(entity.Transcoded.ToString()); break;
                    case LineBreakInline: sb.Append('\n'); break;
                    case AutolinkInline autolink: sb.Append(autolink.Url); break;
                    case ContainerInline inner: Collect(inner, sb); break;
                }
            }
        }
    }

    // Inline tags, as Telethon reads them "mostly for inline underline".
    private void Tag(string tag)
    {
        var match = TagPattern().Match(tag);
        EntityKind? kind = match.Success ? match.Groups[2].Value.ToLowerInvariant() switch
        {
            "b" or "strong" => EntityKind.Bold,
            "i" or "em" => EntityKind.Italic,
            "u" or "mark" => EntityKind.Underline,
            "s" or "del" => EntityKind.Strike,
            _ => null,
        } : null;
        if (kind is not { } k)
        {
            _builder.Append(tag);
            return;
        }
        if (match.Groups[1].Value.Length == 0)
        {
            _openTags.Add(_builder.Begin(k));
            return;
        }
        for (var i = _openTags.Count - 1; i >= 0; i--)
        {
            if (_builder.KindOf(_openTags[i]) == k)
            {
                _builder.End(_openTags[i]);
                _openTags.RemoveAt(i);
                return;
            }
        }
    }

    private enum LineKind
    {
        Blank,
        QuoteMarkers,
        Text,
    }

    private sealed class PendingQuote
    {
        public int Handle { get; set; } = -1;
    }
}
