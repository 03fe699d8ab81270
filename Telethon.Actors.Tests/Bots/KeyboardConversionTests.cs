using System.Text;
using Telethon.Model;
using Telethon.Model.Buttons;
using Telethon.Tests.Events;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Bots;

/// <summary>
/// Keyboards become Telegram's reply markup byte for byte as the TL schema (layer 223) lays it out, written by hand in
/// <see cref="TlBytes"/>; markup read back gives the same buttons, and markup of kinds not modelled goes back unchanged.
/// </summary>
public sealed class KeyboardConversionTests
{
    // Constructor ids of the schema (../shared/tl/api.tl).
    private const uint ReplyInlineMarkup = 0x48a30254;
    private const uint ReplyKeyboardMarkup = 0x85dd99d1;
    private const uint ReplyKeyboardHide = 0xa03e5b85;
    private const uint ReplyKeyboardForceReply = 0x86b40b08;
    private const uint KeyboardButtonRow = 0x77608b83;
    private const uint KeyboardButton = 0x7d170cff;
    private const uint KeyboardButtonUrl = 0xd80c25ec;
    private const uint KeyboardButtonCallback = 0xe62bc960;
    private const uint KeyboardButtonRequestPhone = 0x417efd8f;
    private const uint KeyboardButtonRequestGeoLocation = 0xaa40f94d;
    private const uint KeyboardButtonSwitchInline = 0x991399fc;
    private const uint KeyboardButtonRequestPoll = 0x7a11d782;
    private const uint BoolTrue = 0x997275b5;

    private static TlAbcs.ReplyMarkup Read(byte[] bytes)
    {
        var reader = new Telethon.Tl.TlReader(bytes);
        return TlAbcs.ReplyMarkup.ReadBoxed(ref reader);
    }

    private static byte[] Bytes(Keyboard keyboard) => KeyboardConversion.ToTl(keyboard)!.ToBytes();

