using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Telethon.Tl.Abcs;

namespace Telethon.Formatting;

/// <summary>
/// Telethon v2's HTML formatting. AngleSharp parses the markup as an HTML5 fragment inside <c>body</c>; this class
/// maps its elements to entities and writes entities back as elements.
/// </summary>
/// <remarks>
/// <para>Elements (as Telethon v2 documents them, plus the Bot API's names in parentheses):
/// <c>strong</c>, <c>b</c> bold; <c>em</c>, <c>i</c> italic; <c>u</c> (<c>ins</c>) underline; <c>del</c>, <c>s</c>
/// (<c>strike</c>) strikethrough; <c>blockquote</c> quote (collapsed with the <c>expandable</c> attribute);
/// <c>details</c> (<c>tg-spoiler</c>, <c>span class="tg-spoiler"</c>) spoiler; <c>code</c> inline code;
/// <c>pre</c> a block, whose language is the <c>language-X</c> class of a <c>code</c> element inside it;
/// <c>a href</c> a link: <c>tg://user?id=N</c> a mention, <c>tg://emoji?id=N</c> a custom emoji,
/// <c>mailto:</c> an email, anything else a text URL; <c>img src="tg://emoji?id=N" alt="👍"</c> and
/// <c>tg-emoji emoji-id="N"</c> a custom emoji; <c>br</c> a line break.</para>
/// <para>Malformed markup never throws: the HTML5 parser recovers as browsers do (unclosed elements end with their
/// parent, stray end tags are ignored, a lone <c>&lt;</c> is text). Unknown elements keep their text and add no
/// entity; an <c>a</c> without <c>href</c> and an <c>img</c> that is not a custom emoji keep their text (the
/// image's alt). As in HTML, a line break right after <c>&lt;pre&gt;</c> is dropped.</para>
/// </remarks>
internal static class HtmlFormat
{
    private const string CodeLanguagePrefix = "language-";

    /// <summary>Parses <paramref name="text"/> as HTML into plain text and the entities a client sends.</summary>
    public static FormattedText Parse(string text)
    {
        var builder = new FormattedTextBuilder();
        if (!string.IsNullOrEmpty(text))
        {
            var parser = new HtmlParser();
            var context = parser.ParseDocument(string.Empty).Body!;
            foreach (var node in parser.ParseFragment(text, context))
                Walk(node, builder, pre: -1);
        }
        return builder.Build();
    }

