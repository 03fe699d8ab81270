using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>
/// A service message the session handled itself or could not match to a request (msg_detailed_info,
/// a pong to no pending ping, msgs_state_req from the server, ...). Informative.
/// </summary>
/// <param name="MsgId">The msg_id of the message that carried it.</param>
/// <param name="Message">The service object.</param>
public sealed record ServiceMessageEvent(long MsgId, TlObject Message) : MtprotoEvent;
