using System.Security.Cryptography;
using System.Text;
using Telethon.Model;
using Telethon.Model.Buttons;

namespace Telethon.Samples.MenuBot;

/// <summary>
/// The user of the demo, driving the bot step by step and checking each answer: /start gives the menu; Fruits, an item,
/// Back, Colours, an item and Back click through it (every click answered, every page an edit of the same message);
/// the photo button brings a photo, which the user downloads; the menu's inline search button gives the query for an
/// inline query, and the user sends its first result; last, the user sends a file and the bot answers with its name,
/// size and SHA-256. Each step waits at most <see cref="StepTimeout"/>.
/// </summary>
internal sealed class ScriptedUser(Client user, Inbox inbox, TextWriter log)
{
    /// <summary>How long a step waits for the bot.</summary>
    public static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    private const string FileName = "measurements.csv";

    private int _clicks;
    private int _answers;
    private int _edits;
    private int _inlineResults;
    private bool _inlineSent;
    private long _photoBytes;
    private long _fileBytes;
    private bool _fileRoundtrip;

    /// <summary>What the user saw so far.</summary>
    /// <param name="failed">The step that failed, if one did.</param>
    public MenuBotReport Report(string? failed) => new()
    {
        Clicks = _clicks,
        CallbackAnswers = _answers,
        Edits = _edits,
        InlineResults = _inlineResults,
        InlineSent = _inlineSent,
        PhotoBytes = _photoBytes,
        FileBytes = _fileBytes,
        FileRoundtrip = _fileRoundtrip,
        Failed = failed,
    };

    /// <summary>Plays the script against the bot named <paramref name="botUsername"/>.</summary>
    /// <param name="botUsername">The bot's username, with its @.</param>
    /// <param name="cancellationToken">Cancels the script.</param>
    /// <exception cref="DemoStepException">A step did not happen as expected.</exception>
    public async Task RunAsync(string botUsername, CancellationToken cancellationToken)
    {
        var bot = await user.ResolveUsernameAsync(botUsername, cancellationToken);

        log.WriteLine("user: /start");
        await user.SendMessageAsync(bot, "/start", cancellationToken: cancellationToken);
        var menu = await inbox.TakeAsync((edited, m) => !edited && m.Text == Menus.Main.Text, "the menu", StepTimeout, cancellationToken);
        ExpectPage(menu, Menus.Main);
        log.WriteLine($"bot: {menu.Text} {Show(menu.Buttons)}");

        menu = await OpenPageAsync(menu, "🍎 Fruits", Menus.Fruits, cancellationToken);
        await ClickAsync(menu, "Apple", Menus.About("apple"), cancellationToken);
        menu = await OpenPageAsync(menu, "« Back", Menus.Main, cancellationToken);
        menu = await OpenPageAsync(menu, "🎨 Colours", Menus.Colours, cancellationToken);
        await ClickAsync(menu, "Blue", Menus.About("blue"), cancellationToken);
        menu = await OpenPageAsync(menu, "« Back", Menus.Main, cancellationToken);

        await GetPhotoAsync(menu, cancellationToken);
        await SearchInlineAsync(menu, bot, cancellationToken);
        await SendFileAsync(bot, cancellationToken);
    }

    // A page button: answered (without text), and the menu message edited into the page.
    private async Task<Message> OpenPageAsync(Message menu, string button, MenuPage page, CancellationToken cancellationToken)
    {
        await ClickAsync(menu, button, null, cancellationToken);
        var edited = await inbox.TakeAsync((edited, m) => edited && m.Id == menu.Id && m.Text == page.Text,
            $"the edit of the menu into \"{page.Text}\"", StepTimeout, cancellationToken);
        ExpectPage(edited, page);
        _edits++;
        log.WriteLine($"bot edits the menu: {edited.Text} {Show(edited.Buttons)}");
        return edited;
    }

    // Clicks a callback button and checks the bot's answer.
    private async Task ClickAsync(Message menu, string button, string? expectedAnswer, CancellationToken cancellationToken)
    {
        var callback = menu.Buttons?.AllButtons.OfType<Callback>().FirstOrDefault(b => b.Text == button)
            ?? throw new DemoStepException($"the menu \"{menu.Text}\" has no button \"{button}\"");
        log.WriteLine($"user clicks [{button}]");
        _clicks++;
        var answer = await callback.ClickAsync(cancellationToken);
        if (answer.Text != expectedAnswer)
            throw new DemoStepException($"the click on \"{button}\" was answered \"{answer.Text}\", not \"{expectedAnswer}\"");
        _answers++;
        if (answer.Text is not null)
            log.WriteLine($"bot answers: {answer.Text}");
    }

