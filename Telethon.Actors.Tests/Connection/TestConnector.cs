using Telethon.Connection;

namespace Telethon.Tests.Connection;

/// <summary>
/// A connector for tests: real TCP underneath, with switches to fail the next attempts, cut every open
/// connection, or stall reads or writes (a silent dead link), and counters of what went over the wire.
/// </summary>
internal sealed class TestConnector : IDcConnector
{
    private readonly List<FaultyStream> _streams = [];
    private int _failNext;
    private int _attempts;

    /// <summary>Attempts made so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Connections opened so far.</summary>
    public int Connections
    {
        get
        {
            lock (_streams)
                return _streams.Count;
        }
    }

    /// <summary>Write calls over all connections.</summary>
    public int Writes
    {
        get
        {
            lock (_streams)
                return _streams.Sum(s => s.Writes);
        }
    }

    /// <summary>Bytes written over all connections.</summary>
    public long BytesWritten
    {
        get
        {
            lock (_streams)
                return _streams.Sum(s => s.BytesWritten);
        }
    }

    /// <summary>Bytes read over all connections (what the connection took from the socket, not what its owner got).</summary>
    public long BytesRead
    {
        get
        {
            lock (_streams)
                return _streams.Sum(s => s.BytesRead);
        }
    }

    /// <summary>When set, reads of new and open connections wait forever (the peer seems silent).</summary>
    public bool StallReads { get; set; }

    /// <summary>When set, writes of new and open connections never complete.</summary>
    public bool StallWrites { get; set; }

    /// <summary>When set, connection attempts never complete (until cancelled).</summary>
    public bool StallConnects { get; set; }

    /// <summary>Makes the next <paramref name="count"/> attempts fail.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Drops whatever the connections open now receive from here on (a link gone silent); later connections are not affected.</summary>
    public void StallOpenReads()
    {
        lock (_streams)
        {
            foreach (var stream in _streams)
                stream.ReadsStalled = true;
        }
    }

    /// <summary>Closes every open connection (as a network cut would).</summary>
    public void KillAll()
    {
        lock (_streams)
        {
            foreach (var stream in _streams)
                stream.Dispose();
        }
    }

    public async ValueTask<Stream> ConnectAsync(DcAddress address, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _attempts);
        if (StallConnects)
            await Task.Delay(Timeout.Infinite, cancellation);
        if (Interlocked.Decrement(ref _failNext) >= 0)
            throw new IOException("connection refused (test)");
        var inner = await TcpDcConnector.Instance.ConnectAsync(address, cancellation);
        var stream = new FaultyStream(inner, this);
        lock (_streams)
            _streams.Add(stream);
        return stream;
    }

    private sealed class FaultyStream(Stream inner, TestConnector owner) : Stream
    {
        private readonly CancellationTokenSource _disposed = new();
        private int _writes;
        private long _bytesWritten;
        private long _bytesRead;

        public int Writes => Volatile.Read(ref _writes);

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public volatile bool ReadsStalled;

        public long BytesWritten => Interlocked.Read(ref _bytesWritten);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            while (owner.StallReads)
                await Task.Delay(20, linked.Token);
            while (true)
            {
                var read = await inner.ReadAsync(buffer, linked.Token);
                Interlocked.Add(ref _bytesRead, read);
                // A silent link: what arrives is lost (checked after the read, so a read already waiting loses it too).
                if (read == 0 || !ReadsStalled)
                    return read;
            }
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            if (owner.StallWrites)
                await Task.Delay(Timeout.Infinite, linked.Token);
            await inner.WriteAsync(buffer, linked.Token);
            Interlocked.Increment(ref _writes);
            Interlocked.Add(ref _bytesWritten, buffer.Length);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("asynchronous only");

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed.IsCancellationRequested)
            {
                _disposed.Cancel();
                inner.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
