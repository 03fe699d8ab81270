using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>A message whose body could not be read (an unknown constructor, for example); the rest of the packet was processed.</summary>
/// <param name="MsgId">The msg_id of the message.</param>
/// <param name="Body">Its body (gzip_packed unpacked when possible).</param>
/// <param name="Error">Why it could not be read.</param>
public sealed record UndecodableMessageEvent(long MsgId, byte[] Body, TlDecodeException Error) : MtprotoEvent;