    [Fact]
    public void An_inline_keyboard_is_reply_inline_markup_with_its_rows_in_order()
    {
        Keyboard keyboard =
        [
            [new Callback("Yes", "y"u8), new Url("Site", "https://example.org")],
            [new SwitchInline("Share", "cats", samePeer: true)],
        ];
        var expected = new TlBytes()
            .Id(ReplyInlineMarkup).Vector(2)
            .Id(KeyboardButtonRow).Vector(2)
            .Id(KeyboardButtonCallback).Int(0).String("Yes").Bytes("y"u8.ToArray())
            .Id(KeyboardButtonUrl).Int(0).String("Site").String("https://example.org")
            .Id(KeyboardButtonRow).Vector(1)
            .Id(KeyboardButtonSwitchInline).Int(1).String("Share").String("cats")
            .ToArray();
        Assert.Equal(KeyboardKind.Inline, keyboard.Kind);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(Bytes(keyboard)));
    }

    [Fact]
    public void A_keyboard_of_keyboard_buttons_is_reply_keyboard_markup_with_its_options_as_flags()
    {
        var keyboard = new Keyboard([[new Text("One"), new RequestPhone("Phone")], [new RequestGeoLocation("Where"), new RequestPoll("Poll", quiz: true)]])
        {
            Resize = true,
            Selective = true,
            Placeholder = "choose",
        };
        // flags: resize (bit 0), selective (bit 2), placeholder (bit 3).
        var expected = new TlBytes()
            .Id(ReplyKeyboardMarkup).Int(0b1101).Vector(2)
            .Id(KeyboardButtonRow).Vector(2)
            .Id(KeyboardButton).Int(0).String("One")
            .Id(KeyboardButtonRequestPhone).Int(0).String("Phone")
            .Id(KeyboardButtonRow).Vector(2)
            .Id(KeyboardButtonRequestGeoLocation).Int(0).String("Where")
            .Id(KeyboardButtonRequestPoll).Int(1).Id(BoolTrue).String("Poll")
            .String("choose")
            .ToArray();
        Assert.Equal(KeyboardKind.Reply, keyboard.Kind);
        Assert.Equal(Convert.ToHexString(expected), Convert.ToHexString(Bytes(keyboard)));

        var persistent = new Keyboard([[new Text("A")]]) { SingleUse = true, Persistent = true };
        Assert.Equal(Convert.ToHexString(new TlBytes().Id(ReplyKeyboardMarkup).Int(0b10010).Vector(1)
            .Id(KeyboardButtonRow).Vector(1).Id(KeyboardButton).Int(0).String("A").ToArray()), Convert.ToHexString(Bytes(persistent)));
    }

    [Fact]
    public void Hiding_the_keyboard_and_forcing_a_reply_are_their_own_markups()
    {
        Assert.Equal(Convert.ToHexString(new TlBytes().Id(ReplyKeyboardHide).Int(0).ToArray()), Convert.ToHexString(Bytes(Keyboard.Hide())));
        Assert.Equal(Convert.ToHexString(new TlBytes().Id(ReplyKeyboardHide).Int(0b100).ToArray()),
            Convert.ToHexString(Bytes(Keyboard.Hide(selective: true))));
        // flags: single_use (bit 1), placeholder (bit 3).
        Assert.Equal(Convert.ToHexString(new TlBytes().Id(ReplyKeyboardForceReply).Int(0b1010).String("your name?").ToArray()),
            Convert.ToHexString(Bytes(Keyboard.ForceReply(singleUse: true, placeholder: "your name?"))));
        Assert.Equal(KeyboardKind.Hide, Keyboard.Hide().Kind);
        Assert.Empty(Keyboard.ForceReply());
    }

    [Fact]
    public void A_callback_buttons_data_defaults_to_its_text_and_text_data_is_utf8()
    {
        Assert.Equal("Oui"u8.ToArray(), new Callback("Oui").Data.ToArray());
        Assert.Equal(Encoding.UTF8.GetBytes("é:1"), new Callback("x", "é:1").Data.ToArray());
        Assert.Equal(new byte[] { 0, 255 }, new Callback("x", [0, 255]).Data.ToArray());
    }

    [Fact]
    public void No_buttons_send_no_markup_and_empty_rows_are_left_out()
    {
        Assert.Null(KeyboardConversion.ToTl(null));
        Keyboard empty = [];
        Assert.Null(KeyboardConversion.ToTl(empty));
        Keyboard gaps = [[], [new Callback("a")], []];
        Assert.Single(gaps);
        Assert.Equal("a", gaps[0][0].Text);
    }

    [Fact]
    public void Markup_read_back_gives_the_same_buttons_and_the_same_bytes()
    {
        Keyboard[] keyboards =
        [
            [[new Callback("Yes", "y"u8), new Url("Site", "https://example.org")], [new SwitchInline("Share", "cats")]],
            new Keyboard([[new Text("One")], [new RequestPhone("P"), new RequestGeoLocation("G"), new RequestPoll("Q", quiz: false)]])
            {
                Resize = true,
                SingleUse = true,
                Selective = true,
                Persistent = true,
                Placeholder = "ph",
            },
            Keyboard.Hide(selective: true),
            Keyboard.ForceReply(singleUse: true, selective: true, placeholder: "?"),
        ];
        foreach (var keyboard in keyboards)
        {
            var markup = KeyboardConversion.ToTl(keyboard)!;
            var back = KeyboardConversion.FromTl(Read(markup.ToBytes()), null);
            Assert.Equal((keyboard.Kind, keyboard.Resize, keyboard.SingleUse, keyboard.Selective, keyboard.Persistent, keyboard.Placeholder),
                (back.Kind, back.Resize, back.SingleUse, back.Selective, back.Persistent, back.Placeholder));
            Assert.Equal(keyboard.Select(r => r.Select(b => (b.GetType(), b.Text))), back.Select(r => r.Select(b => (b.GetType(), b.Text))));
            Assert.Equal(Convert.ToHexString(markup.ToBytes()), Convert.ToHexString(KeyboardConversion.ToTl(back)!.ToBytes()));
        }
        var read = KeyboardConversion.FromTl(KeyboardConversion.ToTl(keyboards[0])!, null);
        Assert.Equal("y"u8.ToArray(), Assert.IsType<Callback>(read[0][0]).Data.ToArray());
        Assert.Equal("https://example.org", Assert.IsType<Url>(read[0][1]).Link);
        Assert.Equal("cats", Assert.IsType<SwitchInline>(read[1][0]).Query);
        Assert.False(Assert.IsType<RequestPoll>(KeyboardConversion.FromTl(KeyboardConversion.ToTl(keyboards[1])!, null)[1][2]).Quiz);
    }

    [Fact]
    public void Buttons_of_kinds_not_modelled_keep_their_side_and_go_back_unchanged()
    {
        var markup = new TlTypes.ReplyInlineMarkup
        {
            Rows =
            [
                new TlTypes.KeyboardButtonRow
                {
                    Buttons =
                    [
                        new TlTypes.KeyboardButtonGame { Text = "Play" },
                        new TlTypes.KeyboardButtonCopy { Text = "Copy", CopyText = "code-42" },
                        new TlTypes.KeyboardButtonUrlAuth { Text = "Log in", Url = "https://example.org/login", ButtonId = 7 },
                    ],
                },
            ],
        };
        var keyboard = KeyboardConversion.FromTl(markup, null);
        Assert.All(keyboard[0], b => Assert.IsAssignableFrom<InlineButton>(b));
        Assert.Equal(["Play", "Copy", "Log in"], keyboard[0].Select(b => b.Text));
        Assert.Equal(Convert.ToHexString(markup.ToBytes()), Convert.ToHexString(KeyboardConversion.ToTl(keyboard)!.ToBytes()));

        var profile = KeyboardConversion.FromTl(new TlTypes.ReplyKeyboardMarkup
        {
            Rows = [new TlTypes.KeyboardButtonRow { Buttons = [new TlTypes.KeyboardButtonUserProfile { Text = "Ann", UserId = 7 }] }],
        }, null);
        Assert.IsNotAssignableFrom<InlineButton>(profile[0][0]);
        Assert.Equal(KeyboardKind.Reply, profile.Kind);
    }

    [Fact]
    public void Bad_keyboards_and_buttons_are_refused_with_a_clear_error()
    {
        var mixed = Assert.Throws<ArgumentException>(() => new Keyboard([[new Callback("a"), new Text("b")]]));
        Assert.Contains("not both", mixed.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new Keyboard([[new Callback("a")]]) { Resize = true });
        Assert.Throws<ArgumentException>(() => new Keyboard([[new Callback("a")]]) { Placeholder = "x" });
        Assert.Throws<ArgumentException>(() => new Keyboard([[new Text("a")]]) { Placeholder = new string('x', 65) });
        Assert.Throws<ArgumentException>(() => new Callback("a", new byte[65]));
        Assert.Throws<ArgumentException>(() => new Callback("a", ReadOnlySpan<byte>.Empty));
        Assert.Throws<ArgumentException>(() => new Callback(""));
        Assert.Throws<ArgumentException>(() => new Url("a", ""));
        Assert.Throws<ArgumentException>(() => new Keyboard([[new Text("a"), null!]]));
        // 64 bytes is Telegram's limit, and allowed.
        Assert.Equal(64, new Callback("a", new byte[64]).Data.Length);
    }

    [Fact]
    public async Task A_button_made_by_hand_cannot_be_clicked()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new Callback("a").ClickAsync());
        Assert.Contains("received from Telegram", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new Text("a").ClickAsync());
    }

    [Fact]
    public void Message_buttons_are_the_rows_of_its_markup_bound_to_it()
    {
        var raw = Tg.Message(5, "menu", Tg.UserPeer(7), Tg.UserPeer(7));
        raw.ReplyMarkup = KeyboardConversion.ToTl([[new Callback("A", "a"), new Callback("B", "b")], [new Url("U", "https://example.org")]]);
        var message = MessageOf(raw);
        var buttons = message.Buttons!;
        Assert.Equal([2, 1], buttons.Select(r => r.Count));
        Assert.All(buttons.AllButtons, b => Assert.Same(message, b.Message));
        Assert.Same(buttons, message.Buttons);

        // Hiding the keyboard or forcing a reply gives no buttons, as in Telethon; no markup neither.
        raw.ReplyMarkup = new TlTypes.ReplyKeyboardHide();
        Assert.Null(MessageOf(raw).Buttons);
        raw.ReplyMarkup = null;
        Assert.Null(MessageOf(raw).Buttons);
    }

    private static Message MessageOf(TlTypes.Message raw) =>
        new(raw, new User { Id = 7, AccessHash = 1 }, new User { Id = 7, AccessHash = 1 }, new FakeEventContext());
}
