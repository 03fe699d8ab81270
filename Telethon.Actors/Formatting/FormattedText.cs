using Telethon.Tl.Abcs;

namespace Telethon.Formatting;

/// <summary>
/// A message text without markup and the entities that format it, as <c>MarkdownFormat.Parse</c> and
/// <see cref="HtmlFormat.Parse"/> produce it. Offsets and lengths count UTF-16 code units, as Telegram's do.
/// </summary>
/// <param name="Text">The text, trimmed of leading and trailing white space as Telegram trims a message.</param>
/// <param name="Entities">The entities in the forms a client sends, sorted by offset (then longest first); empty, never null.</param>
internal sealed record FormattedText(string Text, MessageEntity[] Entities);
