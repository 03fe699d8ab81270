namespace Telethon.Mtproto;

/// <summary>One message of an outgoing packet, numbered when the packet is built.</summary>
internal struct OutgoingMessage(ReadOnlyMemory<byte> body, bool contentRelated, bool isResponse)
{
    public readonly ReadOnlyMemory<byte> Body = body;
    public readonly bool ContentRelated = contentRelated;
    public readonly bool IsResponse = isResponse;
    public long MsgId;
    public int SeqNo;

    /// <summary>Server: the client msg_id this message answers, or 0.</summary>
    public long AnswersMsgId;

    /// <summary>Server: the array rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> that holds <see cref="Body"/>, or null.</summary>
    public byte[]? Rented;
}
