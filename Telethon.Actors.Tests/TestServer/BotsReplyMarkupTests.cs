using Telethon.TestServer.World;
using Telethon.Tl.Abcs;
using M = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.Tests.TestServer;

/// <summary>reply_markup kept on messages: who may send which keyboard, what every viewer sees, and edits.</summary>
public sealed class BotsReplyMarkupTests
{
    private static T.Message Latest(WorldHarness h, TestSession viewer, InputPeer peer) => h.Call(viewer, new M.GetHistory { Peer = peer, Limit = 1 }) switch
    {
        T.Messages.Messages all => Assert.IsType<T.Message>(all.MessagesValue[0]),
        T.Messages.MessagesSlice slice => Assert.IsType<T.Message>(slice.Messages[0]),
        var other => throw new InvalidOperationException(other.TlName),
    };

    private static KeyboardButtonRow Row(params KeyboardButton[] buttons) => new T.KeyboardButtonRow { Buttons = buttons };

    [Fact]
    public void ABotsReplyKeyboardsAreKeptAsSentAndShownInHistoryAndGetMessages()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        ReplyMarkup[] keyboards =
        [
            new T.ReplyKeyboardMarkup
            {
                Resize = true,
                SingleUse = true,
                Placeholder = "choose",
                Rows =
                [
                    Row(new T.KeyboardButton { Text = "Plain" }, new T.KeyboardButtonRequestPhone { Text = "Phone" }),
                    Row(new T.KeyboardButtonRequestGeoLocation { Text = "Where" }, new T.KeyboardButtonRequestPoll { Text = "Poll", Quiz = true }),
                ],
            },
            new T.ReplyKeyboardHide { Selective = true },
            new T.ReplyKeyboardForceReply { SingleUse = true, Placeholder = "answer me" },
            new T.ReplyInlineMarkup
            {
                Rows =
                [
                    Row(new T.KeyboardButtonCallback { Text = "Go", Data = [1, 2, 3] }, new T.KeyboardButtonUrl { Text = "Site", Url = "https://example.org" }),
                    Row(new T.KeyboardButtonSwitchInline { Text = "Share", Query = "q", SamePeer = true }),
                ],
            },
        ];
        var randomId = 100;
        foreach (var keyboard in keyboards)
        {
            var sent = Assert.IsType<T.UpdatesConstructor>(
                h.Call(bot, new M.SendMessage { Peer = h.PeerUser(bot, alice.UserId), Message = keyboard.TlName, RandomId = ++randomId, ReplyMarkup = keyboard }));
            var own = Assert.IsType<T.Message>(sent.Updates.OfType<T.UpdateNewMessage>().Single().Message);
            Assert.Equal(keyboard.ToBytes(), own.ReplyMarkup!.ToBytes());
            var pushed = Assert.IsType<T.Message>(alice.Pushed<T.UpdateNewMessage>().Last().Message);
            Assert.Equal(keyboard.ToBytes(), pushed.ReplyMarkup!.ToBytes());
            var inHistory = Latest(h, alice, h.PeerUser(alice, bot.UserId));
            Assert.Equal(keyboard.TlName, inHistory.MessageValue);
            Assert.Equal(keyboard.ToBytes(), inHistory.ReplyMarkup!.ToBytes());
            var byId = Assert.IsType<T.Messages.Messages>(h.Call(alice, new M.GetMessages { Id = [new T.InputMessageID { Id = inHistory.Id }] }));
            Assert.Equal(keyboard.ToBytes(), Assert.IsType<T.Message>(Assert.Single(byId.MessagesValue)).ReplyMarkup!.ToBytes());
            // The bot's own copy has it too.
            var botCopy = Assert.IsType<T.Messages.Messages>(h.Call(bot, new M.GetMessages { Id = [new T.InputMessageID { Id = own.Id }] }));
            Assert.Equal(keyboard.ToBytes(), Assert.IsType<T.Message>(Assert.Single(botCopy.MessagesValue)).ReplyMarkup!.ToBytes());
        }
        h.AssertClean();
    }

    [Fact]
    public void AMediaMessageKeepsABotsKeyboardAndIgnoresAUsers()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        T.InputMediaUploadedDocument Upload(TestSession who, long fileId)
        {
            Assert.True(h.Call(who, new Telethon.Tl.Functions.Upload.SaveFilePart { FileId = fileId, FilePart = 0, Bytes = "hello file"u8.ToArray() }));
            return new T.InputMediaUploadedDocument
            {
                File = new T.InputFile { Id = fileId, Parts = 1, Name = "hello.txt", Md5Checksum = "" },
                MimeType = "text/plain",
                Attributes = [],
            };
        }

        var keyboard = BotsHarness.Callbacks(("Open", "open"));
        var sent = Assert.IsType<T.UpdatesConstructor>(h.Call(bot, new M.SendMedia
        {
            Peer = h.PeerUser(bot, alice.UserId), Media = Upload(bot, 1), Message = "a file", RandomId = 1, ReplyMarkup = keyboard,
        }));
        Assert.Equal(keyboard.ToBytes(), Assert.IsType<T.Message>(sent.Updates.OfType<T.UpdateNewMessage>().Single().Message).ReplyMarkup!.ToBytes());
        var seen = Latest(h, alice, h.PeerUser(alice, bot.UserId));
        Assert.NotNull(seen.Media);
        Assert.Equal(keyboard.ToBytes(), seen.ReplyMarkup!.ToBytes());

        var fromAlice = Assert.IsType<T.UpdatesConstructor>(h.Call(alice, new M.SendMedia
        {
            Peer = h.PeerUser(alice, bot.UserId), Media = Upload(alice, 2), Message = "mine", RandomId = 2, ReplyMarkup = keyboard,
        }));
        Assert.Null(Assert.IsType<T.Message>(fromAlice.Updates.OfType<T.UpdateNewMessage>().Single().Message).ReplyMarkup);
        h.AssertClean();
    }

    [Fact]
    public void AUsersReplyMarkupIsIgnoredAsTelegramDoes()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bob = h.Login("9996622222", "Bob");
        var sent = h.Call(alice, new M.SendMessage
        {
            Peer = h.PeerUser(alice, bob.UserId),
            Message = "no buttons for users",
            RandomId = 1,
            ReplyMarkup = BotsHarness.Callbacks(("x", "x")),
        });
        Assert.IsType<T.UpdateShortSentMessage>(sent);
        Assert.IsType<T.UpdateShortMessage>(Assert.Single(bob.Sink.Pushes));
        Assert.Null(Latest(h, bob, h.PeerUser(bob, alice.UserId)).ReplyMarkup);
        h.AssertClean();
    }

    [Fact]
    public void KeyboardsBreakingTelegramsRulesAreRefused()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        var randomId = 0L;
        string Refusal(ReplyMarkup markup) => h.Fail(bot, new M.SendMessage { Peer = h.PeerUser(bot, alice.UserId), Message = "x", RandomId = ++randomId, ReplyMarkup = markup }).RawMessage;

        Assert.Equal("BUTTON_TYPE_INVALID", Refusal(new T.ReplyInlineMarkup { Rows = [Row(new T.KeyboardButtonRequestPhone { Text = "Phone" })] }));
        Assert.Equal("BUTTON_TYPE_INVALID", Refusal(new T.ReplyKeyboardMarkup { Rows = [Row(new T.KeyboardButtonCallback { Text = "Go", Data = [1] })] }));
        Assert.Equal("BUTTON_DATA_INVALID", Refusal(new T.ReplyInlineMarkup { Rows = [Row(new T.KeyboardButtonCallback { Text = "Go", Data = new byte[65] })] }));
        Assert.Equal("BUTTON_DATA_INVALID", Refusal(new T.ReplyInlineMarkup { Rows = [Row(new T.KeyboardButtonCallback { Text = "Go", Data = [] })] }));
        Assert.Equal("BUTTON_URL_INVALID", Refusal(new T.ReplyInlineMarkup { Rows = [Row(new T.KeyboardButtonUrl { Text = "Site", Url = "javascript:alert(1)" })] }));
        Assert.Equal("BUTTON_TEXT_INVALID", Refusal(new T.ReplyInlineMarkup { Rows = [Row(new T.KeyboardButtonCallback { Text = " ", Data = [1] })] }));
        Assert.Equal("REPLY_MARKUP_TOO_LONG", Refusal(new T.ReplyInlineMarkup
        {
            Rows = [.. Enumerable.Range(0, 11).Select(r => Row([.. Enumerable.Range(0, 10).Select(i => (KeyboardButton)new T.KeyboardButtonCallback { Text = "b", Data = [(byte)r, (byte)i] })]))],
        }));
        // Nothing was stored.
        Assert.Empty(alice.Sink.Pushes);
        h.AssertClean();
    }

    [Fact]
    public void ABotsKeyboardInASmallGroupComesInFullUpdates()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bob = h.Login("9996622222", "Bob");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        var chatId = h.World.CreateChat(alice.UserId, "Team", [bob.UserId, bot.UserId]);
        alice.Sink.Clear();
        bob.Sink.Clear();
        h.Call(bot, new M.SendMessage { Peer = new T.InputPeerChat { ChatId = chatId }, Message = "menu", RandomId = 9, ReplyMarkup = BotsHarness.Callbacks(("A", "a")) });
        foreach (var member in new[] { alice, bob })
        {
            var container = Assert.IsType<T.UpdatesConstructor>(Assert.Single(member.Sink.Pushes));
            var message = Assert.IsType<T.Message>(Assert.IsType<T.UpdateNewMessage>(Assert.Single(container.Updates)).Message);
            Assert.IsType<T.ReplyInlineMarkup>(message.ReplyMarkup);
            Assert.Contains(container.Users, u => u is T.User { Id: var id } && id == bot.UserId);
        }
        h.AssertClean();
    }

    [Fact]
    public async Task ABotsEditChangesOrRemovesTheKeyboardForEveryViewer()
    {
        var h = new WorldHarness();
        var alice = h.Login("9996621111", "Alice");
        var bot = h.LoginBot("7000001:tok", "Menu", "menu_bot");
        var sent = Assert.IsType<T.UpdatesConstructor>(h.Call(bot, new M.SendMessage
        {
            Peer = h.PeerUser(bot, alice.UserId), Message = "Step 1", RandomId = 1, ReplyMarkup = BotsHarness.Callbacks(("Next", "next")),
        }));
        var botId = Assert.IsType<T.Message>(sent.Updates.OfType<T.UpdateNewMessage>().Single().Message).Id;
        var alicePeer = h.PeerUser(bot, alice.UserId);
        var botPeer = h.PeerUser(alice, bot.UserId);

        // Only the keyboard: the text stays.
        var step2 = BotsHarness.Callbacks(("Back", "back"), ("Done", "done"));
        h.Call(bot, new M.EditMessage { Peer = alicePeer, Id = botId, ReplyMarkup = step2 });
        var edited = Assert.IsType<T.Message>(alice.Pushed<T.UpdateEditMessage>().Last().Message);
        Assert.Equal("Step 1", edited.MessageValue);
        Assert.Equal(step2.ToBytes(), edited.ReplyMarkup!.ToBytes());
        Assert.Equal(step2.ToBytes(), Latest(h, alice, botPeer).ReplyMarkup!.ToBytes());
        Assert.Equal("DATA_INVALID", h.Fail(alice, new M.GetBotCallbackAnswer { Peer = botPeer, MsgId = edited.Id, Data = "next"u8.ToArray() }).RawMessage);
        var pending = h.Start(alice, new M.GetBotCallbackAnswer { Peer = botPeer, MsgId = edited.Id, Data = "done"u8.ToArray() });
        h.Call(bot, new M.SetBotCallbackAnswer { QueryId = bot.Pushed<T.UpdateBotCallbackQuery>().Single().QueryId, CacheTime = 0 });
        Assert.False((await pending.WaitAsync(TimeSpan.FromSeconds(5))).IsError);

        // The same keyboard and text again: nothing to change.
        Assert.Equal("MESSAGE_NOT_MODIFIED", h.Fail(bot, new M.EditMessage { Peer = alicePeer, Id = botId, ReplyMarkup = step2 }).RawMessage);
        // A reply keyboard cannot come with an edit.
        Assert.Equal("REPLY_MARKUP_INVALID", h.Fail(bot, new M.EditMessage { Peer = alicePeer, Id = botId, Message = "x", ReplyMarkup = new T.ReplyKeyboardHide() }).RawMessage);

        // New text without reply_markup: the keyboard goes.
        h.Call(bot, new M.EditMessage { Peer = alicePeer, Id = botId, Message = "Finished" });
        var final = Assert.IsType<T.Message>(alice.Pushed<T.UpdateEditMessage>().Last().Message);
        Assert.Equal("Finished", final.MessageValue);
        Assert.Null(final.ReplyMarkup);
        Assert.Null(Latest(h, alice, botPeer).ReplyMarkup);
        Assert.Equal("MESSAGE_NOT_MODIFIED", h.Fail(bot, new M.EditMessage { Peer = alicePeer, Id = botId }).RawMessage);
        h.AssertClean();
    }
}
