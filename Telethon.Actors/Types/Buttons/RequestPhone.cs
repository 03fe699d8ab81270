using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model.Buttons;

/// <summary>A keyboard button that asks the user to share their phone number as a contact (Telethon's
/// <c>buttons.RequestPhone</c>). It works in private chats only; it cannot be clicked from code.</summary>
public sealed class RequestPhone : Button
{
    /// <summary>Creates the button.</summary>
    /// <param name="text">The button's text.</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public RequestPhone(string text)
        : base(new TlTypes.KeyboardButtonRequestPhone { Text = RequireText(text) }, text, null)
    {
    }

    private RequestPhone(TlTypes.KeyboardButtonRequestPhone raw, Message? message)
        : base(raw, raw.Text, message)
    {
    }

    /// <summary>The button of a received keyboard.</summary>
    internal static RequestPhone FromTl(TlTypes.KeyboardButtonRequestPhone raw, Message? message) => new(raw, message);
}
