using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Model;

namespace Telethon.Samples.MenuBot;

/// <summary>
/// What the bot does, the same against the test server and against Telegram: /start answers with the menu (inline
/// buttons); a page button edits the menu message into that page (each sub-page has a Back button); an item button gets a
/// short answer; the photo button gets a photo; an inline query gets fruits as articles; a file sent to the bot is
/// downloaded and answered with its name, size and SHA-256.
/// </summary>
public static class MenuBotHandlers
{
    /// <summary>The width of the photo the bot sends, in pixels.</summary>
    public const int PhotoWidth = 64;

    /// <summary>The height of the photo the bot sends, in pixels.</summary>
    public const int PhotoHeight = 48;

    /// <summary>The photo the bot sends: a PNG drawn in code.</summary>
    public static ReadOnlyMemory<byte> Photo { get; } = SamplePng.Gradient(PhotoWidth, PhotoHeight);

    /// <summary>Adds the bot's handlers to <paramref name="bot"/> (a client that signs in as a bot).</summary>
    /// <param name="bot">The bot's client.</param>
    public static void Register(Client bot)
    {
        ArgumentNullException.ThrowIfNull(bot);

        // Messages. Handlers are tried in order and the first whose filter passes runs.
        bot.On<NewMessage>(e => e.Message.RespondAsync(Menus.Main.Text, buttons: Menus.Main.Buttons),
            Filter.All(Filter.Incoming, Filter.Command("/start")));
        bot.On<NewMessage>(e => DescribeFileAsync(e.Client, e.Message), Filter.All(Filter.Incoming, Filter.Media()));

        // Buttons. Every callback is answered, so the user's client stops waiting, whatever happens.
        foreach (var name in new[] { "main", "fruits", "colours" })
            bot.On<ButtonCallback>(e => ShowPageAsync(e, Menus.Page(name)!), Filter.Data("page:" + name));
        bot.On<ButtonCallback>(async e =>
        {
            await e.AnswerAsync("Here comes a photo.");
            await e.Client.SendPhotoAsync(e.Chat, Photo, caption: $"A {PhotoWidth}×{PhotoHeight} gradient, drawn in code.");
        }, Filter.Data(Menus.PhotoData));
        bot.On<ButtonCallback>(e => e.AnswerAsync(Menus.About(Encoding.UTF8.GetString(e.Data.Span)["item:".Length..]), alert: false),
            Filter.Where(e => e is ButtonCallback c && c.Data.Span.StartsWith("item:"u8)));
        bot.On<ButtonCallback>(e => e.AnswerAsync("That button does nothing any more."));

        // Inline mode (on Telegram, turn it on with @BotFather's /setinline first).
        bot.On<InlineQuery>(e => e.AnswerAsync(FruitCatalog.Search(e.Text), isPrivate: false));
    }

    /// <summary>The bot's answer to a file: its name, the bytes the bot downloaded and their SHA-256, in hex.</summary>
    /// <param name="name">The file's name.</param>
    /// <param name="bytes">How many bytes were downloaded.</param>
    /// <param name="sha256">The SHA-256 of those bytes.</param>
    public static string DescribeFile(string name, long bytes, ReadOnlySpan<byte> sha256) =>
        string.Create(CultureInfo.InvariantCulture, $"Got {name}: {bytes} bytes, SHA-256 {Convert.ToHexStringLower(sha256)}");

    // A page button: the menu message becomes that page, text and buttons.
    private static async Task ShowPageAsync(ButtonCallback e, MenuPage page)
    {
        try
        {
            await e.Client.EditMessageAsync(e.Chat, e.MessageId, page.Text, buttons: page.Buttons);
        }
        catch (RpcError error) when (error.Is("MESSAGE_NOT_MODIFIED"))
        {
            // A second click on the page already shown: nothing to change.
        }
        await e.AnswerAsync();
    }

    // A file (or photo) sent to the bot: downloaded chunk by chunk into a hash, then described.
    private static async Task DescribeFileAsync(Client client, Message message)
    {
        var file = message.File!;
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long bytes = 0;
        await foreach (var chunk in client.GetFileBytesAsync(file))
        {
            sha.AppendData(chunk.Span);
            bytes += chunk.Length;
        }
        var name = file.Name ?? (message.Photo is not null ? "a photo" : "a file");
        await message.ReplyAsync(DescribeFile(name, bytes, sha.GetHashAndReset()));
    }
}
