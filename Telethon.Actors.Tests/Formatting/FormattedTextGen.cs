using System.Text;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.Formatting;

/// <summary>
/// Builds a random text and a well-formed entity set that a format can express, from a tape of random choices
/// (the property tests make the tapes from a fixed seed).
/// </summary>
/// <remarks>
/// What both formats express, and so what this builds:
/// <list type="bullet">
/// <item>The text has no leading or trailing white space (Telegram trims it), no control character but line breaks,
/// and no unpaired surrogate; it has ASCII punctuation both formats treat as syntax, emoji (astral, with
/// modifiers and joiners), letters outside ASCII.</item>
/// <item>No entity is empty, none starts or ends with white space, none of one kind is nested in or touches
/// another of that kind (Telegram joins them), and entities nest without overlapping.</item>
/// <item>Code, pre and custom emoji contain no other entity; code has no line break; a custom emoji covers one emoji;
/// links (text URLs and mentions) contain no link or custom emoji; URLs have no control character.</item>
/// <item>Pre blocks and quotes are whole lines at the top (a pre may also be a whole quote; in markdown, no line of
/// such a pre starts with a tab, which CommonMark's tab stops after the "&gt; " would turn into spaces); quotes contain
/// no blank line; two quotes are separated by a blank line; inline entities contain no blank line.</item>
/// <item>Markdown has neither spoilers, nor collapsed quotes, nor emails (it writes underline as an inline
/// &lt;u&gt;); HTML has every kind, an email being a mailto link whose address is its text.</item>
/// </list>
/// </remarks>
internal sealed class FormattedTextGen
{
    private static readonly string[] Tokens =
    [
        "a", "b", "Hello", "world", "x", "Zz", "42", "1.", "3)", "é", "ß", "中文", "🦀", "𝐀", "👍🏽", "🤷🏽‍♀️", "❤️",
        "*", "**", "_", "__", "~", "~~", "`", "```", "[", "]", "(", ")", "<", ">", "&", "&amp;", "&#32;", "#", "-", "+",
        "=", "!", "\\", "|", ".", ",", ":", ";", "'", "\"", "<b>", "</u>", "<!-- c -->", "tg://user?id=1",
    ];

    private static readonly string[] Gaps = [" ", " ", " ", "  ", "\t", "\n", "\n ", " \n", "", ""];
    private static readonly string[] Emoji = ["👍", "🔥", "🦀", "❤", "😀", "🤷🏽‍♀️"];
    private static readonly string[] Languages = ["", "", "rust", "python", "c++", "c#", "objective-c"];
    private static readonly string[] UrlParts = ["a", "b/c", "?q=1", "&x=2", "(p)", "_u_", "*s*", "%20", "~t", "#f", " ", "[k]", "<>", "é", "🦀", "\\"];

    private readonly int[] _tape;
    private readonly bool _html;
    private readonly StringBuilder _text = new();
    private readonly List<MessageEntity> _entities = [];
    private int _next;

    private FormattedTextGen(int[] tape, bool html)
    {
        _tape = tape;
        _html = html;
    }

    /// <summary>The text and entities the tape <paramref name="tape"/> chooses, for HTML or for markdown.</summary>
    public static (string Text, MessageEntity[] Entities) Build(int[] tape, bool html)
    {
        var gen = new FormattedTextGen(tape, html);
        gen.Document();
        return (gen._text.ToString(), gen._entities.ToArray());
    }

    private int Choose(int n) => _tape.Length == 0 ? 0 : (int)((uint)_tape[_next++ % _tape.Length] % (uint)n);

    private bool Chance(int percent) => Choose(100) < percent;

    private void Document()
    {
        var blocks = 1 + Choose(4);
        var previousQuote = false;
        for (var i = 0; i < blocks; i++)
        {
            var kind = Choose(10);
            var quote = kind >= 8;
            if (i > 0)
                _text.Append(previousQuote && quote ? "\n\n" : Choose(3) switch { 0 => "\n", 1 => "\n\n", _ => "\n\n\n" });
            if (kind >= 6 && kind < 8)
                Pre(quoted: false);
            else if (quote)
                Quote();
            else
                Inline(depth: 0, inLink: false, used: []);
            previousQuote = quote;
        }
    }

