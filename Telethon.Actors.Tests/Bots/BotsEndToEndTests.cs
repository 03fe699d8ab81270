using System.Collections.Concurrent;
using Telethon.Events;
using Telethon.Filters;
using Telethon.Hosting;
using Telethon.Model;
using Telethon.Model.Buttons;
using Telethon.Tests.EndToEnd;
using Telethon.Tests.Support;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Bots;

/// <summary>
/// Buttons, callbacks and inline mode end to end against the test server, with the sample world's bot (echo_bot) and
/// Alice: what the bot sends is what Alice sees, her clicks and inline queries reach the bot's handlers, and its answers
/// come back to her, as Telegram documents them.
/// </summary>
public sealed class BotsEndToEndTests
{
    private const string BotToken = "7000001:AAtestsecret";

    /// <summary>The bot and Alice signed in, and each one's view of the other.</summary>
    private sealed record Pair(Client Bot, Client Alice, Peer BotAtAlice, ConcurrentQueue<Message> AtAlice, ConcurrentQueue<NewMessage> AtBot)
    {
        /// <summary>The next message from the bot Alice receives with <paramref name="text"/>.</summary>
        public async Task<Message> AliceGetsAsync(string text)
        {
            await Eventually.UntilAsync(() => AtAlice.Any(m => m.Text == text), $"Alice receives \"{text}\"");
            return AtAlice.Last(m => m.Text == text);
        }

        /// <summary>Alice writes to the bot; the bot's view of her message.</summary>
        public async Task<NewMessage> AliceSaysAsync(string text)
        {
            await Alice.SendMessageAsync(BotAtAlice, text);
            return await BotGetsAsync(text);
        }

        /// <summary>The last message the bot received with <paramref name="text"/>, once it has.</summary>
        public async Task<NewMessage> BotGetsAsync(string text)
        {
            await Eventually.UntilAsync(() => AtBot.Any(m => m.Text == text), $"the bot receives \"{text}\"");
            return AtBot.Last(m => m.Text == text);
        }
    }

    private static async Task<Pair> SignInAsync(EndToEndServer server)
    {
        TelethonRuntime runtime = server.Runtime();
        var bot = runtime.GetClient("bot", server.Options());
        await bot.ConnectAsync();
        await bot.BotSignInAsync(BotToken);
        var atBot = new ConcurrentQueue<NewMessage>();
        bot.On<NewMessage>(m => { atBot.Enqueue(m); return Task.CompletedTask; }, Filter.Incoming);

        var alice = await server.AliceAsync();
        var atAlice = new ConcurrentQueue<Message>();
        alice.On<NewMessage>(m => { atAlice.Enqueue(m.Message); return Task.CompletedTask; }, Filter.Incoming);
        alice.On<MessageEdited>(m => { atAlice.Enqueue(m.Message); return Task.CompletedTask; }, Filter.Incoming);
        var botAtAlice = await alice.ResolveUsernameAsync("@echo_bot");
        return new Pair(bot, alice, botAtAlice!, atAlice, atBot);
    }

    [Fact]
    public async Task A_click_on_a_callback_button_reaches_the_bots_handler_and_its_answer_comes_back()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await SignInAsync(server);
        var callbacks = new ConcurrentQueue<ButtonCallback>();
        p.Bot.On<ButtonCallback>(async e =>
        {
            callbacks.Enqueue(e);
            await e.AnswerAsync("You said yes", alert: true);
        }, Filter.Data("yes"));
        p.Bot.On<ButtonCallback>(e => e.AnswerAsync(), Filter.Data("no"));

        var start = await p.AliceSaysAsync("/start");
        var menu = await start.Message.RespondAsync("Pick one", buttons: [[new Callback("Yes", "yes"), new Callback("No", "no")], [new Url("Help", "https://example.org/help")]]);
        Assert.Equal(KeyboardKind.Inline, menu.Buttons!.Kind);

