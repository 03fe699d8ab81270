using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>A bot's answer to a click on a <see cref="Buttons.Callback"/> button (Telethon's <c>CallbackAnswer</c>),
/// what <see cref="Buttons.Callback.ClickAsync"/> returns.</summary>
public sealed record CallbackAnswer
{
    internal CallbackAnswer(TlTypes.Messages.BotCallbackAnswer raw)
    {
        Text = raw.Message;
        Url = raw.Url;
        Alert = raw.Alert;
        CacheTime = TimeSpan.FromSeconds(raw.CacheTime);
    }

    /// <summary>The answer's text, usually shown as a toast; null when the bot answered without one.</summary>
    public string? Text { get; }

    /// <summary>A URL the user's client opens (a game's, or a t.me link to the bot with a start parameter); null when none.</summary>
    public string? Url { get; }

    /// <summary>Whether the text is shown as an alert the user must dismiss, rather than a toast.</summary>
    public bool Alert { get; }

    /// <summary>How long the user's client may keep the answer for the same button.</summary>
    public TimeSpan CacheTime { get; }
}
