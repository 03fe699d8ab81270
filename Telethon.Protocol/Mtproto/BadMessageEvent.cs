namespace Telethon.Mtproto;

/// <summary>
/// The server refused a message (bad_msg_notification or bad_server_salt). When <paramref name="Resent"/>
/// is true the session corrected what it could (salt, clock, seq_no) and queued the affected requests
/// again with new msg_ids; otherwise the affected requests failed and are no longer tracked.
/// </summary>
/// <param name="BadMsgId">The refused msg_id (possibly a container's).</param>
/// <param name="ErrorCode">16/17 time, 18 parity, 19 duplicate, 20 too old, 32/33 seq_no, 34/35 seq_no parity, 48 salt, 64 container.</param>
/// <param name="NewServerSalt">The salt a bad_server_salt brought, which the session now uses.</param>
/// <param name="Requests">The affected requests.</param>
/// <param name="Resent">Whether they were queued again.</param>
public sealed record BadMessageEvent(long BadMsgId, int ErrorCode, long? NewServerSalt, IReadOnlyList<MtprotoRequest> Requests, bool Resent)
    : MtprotoEvent;
