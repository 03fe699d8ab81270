using System.Buffers;

namespace Telethon.Mtproto;

/// <summary>A decrypted message whose header passed the layout checks; owns a pooled buffer until disposed.</summary>
internal struct OpenedMessage : IDisposable
{
    public byte[] Buffer;
    public long Salt;
    public long SessionId;
    public long MsgId;
    public int SeqNo;
    public int BodyOffset;
    public int BodyLength;
    public uint QuickAckToken;

    public readonly ReadOnlySpan<byte> Body => Buffer.AsSpan(BodyOffset, BodyLength);

    public void Dispose()
    {
        if (Buffer is { Length: > 0 })
            ArrayPool<byte>.Shared.Return(Buffer, clearArray: true);
        Buffer = [];
    }
}
