namespace Telethon.Mtproto;

/// <summary>
/// The server created a new session for this session_id (new_session_created). The session already took
/// the new salt and resent unacknowledged requests older than <paramref name="FirstMsgId"/>; updates sent
/// in between may be lost, so the caller should fetch the difference.
/// </summary>
/// <param name="FirstMsgId">The first msg_id the server's new session knows.</param>
/// <param name="UniqueId">The server's id of the new session.</param>
/// <param name="ServerSalt">The salt now in use.</param>
/// <param name="Resent">Requests the session queued again.</param>
public sealed record NewSessionCreatedEvent(long FirstMsgId, long UniqueId, long ServerSalt, IReadOnlyList<MtprotoRequest> Resent)
    : MtprotoEvent;
