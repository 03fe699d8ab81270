using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Model.Buttons;

/// <summary>An inline button of a kind this library does not model (a game, a payment, a login URL, a web app, a copy
/// button...): only its text is known, and it is sent back as it came.</summary>
internal sealed class OtherInlineButton : InlineButton
{
    public OtherInlineButton(TlAbcs.KeyboardButton raw, string text, Message? message)
        : base(raw, text, message)
    {
    }
}
