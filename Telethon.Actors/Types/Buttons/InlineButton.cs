using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Model;

/// <summary>
/// A button shown under its message (Telethon's <c>InlineButton</c>): <see cref="Buttons.Callback"/>,
/// <see cref="Buttons.Url"/>, <see cref="Buttons.SwitchInline"/>, and the kinds Telegram has that this library does not
/// model (games, payments, web apps...). Test <c>button is InlineButton</c> to tell inline buttons from keyboard ones.
/// </summary>
public abstract class InlineButton : Button
{
    private protected InlineButton(TlAbcs.KeyboardButton raw, string text, Message? message)
        : base(raw, text, message)
    {
    }
}
