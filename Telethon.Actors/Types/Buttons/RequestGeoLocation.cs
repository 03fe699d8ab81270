using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model.Buttons;

/// <summary>A keyboard button that asks the user to share their current location (Telethon's
/// <c>buttons.RequestGeoLocation</c>). It works in private chats only; it cannot be clicked from code.</summary>
public sealed class RequestGeoLocation : Button
{
    /// <summary>Creates the button.</summary>
    /// <param name="text">The button's text.</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public RequestGeoLocation(string text)
        : base(new TlTypes.KeyboardButtonRequestGeoLocation { Text = RequireText(text) }, text, null)
    {
    }

    private RequestGeoLocation(TlTypes.KeyboardButtonRequestGeoLocation raw, Message? message)
        : base(raw, raw.Text, message)
    {
    }

    /// <summary>The button of a received keyboard.</summary>
    internal static RequestGeoLocation FromTl(TlTypes.KeyboardButtonRequestGeoLocation raw, Message? message) => new(raw, message);
}
