using Telethon.Model;

namespace Telethon.Samples.MenuBot;

/// <summary>One page of the bot's menu: the text of the message and its inline buttons.</summary>
/// <param name="Text">The message's text.</param>
/// <param name="Buttons">The buttons under it.</param>
public sealed record MenuPage(string Text, Keyboard Buttons);
