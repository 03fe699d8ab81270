using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>An API object the server sent on its own (updates and the like).</summary>
/// <param name="MsgId">The msg_id of the message that carried it.</param>
/// <param name="Update">The object.</param>
public sealed record UpdateEvent(long MsgId, TlObject Update) : MtprotoEvent;
