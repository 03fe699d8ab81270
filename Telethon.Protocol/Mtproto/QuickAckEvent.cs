namespace Telethon.Mtproto;

/// <summary>
/// The server quick-acknowledged a packet: it received, decrypted and accepted it for processing. That says
/// nothing of the queries' outcome; their answers (and the server's msgs_ack) follow as usual.
/// </summary>
/// <param name="Token">The token the transport delivered.</param>
/// <param name="Requests">The tracked requests the packet carried; empty for a token of no packet sent with a quick-ack request.</param>
public sealed record QuickAckEvent(uint Token, IReadOnlyList<MtprotoRequest> Requests) : MtprotoEvent;