        var seen = await p.AliceGetsAsync("Pick one");
        var buttons = seen.Buttons!;
        Assert.Equal(KeyboardKind.Inline, buttons.Kind);
        Assert.Equal([["Yes", "No"], ["Help"]], buttons.Select(r => r.Select(b => b.Text).ToArray()).ToArray());
        Assert.Equal("https://example.org/help", Assert.IsType<Url>(buttons[1][0]).Link);
        var yes = Assert.IsType<Callback>(buttons[0][0]);
        Assert.Equal("yes"u8.ToArray(), yes.Data.ToArray());

        var answer = await yes.ClickAsync();
        Assert.Equal(("You said yes", true, (string?)null), (answer.Text, answer.Alert, answer.Url));
        var callback = Assert.Single(callbacks);
        Assert.Equal("yes"u8.ToArray(), callback.Data.ToArray());
        Assert.Equal((seen.Sender!.Id, menu.Id), (p.BotAtAlice.Id, callback.MessageId));
        Assert.Equal(start.Sender!.Id, callback.Sender.Id);
        Assert.Equal(start.Chat.Id, callback.Chat.Id);
        Assert.Contains(server.GroundTruth.Records, r => r.Kind == "updateBotCallbackQuery" && r.MessageId == menu.Id);

        // An answer without text is still an answer.
        var silent = await Assert.IsType<Callback>(buttons[0][1]).ClickAsync();
        Assert.Null(silent.Text);
        Assert.False(silent.Alert);
    }

    [Fact]
    public async Task A_photo_sent_with_an_inline_keyboard_arrives_with_its_buttons_and_a_click_reaches_the_bot()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await SignInAsync(server);
        var callbacks = new ConcurrentQueue<ButtonCallback>();
        p.Bot.On<ButtonCallback>(async e =>
        {
            callbacks.Enqueue(e);
            await e.AnswerAsync("Liked");
        }, Filter.Data("like"));

        var start = await p.AliceSaysAsync("/start");
        var sent = await p.Bot.SendPhotoAsync(start.Chat, Media.MediaSamples.Png(32, 24), caption: "Rate this photo",
            buttons: [[new Callback("Like", "like")]]);
        Assert.NotNull(sent.Photo);
        Assert.Equal(KeyboardKind.Inline, sent.Buttons!.Kind);

        // messages.sendMedia carried the reply_markup: Alice's copy has the photo and the button.
        var seen = await p.AliceGetsAsync("Rate this photo");
        Assert.Equal((32, 24), (seen.Photo!.Width, seen.Photo.Height));
        var like = Assert.IsType<Callback>(Assert.Single(Assert.Single(seen.Buttons!)));
        Assert.Equal("Like", like.Text);
        Assert.Equal("like"u8.ToArray(), like.Data.ToArray());

        var answer = await like.ClickAsync();
        Assert.Equal(("Liked", false), (answer.Text, answer.Alert));
        var callback = Assert.Single(callbacks);
        Assert.Equal((sent.Id, start.Sender!.Id), (callback.MessageId, callback.Sender.Id));
        Assert.Contains(server.GroundTruth.Records, r => r.Kind == "updateBotCallbackQuery" && r.MessageId == sent.Id);
    }

    [Fact]
    public async Task A_callbacks_message_is_fetched_with_the_query_as_Telegram_lets_bots()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await SignInAsync(server);
        var fetched = new ConcurrentQueue<Message?>();
        p.Bot.On<ButtonCallback>(async e =>
        {
            fetched.Enqueue(await e.GetMessageAsync());
            await e.AnswerAsync();
        });
        var start = await p.AliceSaysAsync("/start");
        var menu = await start.Message.RespondAsync("Fetch me", buttons: [[new Callback("Go", "go")]]);
        await Assert.IsType<Callback>((await p.AliceGetsAsync("Fetch me")).Buttons![0][0]).ClickAsync();

        // messages.getMessages with inputMessageCallbackQuery: the bot's own copy of the message with the button.
        var message = Assert.Single(fetched);
        Assert.Equal(("Fetch me", menu.Id, true), (message!.Text, message.Id, message.IsOutgoing));
        Assert.Equal("go"u8.ToArray(), Assert.IsType<Callback>(message.Buttons![0][0]).Data.ToArray());
    }

    [Fact]
    public async Task A_bot_that_does_not_answer_gives_the_user_Telegrams_timeout_error()
    {
        // Telegram waits some seconds; the world waits one, so the test stays short.
        await using var server = await EndToEndServer.StartAsync(world: w => w with { BotResponseTimeout = TimeSpan.FromSeconds(1) });
        var p = await SignInAsync(server);
        var unanswered = new ConcurrentQueue<ButtonCallback>();
        p.Bot.On<ButtonCallback>(e => { unanswered.Enqueue(e); return Task.CompletedTask; });

        var start = await p.AliceSaysAsync("/start");
        await start.Message.RespondAsync("Nobody home", buttons: [[new Callback("Knock", "knock")]]);
        var seen = await p.AliceGetsAsync("Nobody home");

        var error = await Assert.ThrowsAsync<RpcError>(() => Assert.IsType<Callback>(seen.Buttons![0][0]).ClickAsync());
        Assert.True(error.Is(RpcErrors.BotResponseTimeout), error.Message);
        Assert.Equal(400, error.Code);
        Assert.Single(unanswered);
        // Too late: the query is gone.
        var late = await Assert.ThrowsAsync<RpcError>(() => unanswered.Single().AnswerAsync("sorry"));
        Assert.True(late.Is(RpcErrors.QueryIdInvalid), late.Message);
    }

    [Fact]
    public async Task A_text_buttons_click_sends_its_text_and_a_keyboard_can_be_hidden()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await SignInAsync(server);

        var start = await p.AliceSaysAsync("/colour");
        await start.Message.ReplyAsync("Which colour?", buttons: new Keyboard([[new Text("Red"), new Text("Blue")], [new RequestPhone("My phone")]])
        {
            Resize = true,
            SingleUse = true,
            Placeholder = "a colour",
        });
        var seen = await p.AliceGetsAsync("Which colour?");
        var keyboard = seen.Buttons!;
        Assert.Equal((KeyboardKind.Reply, true, true, "a colour"), (keyboard.Kind, keyboard.Resize, keyboard.SingleUse, keyboard.Placeholder));
        Assert.IsType<RequestPhone>(keyboard[1][0]);

        var sent = await Assert.IsType<Text>(keyboard[0][1]).ClickAsync();
        Assert.Equal(("Blue", true), (sent.Text, sent.IsOutgoing));
        await Eventually.UntilAsync(() => p.AtBot.Any(m => m.Text == "Blue"), "the bot receives the button's text");

        await start.Message.RespondAsync("Thanks", buttons: Keyboard.Hide());
        var hidden = await p.AliceGetsAsync("Thanks");
        Assert.Null(hidden.Buttons);
        Assert.IsType<TlTypes.ReplyKeyboardHide>(((TlTypes.Message)hidden.Raw).ReplyMarkup);

        await start.Message.RespondAsync("Your name?", buttons: Keyboard.ForceReply(placeholder: "name"));
        var forced = Assert.IsType<TlTypes.ReplyKeyboardForceReply>(((TlTypes.Message)(await p.AliceGetsAsync("Your name?")).Raw).ReplyMarkup);
        Assert.Equal("name", forced.Placeholder);
    }

    [Fact]
    public async Task An_edit_replaces_the_buttons_or_removes_them_and_old_buttons_no_longer_click()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await SignInAsync(server);
        p.Bot.On<ButtonCallback>(e => e.AnswerAsync(System.Text.Encoding.UTF8.GetString(e.Data.Span)));

        var start = await p.AliceSaysAsync("/menu");
        var menu = await p.Bot.SendMessageAsync(start.Chat, "Menu", buttons: [[new Callback("One", "1")]]);
        var first = await p.AliceGetsAsync("Menu");
        var stale = Assert.IsType<Callback>(first.Buttons![0][0]);

        var edited = await menu.EditAsync("Menu, page 2", buttons: [[new Callback("Two", "2"), new Callback("Three", "3")]]);
        Assert.Equal(["Two", "Three"], edited.Buttons![0].Select(b => b.Text));
        var second = await p.AliceGetsAsync("Menu, page 2");
        Assert.Equal(["Two", "Three"], second.Buttons![0].Select(b => b.Text));
        Assert.Equal("3", (await Assert.IsType<Callback>(second.Buttons[0][1]).ClickAsync()).Text);

        // The button of before the edit is gone: Telegram refuses its data.
        var refused = await Assert.ThrowsAsync<RpcError>(() => stale.ClickAsync());
        Assert.True(refused.Is(RpcErrors.DataInvalid), refused.Message);

        // Editing only the buttons keeps the text; an edit without buttons removes them.
        await p.Bot.EditMessageAsync(start.Chat, menu.Id, buttons: [[new Callback("Four", "4")]]);
        await Eventually.UntilAsync(() => p.AtAlice.Any(m => m.Id == first.Id && m.Buttons?[0][0].Text == "Four"), "Alice sees the new button");
        Assert.Equal("Menu, page 2", p.AtAlice.Last(m => m.Id == first.Id).Text);
        var bare = await p.Bot.EditMessageAsync(start.Chat, menu.Id, "No buttons");
        Assert.Null(bare.Buttons);
        Assert.Null((await p.AliceGetsAsync("No buttons")).Buttons);
        var fetched = await p.Alice.GetMessagesWithIdsAsync(p.BotAtAlice, [first.Id]).ToListAsync();
        Assert.Null(Assert.Single(fetched).Buttons);
    }

    [Fact]
    public async Task An_inline_query_is_answered_by_the_bot_in_pages_and_a_result_is_sent_via_the_bot()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await SignInAsync(server);
        var queries = new ConcurrentQueue<InlineQuery>();
        p.Bot.On<InlineQuery>(async e =>
        {
            queries.Enqueue(e);
            if (e.Offset.Length == 0)
            {
                await e.AnswerAsync(
                [
                    new InlineArticle("Hello", Text: $"Hello, {e.Text}!") { Description = "says hello" },
                    new InlineArticle("Bold hello", Markdown: $"**Hello**, {e.Text}!") { Buttons = [[new Url("Site", "https://example.org")]] },
                ], nextOffset: "2");
            }
            else
            {
                await e.AnswerAsync([new InlineArticle("Bye", Text: "Bye!") { Id = "bye" }]);
            }
        });

        var results = await p.Alice.InlineQueryAsync("@echo_bot", "world", chat: "me").ToListAsync();
        Assert.Equal(["Hello", "Bold hello", "Bye"], results.Select(r => r.Title));
        Assert.Equal(["0", "1", "bye"], results.Select(r => r.Id));
        Assert.All(results, r => Assert.Equal("article", r.Type));
        Assert.Equal("says hello", results[0].Description);
        Assert.Equal(["", "2"], queries.Select(q => q.Offset));
        var aliceId = (await p.Alice.GetMeAsync())!.Id;
        Assert.All(queries, q => Assert.Equal(("world", aliceId), (q.Text, q.Sender.Id)));

        // Sent to the chat named with the query (Saved Messages), via the bot, with the result's text and buttons.
        var sent = await results[1].SendAsync();
        var raw = Assert.IsType<TlTypes.Message>(sent.Raw);
        Assert.Equal(p.BotAtAlice.Id, raw.ViaBotId);
        Assert.Equal("Hello, world!", sent.Text);
        Assert.Equal("https://example.org", Assert.IsType<Url>(sent.Buttons![0][0]).Link);
        var saved = await p.Alice.GetMessagesAsync("me", limit: 1).ToListAsync();
        Assert.Equal((sent.Id, "Hello, world!"), (saved[0].Id, saved[0].Text));
    }

    [Fact]
    public async Task A_user_cannot_send_buttons_and_a_result_needs_a_chat()
    {
        await using var server = await EndToEndServer.StartAsync();
        var p = await SignInAsync(server);
        p.Bot.On<InlineQuery>(e => e.AnswerAsync([new InlineArticle("A", Text: "a")]));

        // Telegram drops the markup of a message a user sends: only bots send buttons.
        var sent = await p.Alice.SendMessageAsync(p.BotAtAlice, "with buttons?", buttons: [[new Callback("x")]]);
        var atBot = await p.BotGetsAsync("with buttons?");
        Assert.Null(atBot.Message.Buttons);

        var result = Assert.Single(await p.Alice.InlineQueryAsync(p.BotAtAlice, "q").ToListAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => result.SendAsync());
    }
}