    // The photo button: the bot sends a photo, which the user downloads whole.
    private async Task GetPhotoAsync(Message menu, CancellationToken cancellationToken)
    {
        await ClickAsync(menu, "🖼 Send me a photo", "Here comes a photo.", cancellationToken);
        var message = await inbox.TakeAsync((edited, m) => !edited && m.Photo is not null, "the bot's photo", StepTimeout, cancellationToken);
        var photo = message.Photo!;
        using var downloaded = new MemoryStream();
        await photo.DownloadAsync(downloaded, cancellationToken: cancellationToken);
        log.WriteLine($"bot sends a photo, {photo.Width}×{photo.Height}, \"{message.Text}\"; the user downloads {downloaded.Length} bytes");
        if (downloaded.Length != photo.Size || (photo.Width, photo.Height) != (MenuBotHandlers.PhotoWidth, MenuBotHandlers.PhotoHeight))
            throw new DemoStepException($"the photo is {photo.Width}×{photo.Height} of {photo.Size} bytes, and {downloaded.Length} were downloaded");
        // The test server keeps a photo as it was uploaded (Telegram would send a JPEG made from it): the user gets the
        // bot's PNG back, byte for byte.
        if (!downloaded.ToArray().AsSpan().SequenceEqual(MenuBotHandlers.Photo.Span))
            throw new DemoStepException("the downloaded photo is not the one the bot sent");
        _photoBytes = downloaded.Length;
    }

    // Inline mode: the query of the menu's switch-inline button, asked in the chat with the bot; the first result is sent.
    private async Task SearchInlineAsync(Message menu, Peer bot, CancellationToken cancellationToken)
    {
        var query = menu.Buttons?.AllButtons.OfType<SwitchInline>().FirstOrDefault()?.Query
            ?? throw new DemoStepException("the menu has no inline search button");
        log.WriteLine($"user types: @{bot.Username} {query}");
        var results = await user.InlineQueryAsync(bot, query, chat: bot).ToListAsync(cancellationToken);
        var expected = FruitCatalog.Search(query);
        log.WriteLine($"bot offers: {string.Join(", ", results.Select(r => r.Title))}");
        if (!results.Select(r => (r.Id, r.Title, r.Type)).SequenceEqual(expected.Select(a => (a.Id!, a.Title, "article"))))
            throw new DemoStepException($"the inline query \"{query}\" gave [{string.Join(", ", results.Select(r => r.Title))}]");
        _inlineResults = results.Count;
        var sent = await results[0].SendAsync(cancellationToken: cancellationToken);
        log.WriteLine($"user sends the first result: {sent.Text}");
        if (sent.Text != expected[0].Text)
            throw new DemoStepException($"the inline result sent \"{sent.Text}\", not \"{expected[0].Text}\"");
        _inlineSent = true;
    }

    // A file of a few hundred KB (more than one upload part, not a multiple of one): the bot answers with its name, size
    // and the SHA-256 of what it downloaded, which must be the user's own bytes.
    private async Task SendFileAsync(Peer bot, CancellationToken cancellationToken)
    {
        var content = Measurements();
        var expected = MenuBotHandlers.DescribeFile(FileName, content.Length, SHA256.HashData(content));
        log.WriteLine($"user sends {FileName}, {content.Length} bytes");
        var sent = await user.SendFileAsync(bot, content, name: FileName, cancellationToken: cancellationToken);
        _fileBytes = content.Length;
        var reply = await inbox.TakeAsync((edited, m) => !edited && m.ReplyToMessageId == sent.Id, "the bot's answer to the file",
            StepTimeout, cancellationToken);
        log.WriteLine($"bot: {reply.Text}");
        if (reply.Text != expected)
            throw new DemoStepException($"the bot answered the file with \"{reply.Text}\", not \"{expected}\"");
        _fileRoundtrip = true;
    }

    private static void ExpectPage(Message message, MenuPage page)
    {
        var seen = Show(message.Buttons);
        if (message.Buttons is not { Kind: KeyboardKind.Inline } || seen != Show(page.Buttons))
            throw new DemoStepException($"\"{message.Text}\" came with the buttons {seen}, not {Show(page.Buttons)}");
    }

    private static string Show(Keyboard? keyboard) => keyboard is null
        ? "(none)"
        : string.Concat(keyboard.Select(row => "[" + string.Join(" | ", row.Select(b => b.Text)) + "]"));

    // A CSV of made-up sensor readings, deterministic: about 300 KB.
    private static byte[] Measurements()
    {
        var csv = new StringBuilder("time,sensor,celsius\n");
        var random = new Random(11);
        for (var i = 0; csv.Length < 300_000; i++)
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{i},s{random.Next(1, 9)},{random.Next(-200, 400) / 10.0:0.0}\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