    /// <summary>
    /// Writes <paramref name="text"/> and its <paramref name="entities"/> (as Telegram returns them, or as a client
    /// sends them) as HTML; <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> in the text are escaped, so that
    /// <see cref="Parse"/> gives back the same text and entities. Entities HTML has no element for (URLs, hashtags and
    /// the others Telegram detects by itself) are left out; overlapping entities are cut to nest.
    /// </summary>
    public static string Unparse(string text, IReadOnlyList<MessageEntity>? entities)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = EntityNormalizer.Sanitize(text, entities, static _ => true);
        var root = EntityNormalizer.Nest(text.Length, spans, CanContain);
        var sb = new StringBuilder(text.Length + 16 * spans.Count);
        Write(sb, text, root);
        return sb.ToString();
    }

    private static bool CanContain(EntitySpan parent, EntitySpan child) => (parent.Kind, child.Kind) switch
    {
        // An a inside an a is closed by the parser; a code inside a pre would name its language.
        (EntityKind.TextUrl or EntityKind.Mention or EntityKind.Email, EntityKind.TextUrl or EntityKind.Mention or EntityKind.Email) => false,
        (EntityKind.Pre, EntityKind.Code or EntityKind.Pre) => false,
        (EntityKind.Blockquote, EntityKind.Blockquote) => false,
        _ => true,
    };

    private static void Walk(INode node, FormattedTextBuilder builder, int pre)
    {
        switch (node)
        {
            case IText t:
                builder.Append(t.Data);
                return;
            case IElement e:
                WalkElement(e, builder, pre);
                return;
        }
    }

    private static void WalkElement(IElement e, FormattedTextBuilder builder, int pre)
    {
        var handle = -1;
        switch (e.LocalName)
        {
            case "b" or "strong":
                handle = builder.Begin(EntityKind.Bold);
                break;
            case "i" or "em":
                handle = builder.Begin(EntityKind.Italic);
                break;
            case "u" or "ins":
                handle = builder.Begin(EntityKind.Underline);
                break;
            case "s" or "del" or "strike":
                handle = builder.Begin(EntityKind.Strike);
                break;
            case "details" or "tg-spoiler":
                handle = builder.Begin(EntityKind.Spoiler);
                break;
            case "span" when e.ClassList.Contains("tg-spoiler"):
                handle = builder.Begin(EntityKind.Spoiler);
                break;
            case "blockquote":
                handle = builder.Begin(EntityKind.Blockquote, collapsed: e.HasAttribute("expandable"));
                break;
            case "pre":
                handle = builder.Begin(EntityKind.Pre, "");
                pre = handle;
                break;
            case "code" when pre >= 0:
                // Inside pre, code only names the language (<pre><code class="language-rust">).
                var language = e.ClassList.FirstOrDefault(c => c.StartsWith(CodeLanguagePrefix, StringComparison.Ordinal));
                if (language is not null)
                    builder.SetValue(pre, language[CodeLanguagePrefix.Length..]);
                break;
            case "code":
                handle = builder.Begin(EntityKind.Code);
                break;
            case "a":
                handle = BeginLink(e.GetAttribute("href"), builder);
                break;
            case "tg-emoji":
                if (long.TryParse(e.GetAttribute("emoji-id"), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var emojiId))
                    handle = builder.Begin(EntityKind.CustomEmoji, id: emojiId);
                break;
            case "img":
                var alt = e.GetAttribute("alt") ?? "";
                if (EntityConversion.TryParseTgId(e.GetAttribute("src") ?? "", EntityConversion.EmojiPrefix, out var imageId))
                {
                    var image = builder.Begin(EntityKind.CustomEmoji, id: imageId);
                    builder.Append(alt);
                    builder.End(image);
                }
                else
                {
                    builder.Append(alt);
                }
                return;
            case "br":
                builder.Append('\n');
                return;
        }
        foreach (var child in e.ChildNodes)
            Walk(child, builder, pre);
        if (handle >= 0)
            builder.End(handle);
    }

    private static int BeginLink(string? href, FormattedTextBuilder builder)
    {
        if (string.IsNullOrEmpty(href))
            return -1;
        if (href.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase))
            return builder.Begin(EntityKind.Email);
        if (EntityConversion.TryParseTgId(href, EntityConversion.MentionPrefix, out var userId))
            return builder.Begin(EntityKind.Mention, id: userId);
        if (EntityConversion.TryParseTgId(href, EntityConversion.EmojiPrefix, out var emojiId))
            return builder.Begin(EntityKind.CustomEmoji, id: emojiId);
        return builder.Begin(EntityKind.TextUrl, href);
    }

    private static void Write(StringBuilder sb, string text, EntityNode node)
    {
        var at = node.Span.Start;
        foreach (var child in node.Children)
        {
            Escape(sb, text.AsSpan(at, child.Span.Start - at));
            Open(sb, text, child.Span);
            Write(sb, text, child);
            Close(sb, child.Span);
            at = child.Span.End;
        }
        Escape(sb, text.AsSpan(at, node.Span.End - at));
    }

    private static void Open(StringBuilder sb, string text, EntitySpan s)
    {
        switch (s.Kind)
        {
            case EntityKind.Bold: sb.Append("<strong>"); break;
            case EntityKind.Italic: sb.Append("<em>"); break;
            case EntityKind.Underline: sb.Append("<u>"); break;
            case EntityKind.Strike: sb.Append("<del>"); break;
            case EntityKind.Spoiler: sb.Append("<details>"); break;
            case EntityKind.Code: sb.Append("<code>"); break;
            case EntityKind.Blockquote: sb.Append(s.Collapsed ? "<blockquote expandable>" : "<blockquote>"); break;
            case EntityKind.Pre:
                if (string.IsNullOrEmpty(s.Value))
                {
                    sb.Append("<pre>");
                    // The parser drops a line break right after <pre>: write one more to keep the text's.
                    if (text[s.Start] == '\n')
                        sb.Append('\n');
                }
                else
                {
                    sb.Append("<pre><code class=\"").Append(CodeLanguagePrefix).Append(Attribute(s.Value)).Append("\">");
                }
                break;
            case EntityKind.TextUrl: sb.Append("<a href=\"").Append(Attribute(s.Value)).Append("\">"); break;
            case EntityKind.Mention: sb.Append("<a href=\"").Append(EntityConversion.MentionPrefix).Append(s.Id).Append("\">"); break;
            case EntityKind.Email:
                sb.Append("<a href=\"mailto:").Append(Attribute(text[s.Start..s.End])).Append("\">");
                break;
            case EntityKind.CustomEmoji: sb.Append("<tg-emoji emoji-id=\"").Append(s.Id).Append("\">"); break;
        }
    }

    private static void Close(StringBuilder sb, EntitySpan s) => sb.Append(s.Kind switch
    {
        EntityKind.Bold => "</strong>",
        EntityKind.Italic => "</em>",
        EntityKind.Underline => "</u>",
        EntityKind.Strike => "</del>",
        EntityKind.Spoiler => "</details>",
        EntityKind.Code => "</code>",
        EntityKind.Blockquote => "</blockquote>",
        EntityKind.Pre => string.IsNullOrEmpty(s.Value) ? "</pre>" : "</code></pre>",
        EntityKind.TextUrl or EntityKind.Mention or EntityKind.Email => "</a>",
        EntityKind.CustomEmoji => "</tg-emoji>",
        _ => "",
    });

    private static string Attribute(string? value) =>
        (value ?? "").Replace("&", "&amp;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static void Escape(StringBuilder sb, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '\r': sb.Append("&#13;"); break;
                default: sb.Append(c); break;
            }
        }
    }
}
