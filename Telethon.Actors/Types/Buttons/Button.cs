using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Model;

/// <summary>
/// A button of a keyboard (Telethon's <c>Button</c>): the kinds are in <see cref="Buttons"/> (<see cref="Buttons.Callback"/>,
/// <see cref="Buttons.Text"/>, <see cref="Buttons.Url"/>...). Buttons that are an <see cref="InlineButton"/> show under
/// their message; the others replace the user's keyboard. Buttons are immutable. Only the buttons of a message received
/// from Telegram (<see cref="Message.Buttons"/>) can be clicked: clicking one made by hand throws.
/// </summary>
public abstract class Button
{
    private protected Button(TlAbcs.KeyboardButton raw, string text, Message? message)
    {
        ArgumentNullException.ThrowIfNull(text);
        Raw = raw;
        Text = text;
        Message = message;
    }

    /// <summary>The button's text, as the user sees it.</summary>
    public string Text { get; }

    /// <summary>The button as Telegram knows it (what is sent, or what was received).</summary>
    internal TlAbcs.KeyboardButton Raw { get; }

    /// <summary>The message the button came with; null for buttons made by hand.</summary>
    internal Message? Message { get; }

    /// <summary>The message the button came with, to click it.</summary>
    /// <exception cref="InvalidOperationException">The button was made by hand, not received with a message.</exception>
    private protected Message ClickedMessage => Message ?? throw new InvalidOperationException(
        "Only the buttons of a message received from Telegram can be clicked, not buttons made by hand.");

    /// <summary>A button's text, checked: Telegram refuses buttons without text.</summary>
    private protected static string RequireText(string text, string paramName = "text")
    {
        ArgumentNullException.ThrowIfNull(text, paramName);
        if (text.Length == 0)
            throw new ArgumentException("A button needs a text.", paramName);
        return text;
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name}(\"{Text}\")";
}
