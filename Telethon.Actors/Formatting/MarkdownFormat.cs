using Markdig;
using Telethon.Tl.Abcs;

namespace Telethon.Formatting;

/// <summary>
/// Telethon v2's markdown formatting: CommonMark (parsed by Markdig) with <c>~~strikethrough~~</c>.
/// </summary>
/// <remarks>
/// <para>Syntax: <c>*italic*</c>, <c>_italic_</c>; <c>**bold**</c>, <c>__bold__</c>; <c>~~strike~~</c>;
/// <c># heading</c> (any level, and setext headings) underlines the heading; inline <c>&lt;u&gt;</c> (or
/// <c>&lt;mark&gt;</c>) underlines, and inline <c>&lt;b&gt;</c>/<c>&lt;strong&gt;</c>, <c>&lt;i&gt;</c>/<c>&lt;em&gt;</c>,
/// <c>&lt;s&gt;</c>/<c>&lt;del&gt;</c> work as in Telethon; <c>`code`</c>; fenced blocks with an optional language
/// and indented blocks are pre; <c>&gt; quote</c> is a blockquote; <c>[text](url)</c> is a text URL,
/// <c>[text](tg://user?id=N)</c> a mention, and <c>![👍](tg://emoji?id=N)</c> (or <c>[👍](tg://emoji?id=N)</c>)
/// a custom emoji. Markdown has no spoiler, as Telethon v2 documents; <see cref="Unparse"/> leaves spoilers out.</para>
/// <para>Everything else degrades to plain text and never throws: unmatched delimiters stay literal, list markers
/// stay as written (<c>- </c>, <c>1. </c>), a thematic break becomes <c>―</c>, HTML blocks and unknown inline tags
/// stay as written, autolinks and images other than custom emoji keep only their text, an inline tag never
/// closed adds no entity. Blocks are separated by one line break plus one per blank line between them in the
/// source, where an empty <c>&gt;</c> line that ends a quote counts for nothing (that is how <see cref="Unparse"/>
/// ends a quote followed by a single line break).</para>
/// </remarks>
internal static class MarkdownFormat
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>Parses <paramref name="text"/> as markdown into plain text and the entities a client sends.</summary>
    public static FormattedText Parse(string text)
    {
        var builder = new FormattedTextBuilder();
        var source = (text ?? "").Trim();
        if (source.Length > 0)
            new MarkdownReader(source, builder).Read(Markdown.Parse(source, Pipeline));
        return builder.Build();
    }

    /// <summary>
    /// Writes <paramref name="text"/> and its <paramref name="entities"/> (as Telegram returns them, or as a client
    /// sends them) as markdown that <see cref="Parse"/> reads back to the same text and entities, escaping what
    /// markdown would otherwise read as syntax.
    /// </summary>
    /// <remarks>
    /// Bold, italic and strikethrough are written <c>**</c>, <c>*</c>, <c>~~</c> where CommonMark's flanking rules let
    /// those delimiters work there, and as the inline tags <c>&lt;b&gt;</c>, <c>&lt;i&gt;</c>, <c>&lt;s&gt;</c> where
    /// not (for example next to punctuation inside a word); underline is always <c>&lt;u&gt;</c>. What markdown cannot
    /// carry is left out or cut, keeping the text: spoilers, collapsed quotes (written as plain quotes), entities
    /// Telegram detects by itself, a quote not made of whole lines, a pre not made of whole lines (inline code
    /// when it has no line break), code with a line break, links whose URL has a control character; inside a quote, a tab that starts a line of a pre block
    /// is read back as spaces (CommonMark's tab stops after the <c>&gt; </c>); styles and
    /// links are cut at blank lines and at the edges of quotes and pre blocks, and lose line breaks at their edges.
    /// </remarks>
    public static string Unparse(string text, IReadOnlyList<MessageEntity>? entities)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = EntityNormalizer.Sanitize(text, entities, static s => s.Kind is not (EntityKind.Spoiler or EntityKind.Email));
        spans = MarkdownWriter.FitBlocks(text, spans);
        var root = EntityNormalizer.Nest(text.Length, spans, MarkdownWriter.CanContain);

        var tagged = new HashSet<EntitySpan>();
        string markdown = "";
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var writer = new MarkdownWriter(text, tagged, allTags: false);
            markdown = writer.Write(root);
            var unsafeSpans = writer.MisplacedDelimiters();
            var before = tagged.Count;
            tagged.UnionWith(unsafeSpans);
            if (tagged.Count == before)
                break;
        }

        // What CommonMark reads is subtle: check, and fall back to tags for every style if the delimiters misread.
        var expected = FormattedTextBuilder.Normalize(text, Flatten(root));
        if (!SameAs(Parse(markdown), expected))
            markdown = new MarkdownWriter(text, tagged, allTags: true).Write(root);
        return markdown;
    }

    private static List<EntitySpan> Flatten(EntityNode root)
    {
        var all = new List<EntitySpan>();
        var stack = new Stack<EntityNode>(root.Children.AsEnumerable().Reverse());
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            all.Add(node.Span);
            for (var i = node.Children.Count - 1; i >= 0; i--)
                stack.Push(node.Children[i]);
        }
        return all;
    }

    private static bool SameAs(FormattedText actual, FormattedText expected)
    {
        if (actual.Text != expected.Text || actual.Entities.Length != expected.Entities.Length)
            return false;
        var a = actual.Entities.Select(Span).OrderBy(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Kind).ToList();
        var b = expected.Entities.Select(Span).OrderBy(s => s.Start).ThenBy(s => s.End).ThenBy(s => s.Kind).ToList();
        return a.SequenceEqual(b);

        static EntitySpan Span(MessageEntity e) => EntityConversion.TryFromTl(e, out var s) ? s : default;
    }
}
