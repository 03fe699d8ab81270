using Telethon.Model;
using Telethon.Model.Buttons;

namespace Telethon.Samples.MenuBot;

/// <summary>
/// The bot's menu: a main page with two sub-pages (fruits and colours) that each have a Back button, a button that asks
/// for a photo, and one that starts an inline query. Clicking a page's button edits the menu message in place.
/// </summary>
public static class Menus
{
    /// <summary>The callback data of the button that asks for a photo.</summary>
    public const string PhotoData = "photo";

    /// <summary>The query the inline search button types.</summary>
    public const string InlineSearch = "ap";

    /// <summary>The main page, what /start answers with.</summary>
    public static MenuPage Main { get; } = new(
        "Main menu. Pick a page, ask for a photo, or search fruits inline.",
        [
            [new Callback("🍎 Fruits", "page:fruits"), new Callback("🎨 Colours", "page:colours")],
            [new Callback("🖼 Send me a photo", PhotoData)],
            [new SwitchInline("🔎 Search fruits inline", InlineSearch, samePeer: true)],
        ]);

    /// <summary>The fruits page.</summary>
    public static MenuPage Fruits { get; } = new(
        "Fruits. Pick one to hear about it.",
        [
            [new Callback("Apple", "item:apple"), new Callback("Pear", "item:pear")],
            [new Callback("« Back", "page:main")],
        ]);

    /// <summary>The colours page.</summary>
    public static MenuPage Colours { get; } = new(
        "Colours. Pick one to hear about it.",
        [
            [new Callback("Red", "item:red"), new Callback("Blue", "item:blue")],
            [new Callback("« Back", "page:main")],
        ]);

    /// <summary>The page a <c>page:NAME</c> button opens; null for an unknown name.</summary>
    /// <param name="name">The page's name: main, fruits or colours.</param>
    public static MenuPage? Page(string name) => name switch
    {
        "main" => Main,
        "fruits" => Fruits,
        "colours" => Colours,
        _ => null,
    };

    /// <summary>What the bot says about an item of a page (the answer to an <c>item:NAME</c> button); null for an unknown
    /// item.</summary>
    /// <param name="name">The item's name.</param>
    public static string? About(string name) => name switch
    {
        "apple" => "An apple a day keeps the doctor away.",
        "pear" => "Pears ripen from the inside out.",
        "red" => "Red has the longest wavelength we see.",
        "blue" => "Blue was the last colour to get a name in many languages.",
        _ => null,
    };
}
