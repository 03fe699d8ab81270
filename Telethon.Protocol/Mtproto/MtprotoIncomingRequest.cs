using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>
/// A client message the server session passes to the application (everything but the service messages it
/// answers itself). Answer it with <see cref="MtprotoServerSession.SendResult(long, TlObject)"/> or
/// <see cref="MtprotoServerSession.SendError"/>.
/// </summary>
/// <param name="MsgId">The client's msg_id (the req_msg_id of the answer).</param>
/// <param name="SeqNo">Its seq_no.</param>
/// <param name="Body">The body, boxed, gzip_packed unpacked, when it was not read as a function (<paramref name="Object"/>
/// is null or another kind of object); empty when it was.</param>
/// <param name="Object">The body read as a TL object, or null when <paramref name="DecodeError"/> is set.</param>
/// <param name="DecodeError">Why the body could not be read.</param>
public sealed record MtprotoIncomingRequest(long MsgId, int SeqNo, byte[] Body, TlObject? Object, TlDecodeException? DecodeError)
{
    /// <summary>The body read as a function, when it is one.</summary>
    public TlFunction? Function => Object as TlFunction;
}
