using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model.Buttons;

/// <summary>An inline button that opens a URL (Telethon's <c>buttons.Url</c>).</summary>
public sealed class Url : InlineButton
{
    /// <summary>Creates the button.</summary>
    /// <param name="text">The button's text.</param>
    /// <param name="url">The URL to open (http, https or tg links).</param>
    /// <exception cref="ArgumentException">The text or the URL is empty.</exception>
    public Url(string text, string url)
        : base(new TlTypes.KeyboardButtonUrl { Text = RequireText(text), Url = RequireText(url, nameof(url)) }, text, null)
    {
    }

    private Url(TlTypes.KeyboardButtonUrl raw, Message? message)
        : base(raw, raw.Text, message)
    {
    }

    /// <summary>The URL the button opens.</summary>
    public string Link => ((TlTypes.KeyboardButtonUrl)Raw).Url;

    /// <summary>The button of a received keyboard.</summary>
    internal static Url FromTl(TlTypes.KeyboardButtonUrl raw, Message? message) => new(raw, message);
}
