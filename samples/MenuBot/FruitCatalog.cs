using Telethon.Model;

namespace Telethon.Samples.MenuBot;

/// <summary>What the bot's inline mode searches: fruits, each answered as an article.</summary>
public static class FruitCatalog
{
    private static readonly (string Name, string Emoji, string Fact)[] Fruits =
    [
        ("Apple", "🍎", "Crisp, and there are thousands of kinds."),
        ("Apricot", "🍑", "A stone fruit, cousin of the plum."),
        ("Banana", "🍌", "Botanically a berry."),
        ("Cherry", "🍒", "Grows in pairs on long stems."),
        ("Grape", "🍇", "Grows in bunches on vines."),
        ("Lemon", "🍋", "Sour enough for any recipe."),
        ("Mango", "🥭", "The national fruit of India."),
        ("Pear", "🍐", "Ripens from the inside out."),
    ];

    /// <summary>The articles whose fruit's name contains <paramref name="query"/> (any case); all of them for an empty
    /// query. Each sends "EMOJI NAME: FACT" and goes by the fruit's name in lower case.</summary>
    /// <param name="query">What the user typed after the bot's username.</param>
    public static IReadOnlyList<InlineArticle> Search(string query) =>
        [.. Fruits
            .Where(f => f.Name.Contains(query.Trim(), StringComparison.OrdinalIgnoreCase))
            .Select(f => new InlineArticle($"{f.Emoji} {f.Name}", Text: $"{f.Emoji} {f.Name}: {f.Fact}")
            {
                Id = f.Name.ToLowerInvariant(),
                Description = f.Fact,
            })];
}
