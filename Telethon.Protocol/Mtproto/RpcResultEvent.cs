using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>
/// The answer to a request: an rpc_result, or a bare answer that matches a pending request
/// (pong to ping, future_salts to get_future_salts, msgs_state_info to msgs_state_req, destroy_session_*).
/// </summary>
/// <param name="Request">The pending request it answers, or null when none matches <paramref name="RequestMsgId"/>.</param>
/// <param name="RequestMsgId">The req_msg_id the server named.</param>
/// <param name="Body">The result, boxed, gzip_packed already unpacked, when <paramref name="Result"/> is null (a raw
/// request, an undecodable result, or no pending request); empty when the result was read.</param>
/// <param name="Result">The result read with the request's <see cref="TlFunction.ReadResultObject"/> (or, for a bare
/// answer, the object itself); null for a raw request or when <paramref name="DecodeError"/> is set.</param>
/// <param name="DecodeError">Why the result could not be read, when it could not.</param>
public sealed record RpcResultEvent(MtprotoRequest? Request, long RequestMsgId, byte[] Body, object? Result, TlDecodeException? DecodeError)
    : MtprotoEvent;
