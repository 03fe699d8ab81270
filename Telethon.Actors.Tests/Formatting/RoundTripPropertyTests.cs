using Telethon.Formatting;
using Telethon.Tl.Abcs;

namespace Telethon.Tests.Formatting;

/// <summary>
/// For random texts and entity sets each format can express (see <see cref="FormattedTextGen"/>), writing them and
/// parsing the result gives back the same text and entities.
/// </summary>
public sealed class RoundTripPropertyTests
{
    private const string MarkupChars = "*_~`[]()<>&#!-+=.\\|/ \n\tab𝐀\ud83e\udd80";

    [Fact]
    public void MarkdownRoundTrips() => Seeded.ForEach(1501, 1500, Tape, tape => AssertRoundTrip(tape, html: false), tape => Describe(tape, html: false));

    [Fact]
    public void HtmlRoundTrips() => Seeded.ForEach(1502, 1500, Tape, tape => AssertRoundTrip(tape, html: true), tape => Describe(tape, html: true));

    [Fact]
    public void UnparseNeverThrowsOnArbitraryEntities() => Seeded.ForEach(1503, 500, random => (
        Text: Seeded.String(random, 0, 40, null),
        Offsets: Seeded.Ints(random, 0, 12, -3, 40),
        Kinds: Seeded.Ints(random, 0, 12, 0, 12)), c =>
    {
        var (text, offsets, kinds) = c;
        var entities = new List<MessageEntity>();
        for (var i = 0; i < Math.Min(offsets.Length, kinds.Length); i++)
            entities.Add(RandomEntity(kinds[i], offsets[i], i < offsets.Length - 1 ? offsets[i + 1] : 5));
        var markdown = MarkdownFormat.Unparse(text, entities);
        var html = HtmlFormat.Unparse(text, entities);
        MarkdownFormat.Parse(markdown);
        HtmlFormat.Parse(html);
    }, c => System.Text.Json.JsonSerializer.Serialize(c));

    [Fact]
    public void ParseNeverThrowsOnArbitraryMarkup() => Seeded.ForEach(1504, 1500, random => Seeded.String(random, 0, 60, MarkupChars), markup =>
    {
        var md = MarkdownFormat.Parse(markup);
        var html = HtmlFormat.Parse(markup);
        foreach (var parsed in new[] { md, html })
        {
            Assert.Equal(parsed.Text.Trim(), parsed.Text);
            Assert.All(EntityText.Of(parsed.Entities), e => Assert.DoesNotContain("(-", e, StringComparison.Ordinal));
        }
    }, markup => System.Text.Json.JsonSerializer.Serialize(markup));

    // The tape FormattedTextGen reads its choices from: 1 to 160 numbers of the whole int range.
    private static int[] Tape(Random random) => Seeded.Ints(random, 1, 160, int.MinValue, int.MaxValue);

    private static MessageEntity RandomEntity(int kind, int offset, int length) => kind switch
    {
        0 => new Telethon.Tl.Types.MessageEntityBold { Offset = offset, Length = length },
        1 => new Telethon.Tl.Types.MessageEntityItalic { Offset = offset, Length = length },
        2 => new Telethon.Tl.Types.MessageEntityUnderline { Offset = offset, Length = length },
        3 => new Telethon.Tl.Types.MessageEntityStrike { Offset = offset, Length = length },
        4 => new Telethon.Tl.Types.MessageEntitySpoiler { Offset = offset, Length = length },
        5 => new Telethon.Tl.Types.MessageEntityCode { Offset = offset, Length = length },
        6 => new Telethon.Tl.Types.MessageEntityPre { Offset = offset, Length = length, Language = "x y`" },
        7 => new Telethon.Tl.Types.MessageEntityTextUrl { Offset = offset, Length = length, Url = "a b\n)" },
        8 => new Telethon.Tl.Types.MessageEntityMentionName { Offset = offset, Length = length, UserId = 5 },
        9 => new Telethon.Tl.Types.MessageEntityCustomEmoji { Offset = offset, Length = length, DocumentId = 6 },
        10 => new Telethon.Tl.Types.MessageEntityBlockquote { Offset = offset, Length = length },
        11 => new Telethon.Tl.Types.MessageEntityEmail { Offset = offset, Length = length },
        _ => new Telethon.Tl.Types.MessageEntityHashtag { Offset = offset, Length = length },
    };

    private static void AssertRoundTrip(int[] tape, bool html)
    {
        var (text, entities) = FormattedTextGen.Build(tape, html);
        var markup = html ? HtmlFormat.Unparse(text, entities) : MarkdownFormat.Unparse(text, entities);
        var back = html ? HtmlFormat.Parse(markup) : MarkdownFormat.Parse(markup);
        Assert.Equal(text, back.Text);
        Assert.Equal(EntityText.Sorted(entities), EntityText.Sorted(back.Entities));
        Assert.Equal(back.Entities.Select(Offset).Order(), back.Entities.Select(Offset));
    }

    private static int Offset(MessageEntity e) => int.Parse(EntityText.Of(e).Split('(', ',')[1], System.Globalization.CultureInfo.InvariantCulture);

    private static string Describe(int[] tape, bool html)
    {
        var (text, entities) = FormattedTextGen.Build(tape, html);
        var markup = html ? HtmlFormat.Unparse(text, entities) : MarkdownFormat.Unparse(text, entities);
        return $"text={System.Text.Json.JsonSerializer.Serialize(text)} entities=[{string.Join(", ", EntityText.Of(entities))}] markup={System.Text.Json.JsonSerializer.Serialize(markup)}";
    }
}
