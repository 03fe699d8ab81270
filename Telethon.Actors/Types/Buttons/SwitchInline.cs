using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model.Buttons;

/// <summary>
/// An inline button that switches the user to inline mode with the bot (Telethon's <c>buttons.SwitchInline</c>): the
/// user's input starts with the bot's username and <see cref="Query"/>, and the bot gets <see cref="Events.InlineQuery"/>
/// events as the user types.
/// </summary>
public sealed class SwitchInline : InlineButton
{
    /// <summary>Creates the button.</summary>
    /// <param name="text">The button's text.</param>
    /// <param name="query">The query put in the user's input (may be empty).</param>
    /// <param name="samePeer">Whether the query is typed in the same chat, rather than one the user picks.</param>
    /// <exception cref="ArgumentException">The text is empty.</exception>
    public SwitchInline(string text, string query = "", bool samePeer = false)
        : base(new TlTypes.KeyboardButtonSwitchInline
        {
            Text = RequireText(text),
            Query = query ?? throw new ArgumentNullException(nameof(query)),
            SamePeer = samePeer,
        }, text, null)
    {
    }

    private SwitchInline(TlTypes.KeyboardButtonSwitchInline raw, Message? message)
        : base(raw, raw.Text, message)
    {
    }

    /// <summary>The query put in the user's input.</summary>
    public string Query => ((TlTypes.KeyboardButtonSwitchInline)Raw).Query;

    /// <summary>Whether the query is typed in the same chat, rather than one the user picks.</summary>
    public bool SamePeer => ((TlTypes.KeyboardButtonSwitchInline)Raw).SamePeer;

    /// <summary>The button of a received keyboard.</summary>
    internal static SwitchInline FromTl(TlTypes.KeyboardButtonSwitchInline raw, Message? message) => new(raw, message);
}
