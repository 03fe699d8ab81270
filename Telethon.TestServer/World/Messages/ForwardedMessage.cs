using Telethon.Tl.Abcs;

namespace Telethon.TestServer.World;

/// <summary>One message being forwarded: what the copy in the destination gets.</summary>
/// <param name="Text">The text.</param>
/// <param name="Entities">The entities, or null.</param>
/// <param name="Forward">The fwd_from header, or null with drop_author.</param>
/// <param name="GroupedId">The album id of the copy (a new one per album of the source), or null.</param>
/// <param name="RandomId">The random id the client gave for this message.</param>
/// <param name="Media">The photo or document it carries, or null.</param>
internal sealed record ForwardedMessage(string Text, MessageEntity[]? Entities, ForwardInfo? Forward, long? GroupedId, long RandomId, StoredMedia? Media = null);
