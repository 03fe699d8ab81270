using Telethon.Connection;

namespace Telethon.Tests.Connection;

/// <summary>
/// A connector for tests: real TCP underneath, with switches to fail the next attempts, cut every open
/// connection, or stall reads or writes (a silent dead link), and counters and a copy of what went over the wire.
/// </summary>
internal sealed class TestConnector : IDcConnector
{
    private readonly List<FaultyStream> _streams = [];
    private TaskCompletionSource? _writesHeld;
    private TaskCompletionSource? _connectsHeld;
    private int _failNext;
    private int _silentNext;
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

    /// <summary>While set, writes of new and open connections wait (and go on once it is cleared).</summary>
    public bool StallWrites
    {
        get => Volatile.Read(ref _writesHeld) is not null;
        set
        {
            if (value)
                Interlocked.CompareExchange(ref _writesHeld, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
            else
                Interlocked.Exchange(ref _writesHeld, null)?.TrySetResult();
        }
    }

    /// <summary>While set, connection attempts wait (until cancelled by their timeout, or until it is cleared).</summary>
    public bool StallConnects
    {
        get => Volatile.Read(ref _connectsHeld) is not null;
        set
        {
            if (value)
                Interlocked.CompareExchange(ref _connectsHeld, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), null);
            else
                Interlocked.Exchange(ref _connectsHeld, null)?.TrySetResult();
        }
    }

    /// <summary>Makes the next <paramref name="count"/> attempts fail.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failNext, count);

    /// <summary>Makes the next <paramref name="count"/> connections silent from the start: what the server sends them is lost.</summary>
    public void SilenceNext(int count) => Volatile.Write(ref _silentNext, count);

    /// <summary>Everything the connection handed to stream <paramref name="index"/> (0 for the first) to write, in order.</summary>
    public byte[] WrittenOn(int index)
    {
        lock (_streams)
            return _streams[index].Written();
    }

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
        if (Volatile.Read(ref _connectsHeld) is { } held)
            await held.Task.WaitAsync(cancellation);
        if (Interlocked.Decrement(ref _failNext) >= 0)
            throw new IOException("connection refused (test)");
        var inner = await TcpDcConnector.Instance.ConnectAsync(address, cancellation);
        var stream = new FaultyStream(inner, this) { ReadsStalled = Interlocked.Decrement(ref _silentNext) >= 0 };
        lock (_streams)
            _streams.Add(stream);
        return stream;
    }

    private sealed class FaultyStream(Stream inner, TestConnector owner) : Stream
    {
        private readonly CancellationTokenSource _disposed = new();
        private readonly MemoryStream _written = new();
        private int _writes;
        private long _bytesWritten;
        private long _bytesRead;

        public int Writes => Volatile.Read(ref _writes);

        public long BytesRead => Interlocked.Read(ref _bytesRead);

        public volatile bool ReadsStalled;

        public long BytesWritten => Interlocked.Read(ref _bytesWritten);

        public byte[] Written()
        {
            lock (_written)
                return _written.ToArray();
        }

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
            // Recorded as the connection hands it over (synchronously, in its flush), whether or not it gets through.
            lock (_written)
                _written.Write(buffer.Span);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
            if (Volatile.Read(ref owner._writesHeld) is { } held)
                await held.Task.WaitAsync(linked.Token);
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
