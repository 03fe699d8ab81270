using System.Buffers;

namespace Telethon.Connection;

/// <summary>
/// One frame's payload, as read from the current connection (transport framing removed), sent to the owner in order.
/// The owner reports it consumed with <see cref="FramesConsumed"/> (of the same <see cref="Generation"/>), or the
/// connection stops reading after <see cref="DcConnectionOptions.MaxUnconsumedFrames"/> of them.
/// </summary>
/// <remarks>
/// The payload lives in an array rented from <see cref="ArrayPool{T}.Shared"/> and lent to the owner: a file chunk is a
/// megabyte, and a fresh large-object array per frame costs more than decrypting it. The owner reads the payload and
/// then calls <see cref="Release"/>, after which it must not touch <see cref="Payload"/> again; a frame that is never
/// released (dropped, or kept) is collected like any other object.
/// </remarks>
internal sealed class FrameReceived
{
    private byte[]? _rented;

    /// <summary>A frame in a rented array of which the first <paramref name="length"/> bytes are the payload.</summary>
    public FrameReceived(byte[] rented, int length, int generation)
    {
        _rented = rented;
        Payload = rented.AsMemory(0, length);
        Generation = generation;
    }

    /// <summary>A frame in an array of its own (nothing to give back).</summary>
    public FrameReceived(ReadOnlyMemory<byte> payload, int generation)
    {
        Payload = payload;
        Generation = generation;
    }

    /// <summary>The payload (an MTProto packet); valid until <see cref="Release"/>.</summary>
    public ReadOnlyMemory<byte> Payload { get; private set; }

    /// <summary>The connection it came from, as in <see cref="Connected.Generation"/>.</summary>
    public int Generation { get; }

    /// <summary>Gives the payload's array back to the pool; the payload is empty from then on. Safe to call more than once.</summary>
    public void Release()
    {
        Payload = ReadOnlyMemory<byte>.Empty;
        if (Interlocked.Exchange(ref _rented, null) is { } rented)
            ArrayPool<byte>.Shared.Return(rented);
    }
}
