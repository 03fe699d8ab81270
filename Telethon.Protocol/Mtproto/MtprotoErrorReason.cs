namespace Telethon.Mtproto;

/// <summary>Why an incoming MTProto message was rejected (see <see cref="MtprotoException"/>).</summary>
public enum MtprotoErrorReason
{
    /// <summary>The message is shorter than its header, or than its declared length.</summary>
    Truncated,

    /// <summary>The message is larger than the session accepts.</summary>
    TooLarge,

    /// <summary>The layout is wrong: a length not divisible by 4, padding outside 12..1024 bytes, a broken container.</summary>
    Malformed,

    /// <summary>The auth_key_id names another key (or, for a plain message, is not zero).</summary>
    WrongAuthKeyId,

    /// <summary>The msg_key does not match the decrypted data: the message was tampered with or uses another key.</summary>
    MsgKeyMismatch,

    /// <summary>The session_id is not this session's.</summary>
    WrongSessionId,

    /// <summary>The msg_id has the wrong remainder modulo 4 for its sender.</summary>
    WrongMsgIdParity,

    /// <summary>The msg_id is more than the allowed age (300 s) behind the local clock.</summary>
    MsgIdTooOld,

    /// <summary>The msg_id is more than the allowed lead (30 s) ahead of the local clock.</summary>
    MsgIdTooNew,

    /// <summary>The msg_id was seen before, or is older than every msg_id the replay window still remembers.</summary>
    DuplicateMsgId,
}
