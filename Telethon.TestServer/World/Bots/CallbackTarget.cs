using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>The message a callback button was pressed on, as its author (the bot the query goes to) sees it.</summary>
/// <param name="AuthorId">Who sent the message.</param>
/// <param name="AuthorIsBot">Whether the author is a bot.</param>
/// <param name="AuthorMessageId">The message's id in the author's box (the channel's id for channel messages).</param>
/// <param name="AuthorDialog">The chat the message is in, as the author sees it.</param>
/// <param name="Markup">The message's keyboard, or null.</param>
/// <param name="ViaBotId">The inline bot the message went through, or null.</param>
internal sealed record CallbackTarget(long AuthorId, bool AuthorIsBot, int AuthorMessageId, PeerKey AuthorDialog, ReplyMarkup? Markup, long? ViaBotId);
