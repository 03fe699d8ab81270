using System.Buffers;

namespace Telethon.Transport;

/// <summary>Random access to received bytes, whether they sit in one span or in a sequence of segments.</summary>
internal interface IByteSource
{
    long Length { get; }

    /// <summary>Copies <c>destination.Length</c> bytes starting at <paramref name="offset"/>.</summary>
    void CopyTo(long offset, scoped Span<byte> destination);
}

/// <summary>Received bytes in one span.</summary>
internal readonly ref struct SpanByteSource(ReadOnlySpan<byte> bytes) : IByteSource
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public long Length => _bytes.Length;

    public void CopyTo(long offset, scoped Span<byte> destination) =>
        _bytes.Slice((int)offset, destination.Length).CopyTo(destination);
}

/// <summary>Received bytes in a (possibly multi-segment) sequence, as a pipe reader hands them out.</summary>
internal readonly struct SequenceByteSource(ReadOnlySequence<byte> bytes) : IByteSource
{
    private readonly ReadOnlySequence<byte> _bytes = bytes;

    public long Length => _bytes.Length;

    public void CopyTo(long offset, scoped Span<byte> destination)
    {
        if (_bytes.IsSingleSegment)
            _bytes.FirstSpan.Slice((int)offset, destination.Length).CopyTo(destination);
        else
            _bytes.Slice(offset, destination.Length).CopyTo(destination);
    }
}
