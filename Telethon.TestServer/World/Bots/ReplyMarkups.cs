using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// Telegram's rules for the keyboards (reply_markup) bots attach to messages: what a keyboard may hold, and the
/// callback buttons messages.getBotCallbackAnswer looks for. Pure functions: safe under any lock.
/// </summary>
internal static class ReplyMarkups
{
    /// <summary>The most buttons one keyboard holds (REPLY_MARKUP_TOO_LONG beyond).</summary>
    public const int MaxButtons = 100;

    /// <summary>The longest callback data, in bytes (BUTTON_DATA_INVALID beyond, as for an empty one).</summary>
    public const int MaxCallbackData = 64;

    /// <summary>
    /// A keyboard a bot sends, checked and kept as sent: an inline keyboard holds only inline buttons (callback, url,
    /// switch inline, game, buy, url auth, web view, user profile, copy), a reply keyboard only reply buttons (text,
    /// request phone, location, poll, peer, web view); hide and force reply are kept as they are.
    /// </summary>
    /// <exception cref="RpcError">BUTTON_TYPE_INVALID, BUTTON_DATA_INVALID, BUTTON_URL_INVALID, BUTTON_TEXT_INVALID, REPLY_MARKUP_TOO_LONG.</exception>
    public static ReplyMarkup? Check(ReplyMarkup? markup)
    {
        switch (markup)
        {
            case null or T.ReplyKeyboardHide or T.ReplyKeyboardForceReply:
                return markup;
            case T.ReplyInlineMarkup inline:
                CheckRows(inline.Rows, inline: true);
                return markup;
            case T.ReplyKeyboardMarkup keyboard:
                if (keyboard.Rows is not { Length: > 0 })
                    throw WorldErrors.Bad("REPLY_MARKUP_INVALID");
                CheckRows(keyboard.Rows, inline: false);
                return markup;
            default:
                throw WorldErrors.Bad("REPLY_MARKUP_INVALID");
        }
    }

    /// <summary>The keyboard of an edit (or of an inline result's message): only an inline keyboard, or none.</summary>
    /// <exception cref="RpcError">REPLY_MARKUP_INVALID for a reply keyboard, or what <see cref="Check"/> throws.</exception>
    public static T.ReplyInlineMarkup? CheckInline(ReplyMarkup? markup) => markup switch
    {
        null => null,
        T.ReplyInlineMarkup inline => (T.ReplyInlineMarkup)Check(inline)!,
        _ => throw WorldErrors.Bad("REPLY_MARKUP_INVALID"),
    };

    /// <summary>Whether two keyboards serialize the same (none equals none).</summary>
    public static bool Same(ReplyMarkup? a, ReplyMarkup? b) =>
        a is null || b is null ? a is null && b is null : a.ToBytes().AsSpan().SequenceEqual(b.ToBytes());

    /// <summary>Whether <paramref name="markup"/> is an inline keyboard with a callback button carrying exactly <paramref name="data"/>.</summary>
    public static bool HasCallback(ReplyMarkup? markup, ReadOnlySpan<byte> data)
    {
        if (markup is not T.ReplyInlineMarkup inline)
            return false;
        foreach (var row in inline.Rows ?? [])
        {
            if (row is not T.KeyboardButtonRow { Buttons: { } buttons })
                continue;
            foreach (var button in buttons)
            {
                if (button is T.KeyboardButtonCallback callback && data.SequenceEqual(callback.Data))
                    return true;
            }
        }
        return false;
    }

    private static void CheckRows(KeyboardButtonRow[]? rows, bool inline)
    {
        var count = 0;
        foreach (var row in rows ?? [])
        {
            if (row is not T.KeyboardButtonRow { Buttons: { } buttons })
                throw WorldErrors.Bad("REPLY_MARKUP_INVALID");
            foreach (var button in buttons)
            {
                if (++count > MaxButtons)
                    throw WorldErrors.Bad("REPLY_MARKUP_TOO_LONG");
                CheckButton(button, inline);
            }
        }
    }

    private static void CheckButton(KeyboardButton button, bool inline)
    {
        var (text, fitsInline, fitsReply) = button switch
        {
            T.KeyboardButtonCallback b => (b.Text, true, false),
            T.KeyboardButtonUrl b => (b.Text, true, false),
            T.KeyboardButtonSwitchInline b => (b.Text, true, false),
            T.KeyboardButtonGame b => (b.Text, true, false),
            T.KeyboardButtonBuy b => (b.Text, true, false),
            T.KeyboardButtonUrlAuth b => (b.Text, true, false),
            T.KeyboardButtonUserProfile b => (b.Text, true, false),
            T.KeyboardButtonCopy b => (b.Text, true, false),
            T.KeyboardButtonWebView b => (b.Text, true, true),
            T.KeyboardButtonSimpleWebView b => (b.Text, false, true),
            T.KeyboardButton b => (b.Text, false, true),
            T.KeyboardButtonRequestPhone b => (b.Text, false, true),
            T.KeyboardButtonRequestGeoLocation b => (b.Text, false, true),
            T.KeyboardButtonRequestPoll b => (b.Text, false, true),
            T.KeyboardButtonRequestPeer b => (b.Text, false, true),
            // The input forms (inputKeyboardButtonUrlAuth, inputKeyboardButtonUserProfile, ...) need resolving first.
            _ => throw WorldErrors.Bad("BUTTON_TYPE_INVALID"),
        };
        if (inline ? !fitsInline : !fitsReply)
            throw WorldErrors.Bad("BUTTON_TYPE_INVALID");
        if (string.IsNullOrWhiteSpace(text))
            throw WorldErrors.Bad("BUTTON_TEXT_INVALID");
        switch (button)
        {
            case T.KeyboardButtonCallback { Data: var data } when data is null || data.Length is 0 or > MaxCallbackData:
                throw WorldErrors.Bad("BUTTON_DATA_INVALID");
            case T.KeyboardButtonUrl { Url: var url } when !IsButtonUrl(url):
                throw WorldErrors.Bad("BUTTON_URL_INVALID");
        }
    }

    private static bool IsButtonUrl(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "tg" or "ton";
}
