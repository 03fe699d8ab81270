using Telethon.Tl;

namespace Telethon.Mtproto;

/// <summary>
/// One outgoing client message and its fate: the handle <see cref="MtprotoClientSession.Enqueue(TlObject)"/>
/// returns and every event about it refers to. Its msg_id changes when the session resends it.
/// </summary>
public sealed class MtprotoRequest
{
    internal MtprotoRequest(TlObject? obj, byte[] body, bool contentRelated, bool expectsAnswer)
    {
        Object = obj;
        Body = body;
        ContentRelated = contentRelated;
        ExpectsAnswer = expectsAnswer;
    }

    /// <summary>The TL object that was enqueued, or null for a raw body.</summary>
    public TlObject? Object { get; }

    /// <summary>The enqueued object when it is a function (its ReadResult reads the answer).</summary>
    public TlFunction? Function => Object as TlFunction;

    /// <summary>The body as sent (gzip_packed when compression made it smaller).</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>True when the body was compressed.</summary>
    public bool IsCompressed => Body.Length >= 4 && System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(Body.Span) == TlReader.GzipPackedId;

    /// <summary>Whether the message is content-related (odd seq_no, acknowledged by the peer).</summary>
    public bool ContentRelated { get; }

    /// <summary>Whether an answer (rpc_result or a bare service answer) is awaited.</summary>
    public bool ExpectsAnswer { get; }

    /// <summary>The msg_id of the latest send; 0 while not sent yet.</summary>
    public long MsgId { get; internal set; }

    /// <summary>The seq_no of the latest send.</summary>
    public int SeqNo { get; internal set; }

    /// <summary>The msg_id of the container of the latest send, or 0 when it was sent alone.</summary>
    public long ContainerMsgId { get; internal set; }

    /// <summary>How many times the message was packed (more than 1 after automatic resends).</summary>
    public int SendCount { get; internal set; }

    /// <summary>True once the server acknowledged the latest send (msgs_ack).</summary>
    public bool IsAcknowledged { get; internal set; }

    /// <summary>True once an answer or a final failure arrived; the session no longer tracks it.</summary>
    public bool IsCompleted { get; internal set; }

    /// <summary>The msg_id drawn when it was queued, for a body that names it (see <see cref="MtprotoClientSession.Enqueue(Func{long, TlObject})"/>); 0 otherwise.</summary>
    public long ReservedMsgId { get; internal set; }

    /// <summary>Free for the caller (for example the task that awaits the answer).</summary>
    public object? Tag { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"{Object?.TlName ?? "raw"} msg_id={MsgId}";
}
