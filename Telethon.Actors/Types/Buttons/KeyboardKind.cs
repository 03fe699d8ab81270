namespace Telethon.Model;

/// <summary>What a <see cref="Keyboard"/> does to the chat (Telegram's kinds of reply markup).</summary>
public enum KeyboardKind
{
    /// <summary>Buttons under the message (replyInlineMarkup): every button is an <see cref="InlineButton"/>.</summary>
    Inline,

    /// <summary>Buttons that replace the user's keyboard (replyKeyboardMarkup): no button is an <see cref="InlineButton"/>.</summary>
    Reply,

    /// <summary>Hides the keyboard buttons a previous message showed (replyKeyboardHide).</summary>
    Hide,

    /// <summary>Opens a reply to the message in the user's client, as if they had chosen "reply" (replyKeyboardForceReply).</summary>
    ForceReply,
}
