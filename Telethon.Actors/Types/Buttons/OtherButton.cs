using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Model.Buttons;

/// <summary>A keyboard button of a kind this library does not model (a user profile, a peer request, a simple web
/// app...): only its text is known, and it is sent back as it came.</summary>
internal sealed class OtherButton : Button
{
    public OtherButton(TlAbcs.KeyboardButton raw, string text, Message? message)
        : base(raw, text, message)
    {
    }
}
