using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>One message of a messages.sendMedia or sendMultiMedia call, its media resolved.</summary>
/// <param name="Caption">The caption (may be empty).</param>
/// <param name="Entities">The caption's entities, or null.</param>
/// <param name="Media">The photo or document.</param>
/// <param name="RandomId">The random id the client gave.</param>
/// <param name="GroupedId">The album id (sendMultiMedia), or null.</param>
/// <param name="Markup">The keyboard (sendMedia's reply_markup; kept only for bots, see <see cref="ReplyMarkups.Check"/>), or null.</param>
internal sealed record OutgoingMedia(string Caption, MessageEntity[]? Entities, StoredMedia Media, long RandomId, long? GroupedId, ReplyMarkup? Markup = null);
