using Telethon.Formatting;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.Formatting;

public sealed class MarkdownFormatTests
{
    private static void AssertParse(string markdown, string text, params string[] entities)
    {
        var parsed = MarkdownFormat.Parse(markdown);
        Assert.Equal(text, parsed.Text);
        Assert.Equal(entities, EntityText.Of(parsed.Entities));
    }

    // Telethon v2's own known answers (client/tests/parsers_test.py), mentions as the entity a client sends.
    [Fact]
    public void ParsesLeadingAndTrailingBold()
    {
        AssertParse("**Hello** world!", "Hello world!", "Bold(0,5)");
        AssertParse("Hello **world!**", "Hello world!", "Bold(6,6)");
    }

    [Fact]
    public void CountsAnEmojiAsTwoUtf16Units()
    {
        AssertParse("A **little 🦀** here", "A little 🦀 here", "Bold(2,9)");
        AssertParse("𝐀 **𝐁** `𝐂`", "𝐀 𝐁 𝐂", "Bold(3,2)", "Code(6,2)");
        AssertParse("🤷🏽‍♀️ *x*", "🤷🏽‍♀️ x", "Italic(8,1)");
    }

    [Fact]
    public void ParsesEveryEntityOfTelethonsExample()
    {
        AssertParse(
            "Some **bold** (__strong__), *italics* (_cursive_), inline `code`, a\n```rust\npre\n```\nblock, a [link](https://example.com), and [mentions](tg://user?id=12345678)",
            "Some bold (strong), italics (cursive), inline code, a\npre\nblock, a link, and mentions",
            "Bold(5,4)", "Bold(11,6)", "Italic(20,7)", "Italic(29,7)", "Code(46,4)",
            // Telethon counts the pre's final line break in its length; the entity here covers the code only.
            "Pre(54,3,rust)", "TextUrl(67,4,https://example.com)", "InputMention(77,8,12345678,0)");
    }

    [Fact]
    public void ParsesNestedEntities() =>
        AssertParse("Some **bold _both_** _italics_", "Some bold both italics", "Bold(5,9)", "Italic(10,4)", "Italic(15,7)");

    [Fact]
    public void ParsesTheRestOfTheDocumentedSyntax()
    {
        AssertParse("# Title\nbody", "Title\nbody", "Underline(0,5)");
        AssertParse("x <u>under</u> <b>b</b> <s>s</s>", "x under b s", "Underline(2,5)", "Bold(8,1)", "Strike(10,1)");
        AssertParse("~~gone~~", "gone", "Strike(0,4)");
        AssertParse("![👍](tg://emoji?id=5368324170671202286) ok", "👍 ok", "CustomEmoji(0,2,5368324170671202286)");
        AssertParse("> quoted\n> lines\n\nafter", "quoted\nlines\n\nafter", "Blockquote(0,12)");
        AssertParse("a\n\n    indented", "a\n\nindented", "Pre(3,8,)");
        // Telethon strips the message before parsing, so a first line indented is not code.
        AssertParse("    indented", "indented");
        AssertParse("a\n\n\nb", "a\n\n\nb");
    }

    [Fact]
    public void DegradesMalformedMarkupToText()
    {
        AssertParse("**unclosed", "**unclosed");
        AssertParse("<u>never closed", "never closed");
        AssertParse("[no url]() and <foo> and <http://x.org>", "no url and <foo> and http://x.org");
        AssertParse("- item\n2. two", "- item\n2. two");
        AssertParse("", "");
        AssertParse("  \n ", "");
    }

    [Fact]
    public void WritesTelethonsDelimiters()
    {
        Assert.Equal("**Hello** world!", MarkdownFormat.Unparse("Hello world!", [new T.MessageEntityBold { Offset = 0, Length = 5 }]));
        Assert.Equal("*a* ~~b~~ <u>c</u> `d`", MarkdownFormat.Unparse("a b c d",
        [
            new T.MessageEntityItalic { Offset = 0, Length = 1 }, new T.MessageEntityStrike { Offset = 2, Length = 1 },
            new T.MessageEntityUnderline { Offset = 4, Length = 1 }, new T.MessageEntityCode { Offset = 6, Length = 1 },
        ]));
        Assert.Equal("a\n```rust\nfn x() {}\n```\nb", MarkdownFormat.Unparse("a\nfn x() {}\nb", [new T.MessageEntityPre { Offset = 2, Length = 9, Language = "rust" }]));
    }