    private void Quote()
    {
        var start = _text.Length;
        if (Chance(30))
            Pre(quoted: true);
        else
            Inline(depth: 1, inLink: false, used: []);
        _entities.Add(new T.MessageEntityBlockquote { Offset = start, Length = _text.Length - start, Collapsed = _html && Chance(30) });
    }

    private void Pre(bool quoted)
    {
        var start = _text.Length;
        var lines = 1 + Choose(3);
        for (var i = 0; i < lines; i++)
        {
            if (i > 0)
                _text.Append(Chance(20) ? "\n\n" : "\n");
            if (i > 0 && Chance(30))
                _text.Append(Chance(50) || (quoted && !_html) ? "    " : "\t");
            Words(allowBreaks: false);
        }
        _entities.Add(new T.MessageEntityPre { Offset = start, Length = _text.Length - start, Language = Languages[Choose(Languages.Length)] });
    }

    // Inline content: words and entities, never starting or ending with white space, entities apart from each other.
    private void Inline(int depth, bool inLink, HashSet<string> used)
    {
        var items = 1 + Choose(3);
        for (var i = 0; i < items; i++)
        {
            if (i > 0)
                Words(allowBreaks: true);
            if (depth < 3 && Chance(55))
                Entity(depth, inLink, used);
            else
                Words(allowBreaks: true);
            if (i + 1 < items)
                _text.Append(Gaps[Choose(Gaps.Length)]);
        }
    }

    private void Entity(int depth, bool inLink, HashSet<string> used)
    {
        string[] kinds = _html
            ? ["bold", "italic", "underline", "strike", "spoiler", "code", "url", "mention", "emoji", "email"]
            : ["bold", "italic", "underline", "strike", "code", "url", "mention", "emoji"];
        var kind = kinds[Choose(kinds.Length)];
        if (used.Contains(kind) || (inLink && kind is "url" or "mention" or "emoji" or "email"))
        {
            Words(allowBreaks: true);
            return;
        }
        var start = _text.Length;
        switch (kind)
        {
            case "code":
                Words(allowBreaks: false);
                _entities.Add(new T.MessageEntityCode { Offset = start, Length = _text.Length - start });
                return;
            case "email":
                Words(allowBreaks: false);
                _entities.Add(new T.MessageEntityEmail { Offset = start, Length = _text.Length - start });
                return;
            case "emoji":
                _text.Append(Emoji[Choose(Emoji.Length)]);
                _entities.Add(new T.MessageEntityCustomEmoji { Offset = start, Length = _text.Length - start, DocumentId = 1 + Choose(1_000_000) * 1_000_003L });
                return;
        }
        var inner = new HashSet<string>(used) { kind };
        Inline(depth + 1, inLink || kind is "url" or "mention", inner);
        var length = _text.Length - start;
        _entities.Add(kind switch
        {
            "bold" => new T.MessageEntityBold { Offset = start, Length = length },
            "italic" => new T.MessageEntityItalic { Offset = start, Length = length },
            "underline" => new T.MessageEntityUnderline { Offset = start, Length = length },
            "strike" => new T.MessageEntityStrike { Offset = start, Length = length },
            "spoiler" => new T.MessageEntitySpoiler { Offset = start, Length = length },
            "url" => new T.MessageEntityTextUrl { Offset = start, Length = length, Url = Url() },
            _ => new T.InputMessageEntityMentionName { Offset = start, Length = length, UserId = new T.InputUser { UserId = 1 + Choose(int.MaxValue), AccessHash = 0 } },
        });
    }

    private string Url()
    {
        var sb = new StringBuilder(Chance(80) ? "https://example.com/" : "tg://resolve?domain=");
        var parts = Choose(5);
        for (var i = 0; i < parts; i++)
            sb.Append(UrlParts[Choose(UrlParts.Length)]);
        return sb.ToString();
    }

    // Words separated by gaps, starting and ending with a token that is not white space.
    private void Words(bool allowBreaks)
    {
        var count = 1 + Choose(4);
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                var gap = Gaps[Choose(Gaps.Length)];
                _text.Append(allowBreaks ? gap : gap.Replace("\n", "", StringComparison.Ordinal));
            }
            _text.Append(Tokens[Choose(Tokens.Length)]);
        }
    }
}
