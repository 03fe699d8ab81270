using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model.Buttons;

/// <summary>
/// A keyboard button with only a text (Telethon's <c>buttons.Text</c>): clicking it sends the text to the chat, as if
/// the user typed it (the bot cannot tell the two apart).
/// </summary>
public sealed class Text : Button
{
    /// <summary>Creates the button.</summary>
    /// <param name="text">The button's text, which a click sends.</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public Text(string text)
        : base(new TlTypes.KeyboardButton { Text = RequireText(text) }, text, null)
    {
    }

    private Text(TlTypes.KeyboardButton raw, Message? message)
        : base(raw, raw.Text, message)
    {
    }

    /// <summary>Clicks the button (Telethon's <c>click</c>): sends its text to the message's chat.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message sent.</returns>
    /// <exception cref="InvalidOperationException">The button was made by hand, not received with a message.</exception>
    public Task<Message> ClickAsync(CancellationToken cancellationToken = default) =>
        ClickedMessage.RespondAsync(Text, cancellationToken);

    /// <summary>The button of a received keyboard.</summary>
    internal static Text FromTl(TlTypes.KeyboardButton raw, Message? message) => new(raw, message);
}
