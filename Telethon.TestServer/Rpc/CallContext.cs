using Telethon.TestServer.World;

namespace Telethon.TestServer.Rpc;

/// <summary>
/// Who calls: the DC the connection is on, the (permanent) auth key and the MTProto session. The
/// network layer keeps one per session and passes it to every <see cref="RpcDispatcher.Invoke"/>;
/// the dispatcher stores what invokeWithLayer and initConnection say on it.
/// </summary>
public sealed class CallContext(int dcId, long authKeyId, long sessionId)
{
    /// <summary>The DC the call arrived on.</summary>
    public int DcId { get; } = dcId;

    /// <summary>The auth key id (for a temporary key bound with auth.bindTempAuthKey, pass the permanent key's id).</summary>
    public long AuthKeyId { get; } = authKeyId;

    /// <summary>
    /// The auth key the session's messages are encrypted with: <see cref="AuthKeyId"/>, or the temporary key that is
    /// bound to it (perfect forward secrecy).
    /// </summary>
    public long MessageKeyId { get; init; } = authKeyId;

    /// <summary>The MTProto session id.</summary>
    public long SessionId { get; } = sessionId;

    /// <summary>The layer from the latest invokeWithLayer on this session (0 before any).</summary>
    public int Layer { get; set; }

    /// <summary>What the latest initConnection on this session said about the client.</summary>
    public ClientInfo? Client { get; set; }

    /// <summary>The session as the world knows it.</summary>
    public SessionKey Session => new(DcId, AuthKeyId, SessionId);
}
