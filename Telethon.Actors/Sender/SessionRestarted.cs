namespace Telethon.Sender;

/// <summary>
/// Tells the updates target of a <see cref="SenderActor"/> that the server started a new MTProto session
/// (new_session_created): after the sender starts, after a reconnect that had to open a new session, or when the
/// server lost its state. Pushed updates may have been lost in between, so the updates actor fetches the
/// difference (updates.getDifference) once the account is signed in.
/// </summary>
/// <param name="DcId">The DC.</param>
/// <param name="FirstMsgId">The first msg_id the new server session knows.</param>
/// <param name="UniqueId">The server's id of the new session.</param>
internal sealed record SessionRestarted(int DcId, long FirstMsgId, long UniqueId);
