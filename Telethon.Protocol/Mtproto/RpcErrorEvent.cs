namespace Telethon.Mtproto;

/// <summary>An rpc_error answer to a request.</summary>
/// <param name="Request">The pending request, or null when none matches <paramref name="RequestMsgId"/>.</param>
/// <param name="RequestMsgId">The req_msg_id the server named.</param>
/// <param name="ErrorCode">The error code (400, 420, ...).</param>
/// <param name="ErrorMessage">The error message (FLOOD_WAIT_31, ...).</param>
public sealed record RpcErrorEvent(MtprotoRequest? Request, long RequestMsgId, int ErrorCode, string ErrorMessage) : MtprotoEvent
{
    /// <summary>The error as the exception callers catch.</summary>
    public RpcError ToException() => new(ErrorCode, ErrorMessage, Request?.Object?.TlName);
}
