using Telethon.Model.Buttons;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>Converts keyboards to Telegram's reply markup (replyInlineMarkup, replyKeyboardMarkup, replyKeyboardHide,
/// replyKeyboardForceReply) and back.</summary>
internal static class KeyboardConversion
{
    /// <summary>The reply markup that sends <paramref name="keyboard"/>; null for no keyboard or an empty one.</summary>
    public static TlAbcs.ReplyMarkup? ToTl(Keyboard? keyboard)
    {
        if (keyboard is null)
            return null;
        switch (keyboard.Kind)
        {
            case KeyboardKind.Hide:
                return new TlTypes.ReplyKeyboardHide { Selective = keyboard.Selective };
            case KeyboardKind.ForceReply:
                return new TlTypes.ReplyKeyboardForceReply
                {
                    SingleUse = keyboard.SingleUse,
                    Selective = keyboard.Selective,
                    Placeholder = keyboard.Placeholder,
                };
        }
        if (keyboard.Count == 0)
            return null;
        var rows = new TlAbcs.KeyboardButtonRow[keyboard.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = keyboard[i];
            var buttons = new TlAbcs.KeyboardButton[row.Count];
            for (var j = 0; j < buttons.Length; j++)
                buttons[j] = row[j].Raw;
            rows[i] = new TlTypes.KeyboardButtonRow { Buttons = buttons };
        }
        return keyboard.Kind == KeyboardKind.Inline
            ? new TlTypes.ReplyInlineMarkup { Rows = rows }
            : new TlTypes.ReplyKeyboardMarkup
            {
                Resize = keyboard.Resize,
                SingleUse = keyboard.SingleUse,
                Selective = keyboard.Selective,
                Persistent = keyboard.Persistent,
                Rows = rows,
                Placeholder = keyboard.Placeholder,
            };
    }

    /// <summary>The keyboard of a reply markup, its buttons bound to <paramref name="message"/> (to click them).</summary>
    public static Keyboard FromTl(TlAbcs.ReplyMarkup markup, Message? message) => markup switch
    {
        TlTypes.ReplyInlineMarkup m => Keyboard.Received(KeyboardKind.Inline, Rows(m.Rows, message), false, false, false, false, null),
        TlTypes.ReplyKeyboardMarkup m =>
            Keyboard.Received(KeyboardKind.Reply, Rows(m.Rows, message), m.Resize, m.SingleUse, m.Selective, m.Persistent, m.Placeholder),
        TlTypes.ReplyKeyboardHide m => Keyboard.Received(KeyboardKind.Hide, [], false, false, m.Selective, false, null),
        TlTypes.ReplyKeyboardForceReply m =>
            Keyboard.Received(KeyboardKind.ForceReply, [], false, m.SingleUse, m.Selective, false, m.Placeholder),
        _ => throw new ArgumentException($"Unknown reply markup {markup.TlName}.", nameof(markup)),
    };

    /// <summary>The button of a TL keyboard button: the modelled kinds by kind, the others by whether they are inline.</summary>
    public static Button ButtonOf(TlAbcs.KeyboardButton raw, Message? message) => raw switch
    {
        TlTypes.KeyboardButtonCallback b => Callback.FromTl(b, message),
        TlTypes.KeyboardButton b => Text.FromTl(b, message),
        TlTypes.KeyboardButtonUrl b => Url.FromTl(b, message),
        TlTypes.KeyboardButtonSwitchInline b => SwitchInline.FromTl(b, message),
        TlTypes.KeyboardButtonRequestPhone b => RequestPhone.FromTl(b, message),
        TlTypes.KeyboardButtonRequestGeoLocation b => RequestGeoLocation.FromTl(b, message),
        TlTypes.KeyboardButtonRequestPoll b => RequestPoll.FromTl(b, message),
        // Shown under the message: games, payments, login URLs, web apps, copy buttons.
        TlTypes.KeyboardButtonGame b => new OtherInlineButton(raw, b.Text, message),
        TlTypes.KeyboardButtonBuy b => new OtherInlineButton(raw, b.Text, message),
        TlTypes.KeyboardButtonUrlAuth b => new OtherInlineButton(raw, b.Text, message),
        TlTypes.InputKeyboardButtonUrlAuth b => new OtherInlineButton(raw, b.Text, message),
        TlTypes.KeyboardButtonWebView b => new OtherInlineButton(raw, b.Text, message),
        TlTypes.KeyboardButtonCopy b => new OtherInlineButton(raw, b.Text, message),
        // Replacing the user's keyboard (or either, for profiles): user profiles, simple web apps, peer requests.
        TlTypes.KeyboardButtonUserProfile b => new OtherButton(raw, b.Text, message),
        TlTypes.InputKeyboardButtonUserProfile b => new OtherButton(raw, b.Text, message),
        TlTypes.KeyboardButtonSimpleWebView b => new OtherButton(raw, b.Text, message),
        TlTypes.KeyboardButtonRequestPeer b => new OtherButton(raw, b.Text, message),
        TlTypes.InputKeyboardButtonRequestPeer b => new OtherButton(raw, b.Text, message),
        _ => new OtherButton(raw, "", message),
    };

    private static IReadOnlyList<Button>[] Rows(TlAbcs.KeyboardButtonRow[] rows, Message? message)
    {
        var result = new IReadOnlyList<Button>[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var raw = ((TlTypes.KeyboardButtonRow)rows[i]).Buttons;
            var buttons = new Button[raw.Length];
            for (var j = 0; j < buttons.Length; j++)
                buttons[j] = ButtonOf(raw[j], message);
            result[i] = Array.AsReadOnly(buttons);
        }
        return result;
    }
}
