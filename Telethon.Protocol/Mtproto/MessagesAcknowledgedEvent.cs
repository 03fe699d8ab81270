namespace Telethon.Mtproto;

/// <summary>The server acknowledged messages (msgs_ack).</summary>
/// <param name="MsgIds">The acknowledged msg_ids.</param>
/// <param name="Requests">The tracked requests among them.</param>
public sealed record MessagesAcknowledgedEvent(long[] MsgIds, IReadOnlyList<MtprotoRequest> Requests) : MtprotoEvent;