    [Fact]
    public void WritesWhatTelegramReturns()
    {
        MessageEntity[] returned =
        [
            new T.MessageEntityMentionName { Offset = 0, Length = 3, UserId = 42 },
            new T.MessageEntityTextUrl { Offset = 4, Length = 4, Url = "https://example.com/a_(b)" },
            new T.MessageEntityCustomEmoji { Offset = 9, Length = 2, DocumentId = 7 },
            new T.MessageEntityUrl { Offset = 12, Length = 5 },
            new T.MessageEntitySpoiler { Offset = 0, Length = 3 },
        ];
        var markdown = MarkdownFormat.Unparse("Bob link 👍 x.org", returned);
        Assert.Equal("[Bob](tg://user?id=42) [link](https://example.com/a_\\(b\\)) ![👍](tg://emoji?id=7) x.org", markdown);
        var back = MarkdownFormat.Parse(markdown);
        Assert.Equal(["InputMention(0,3,42,0)", "TextUrl(4,4,https://example.com/a_(b))", "CustomEmoji(9,2,7)"], EntityText.Of(back.Entities));
    }

    [Fact]
    public void EscapesWhatMarkdownWouldRead()
    {
        const string text = "1. *not* a list\n# nor a heading\n> nor a quote\n  indented _x_ [y](z) `w` <b> &amp; \\";
        var markdown = MarkdownFormat.Unparse(text, null);
        var back = MarkdownFormat.Parse(markdown);
        Assert.Equal(text, back.Text);
        Assert.Empty(back.Entities);
    }

    [Fact]
    public void KeepsABangBeforeALinkFromMakingAnImage()
    {
        var markdown = MarkdownFormat.Unparse("wow!link", [new T.MessageEntityTextUrl { Offset = 4, Length = 4, Url = "https://x.org" }]);
        Assert.Equal("wow\\![link](https://x.org)", markdown);
        Assert.Equal(["TextUrl(4,4,https://x.org)"], EntityText.Of(MarkdownFormat.Parse(markdown).Entities));
    }

    [Fact]
    public void WritesTagsWhereDelimitersWouldNotBeRead()
    {
        // "**" between a letter and punctuation does not open emphasis in CommonMark.
        var markdown = MarkdownFormat.Unparse("a.b", [new T.MessageEntityBold { Offset = 1, Length = 2 }]);
        Assert.Equal("a<b>.b</b>", markdown);
        Assert.Equal(["Bold(1,2)"], EntityText.Of(MarkdownFormat.Parse(markdown).Entities));
    }

    [Fact]
    public void WidensAnEntityThatCutsASurrogatePair()
    {
        var markdown = MarkdownFormat.Unparse("x🦀y", [new T.MessageEntityBold { Offset = 2, Length = 2 }]);
        Assert.Equal(["Bold(1,3)"], EntityText.Of(MarkdownFormat.Parse(markdown).Entities));
    }

    [Fact]
    public void EndsAQuoteFollowedByOneLineBreak()
    {
        const string text = "said\nquote\nreply";
        var markdown = MarkdownFormat.Unparse(text, [new T.MessageEntityBlockquote { Offset = 5, Length = 5 }]);
        Assert.Equal("said\n> quote\n>\nreply", markdown);
        var back = MarkdownFormat.Parse(markdown);
        Assert.Equal(text, back.Text);
        Assert.Equal(["Blockquote(5,5)"], EntityText.Of(back.Entities));
    }

    [Fact]
    public void IgnoresOutOfRangeEntities()
    {
        var markdown = MarkdownFormat.Unparse("abc", [new T.MessageEntityBold { Offset = 1, Length = 99 }, new T.MessageEntityItalic { Offset = -5, Length = 2 }]);
        Assert.Equal("a**bc**", markdown);
    }
}
