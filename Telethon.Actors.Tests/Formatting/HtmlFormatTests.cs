using Telethon.Formatting;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.Formatting;

public sealed class HtmlFormatTests
{
    private static void AssertParse(string html, string text, params string[] entities)
    {
        var parsed = HtmlFormat.Parse(html);
        Assert.Equal(text, parsed.Text);
        Assert.Equal(entities, EntityText.Of(parsed.Entities));
    }

    // Telethon v2's own known answers (client/tests/parsers_test.py), mentions as the entity a client sends.
    [Fact]
    public void ParsesLeadingAndTrailingBoldInAnyCase()
    {
        AssertParse("<B>Hello</b> world!", "Hello world!", "Bold(0,5)");
        AssertParse("Hello <strong>world!</strong>", "Hello world!", "Bold(6,6)");
    }

    [Fact]
    public void CountsAnEmojiAsTwoUtf16Units()
    {
        AssertParse("A <b>little 🦀</b> here", "A little 🦀 here", "Bold(2,9)");
        AssertParse("𝐀 <i>𝐁</i>", "𝐀 𝐁", "Italic(3,2)");
    }

    [Fact]
    public void ParsesEveryEntityOfTelethonsExample() => AssertParse(
        "Some <b>bold</b> (<strong>strong</strong>), <i>italics</i> (<em>cursive</em>), inline <code>code</code>, a <pre>pre</pre> block, a <a href=\"https://example.com\">link</a>, <details>spoilers</details> and <a href=\"tg://user?id=12345678\">mentions</a>",
        "Some bold (strong), italics (cursive), inline code, a pre block, a link, spoilers and mentions",
        "Bold(5,4)", "Bold(11,6)", "Italic(20,7)", "Italic(29,7)", "Code(46,4)", "Pre(54,3,)",
        "TextUrl(67,4,https://example.com)", "Spoiler(73,8)", "InputMention(86,8,12345678,0)");

    [Fact]
    public void ParsesPreLanguages()
    {
        AssertParse("Some <pre>pre</pre>, <code>normal</code> and <pre><code class=\"language-rust\">rusty</code></pre> code",
            "Some pre, normal and rusty code", "Pre(5,3,)", "Code(10,6)", "Pre(21,5,rust)");
        AssertParse("Some empty <pre></pre> and <code class=\"language-rust\">code</code>", "Some empty  and code", "Code(16,4)");
    }

    [Fact]
    public void ParsesNestedAndMisnestedElements()
    {
        AssertParse("Some <a>empty link</a>, it does nothing", "Some empty link, it does nothing");
        // The HTML5 parser splits the misnested italic in two; touching spans of one style are one entity.
        AssertParse("Some <b>bold <i>both</b> italics</i>", "Some bold both italics", "Bold(5,9)", "Italic(10,12)");
    }

    [Fact]
    public void ParsesCustomEmojiQuotesAndTheBotApiNames()
    {
        AssertParse("<tg-emoji emoji-id=\"5\">👍</tg-emoji> <img src=\"tg://emoji?id=6\" alt=\"🔥\">", "👍 🔥", "CustomEmoji(0,2,5)", "CustomEmoji(3,2,6)");
        AssertParse("<blockquote>q</blockquote><blockquote expandable>r</blockquote>", "qr", "Blockquote(0,1)", "Blockquote(1,1,collapsed)");
        AssertParse("<tg-spoiler>a</tg-spoiler> <span class=\"tg-spoiler\">b</span> <ins>c</ins> <s>d</s>", "a b c d",
            "Spoiler(0,1)", "Spoiler(2,1)", "Underline(4,1)", "Strike(6,1)");
        AssertParse("<a href=\"mailto:a@b.c\">a@b.c</a> line<br>break", "a@b.c line\nbreak", "Email(0,5)");
    }

    [Fact]
    public void DegradesMalformedMarkupToText()
    {
        AssertParse("<b>never closed", "never closed", "Bold(0,12)");
        AssertParse("a < b && c > d </i> <unknown x=1>y</unknown>", "a < b && c > d  y");
        AssertParse("<img src=\"https://x/y.png\" alt=\"pic\">", "pic");
        AssertParse("   ", "");
    }

    [Fact]
    public void RoundTripsTelethonsExampleExactly()
    {
        const string html = "Some <strong>bold</strong>, <em>italics</em> inline <code>code</code>, a <pre>pre</pre> block <pre><code class=\"language-rs\">use rust;</code></pre>, a <a href=\"https://example.com\">link</a>, <details>spoilers</details> and <a href=\"tg://user?id=12345678\">mentions</a>";
        var parsed = HtmlFormat.Parse(html);
        Assert.Equal(html, HtmlFormat.Unparse(parsed.Text, parsed.Entities));
    }

    [Fact]
    public void WritesWhatTelegramReturns()
    {
        MessageEntity[] returned =
        [
            new T.MessageEntityMentionName { Offset = 0, Length = 3, UserId = 42 },
            new T.MessageEntityTextUrl { Offset = 4, Length = 4, Url = "https://example.com/?a=1&b=\"2\"" },
            new T.MessageEntityCustomEmoji { Offset = 9, Length = 2, DocumentId = 7 },
            new T.MessageEntityUrl { Offset = 12, Length = 5 },
            new T.MessageEntityBlockquote { Offset = 0, Length = 17, Collapsed = true },
        ];
        var html = HtmlFormat.Unparse("Bob <ab> 👍 x.org", returned);
        Assert.Equal("<blockquote expandable><a href=\"tg://user?id=42\">Bob</a> <a href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\">&lt;ab&gt;</a> <tg-emoji emoji-id=\"7\">👍</tg-emoji> x.org</blockquote>", html);
        var back = HtmlFormat.Parse(html);
        Assert.Equal("Bob <ab> 👍 x.org", back.Text);
        Assert.Equal(["Blockquote(0,17,collapsed)", "InputMention(0,3,42,0)", "TextUrl(4,4,https://example.com/?a=1&b=\"2\")", "CustomEmoji(9,2,7)"], EntityText.Of(back.Entities));
    }

    [Fact]
    public void CutsOverlappingEntitiesToNest()
    {
        var html = HtmlFormat.Unparse("abcdef", [new T.MessageEntityBold { Offset = 0, Length = 4 }, new T.MessageEntityItalic { Offset = 2, Length = 4 }]);
        Assert.Equal("<strong>ab<em>cd</em></strong><em>ef</em>", html);
        Assert.Equal(["Bold(0,4)", "Italic(2,4)"], EntityText.Of(HtmlFormat.Parse(html).Entities));
    }

    [Fact]
    public void KeepsALineBreakThatStartsAPre()
    {
        var html = HtmlFormat.Unparse("a\n\nb", [new T.MessageEntityPre { Offset = 1, Length = 3, Language = "" }]);
        Assert.Equal("a<pre>\n\n\nb</pre>", html);
        Assert.Equal(["Pre(1,3,)"], EntityText.Of(HtmlFormat.Parse(html).Entities));
    }
}
