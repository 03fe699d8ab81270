using Telethon.Mtproto;
using F = Telethon.Tl.Functions.Auth;

namespace Telethon.TestServer.Rpc;

/// <summary>
/// auth.bindTempAuthKey (perfect forward secrecy): a temporary key, sent on, is bound to the permanent key that encrypted
/// the binding message, and acts for it from then on (the network layer identifies its sessions by the permanent key).
/// </summary>
internal static class TempKeyHandlers
{
    private const string EncryptedMessageInvalid = "ENCRYPTED_MESSAGE_INVALID";

    public static void Register(HandlerTable table) =>
        table.Add<F.BindTempAuthKey>(F.BindTempAuthKey.TlConstructorId, HandlerAccess.Anyone, Bind);

    private static object Bind(RpcRequest request, F.BindTempAuthKey bind)
    {
        var context = request.Context;
        var dc = context.DcId;
        var keys = request.Options.TempKeys;
        var temporaryId = context.MessageKeyId;
        if (keys is null || !keys.IsTemporary(dc, temporaryId))
            throw new RpcError(400, "TEMP_AUTH_KEY_EMPTY");
        // Only a permanent key binds: an unknown one, or another temporary key, cannot have encrypted the message.
        if (keys.Find(dc, bind.PermAuthKeyId) is not { } permanent || keys.IsTemporary(dc, bind.PermAuthKeyId))
            throw new RpcError(400, EncryptedMessageInvalid);
        Tl.Mtproto.Types.BindAuthKeyInner inner;
        long msgId;
        int seqNo;
        try
        {
            inner = TempKeyBinding.Decrypt(permanent, bind.EncryptedMessage, out msgId, out seqNo);
        }
        catch (MtprotoException)
        {
            throw new RpcError(400, EncryptedMessageInvalid);
        }
        var matches = inner.Nonce == bind.Nonce
            && inner.TempAuthKeyId == temporaryId
            && inner.PermAuthKeyId == bind.PermAuthKeyId
            && inner.TempSessionId == context.SessionId
            && inner.ExpiresAt == bind.ExpiresAt
            && msgId == request.MsgId
            && seqNo == 0;
        if (!matches)
            throw new RpcError(400, EncryptedMessageInvalid);
        return keys.Bind(dc, temporaryId, bind.PermAuthKeyId, DateTimeOffset.FromUnixTimeSeconds(bind.ExpiresAt)) switch
        {
            TempKeyBindOutcome.Bound => true,
            TempKeyBindOutcome.AlreadyBound => throw new RpcError(400, "TEMP_AUTH_KEY_ALREADY_BOUND"),
            _ => throw new RpcError(400, "TEMP_AUTH_KEY_EMPTY"),
        };
    }
}
