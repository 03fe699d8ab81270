namespace Telethon.Tests.Files;

/// <summary>A stream that can only be read forward (a pipe, a network stream), and counts how much was read.</summary>
internal sealed class ForwardOnlyStream(byte[] content) : Stream
{
    private int _position;

    public long BytesRead => _position;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        // At most 10000 bytes a call, as a socket gives what it has.
        var n = Math.Min(Math.Min(buffer.Length, 10_000), content.Length - _position);
        content.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
