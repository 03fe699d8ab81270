using System.Buffers;
using System.IO.Pipelines;
using Akka.Actor;
using Telethon.Transport;

namespace Telethon.Connection;

/// <summary>
/// One open connection of a <see cref="DcConnectionActor"/>: the stream, its pipes and the transport codec.
/// The actor packs and flushes (one flush at a time); a read loop task unpacks and tells the actor what it read.
/// The codec is shared by both, so every codec call holds <see cref="_codecGate"/> (a few microseconds of framing,
/// never I/O), as the codec's contract asks.
/// </summary>
/// <remarks>
/// The read loop tells at most as many frames as it holds credit for: it starts with the window given to the
/// constructor and gets one back for every frame the owner reports consumed (<see cref="Release"/>). Without credit it
/// stops reading, so what the server sends waits in the socket and TCP's flow control slows the server down, instead
/// of piling up in a mailbox.
/// </remarks>
internal sealed class DcLink
{
    private readonly Stream _stream;
    private readonly TransportCodec _codec;
    private readonly PipeReader _reader;
    private readonly PipeWriter _writer;
    private readonly Lock _codecGate = new();
    private readonly CancellationTokenSource _closing = new();
    private readonly SemaphoreSlim _credit;
    private bool _codecClosed;
    private volatile bool _abandoned;

    /// <summary>Wraps <paramref name="stream"/>; the read loop may have <paramref name="window"/> frames told and not consumed.</summary>
    public DcLink(Stream stream, TransportCodec codec, int window)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        _stream = stream;
        _codec = codec;
        _credit = new SemaphoreSlim(window, int.MaxValue);
        _reader = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 4 * 1024, leaveOpen: true));
        _writer = PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true));
    }

    /// <summary>Frames <paramref name="payload"/> into the write pipe; false when the link is already closing.</summary>
    public bool TryPack(ReadOnlySpan<byte> payload)
    {
        lock (_codecGate)
        {
            if (_codecClosed)
                return false;
            _codec.Pack(payload, _writer);
            return true;
        }
    }

    /// <summary>Writes what was packed to the stream.</summary>
    public async Task FlushAsync()
    {
        var result = await _writer.FlushAsync(_closing.Token).ConfigureAwait(false);
        if (result.IsCanceled || result.IsCompleted)
            throw new IOException("The connection was closed while writing.");
    }

    /// <summary>Starts the read loop: every frame becomes <paramref name="frame"/>(rented array, payload length), the end <paramref name="ended"/>(reason), told to <paramref name="self"/>.</summary>
    public void StartReading(IActorRef self, Func<byte[], int, object> frame, Func<Exception, object> ended) =>
        _ = Task.Run(() => ReadLoopAsync(self, frame, ended));

    /// <summary>Gives the read loop credit for <paramref name="frames"/> more frames (the owner consumed that many).</summary>
    public void Release(int frames)
    {
        if (frames > 0)
            _credit.Release(frames);
    }

    /// <summary>Closes the stream for the actor, which wants nothing more from this link: the read loop ends without reporting.</summary>
    public void Close()
    {
        _abandoned = true;
        CloseStream();
    }

    private void CloseStream()
    {
        if (_closing.IsCancellationRequested)
            return;
        _closing.Cancel();
        try
        {
            _reader.CancelPendingRead();
        }
        catch (InvalidOperationException)
        {
            // The read loop already completed the reader.
        }
        _stream.Dispose();
    }

    private async Task ReadLoopAsync(IActorRef self, Func<byte[], int, object> frame, Func<Exception, object> ended)
    {
        var payload = new FrameWriter();
        Exception reason;
        try
        {
            while (true)
            {
                var read = await _reader.ReadAsync(_closing.Token).ConfigureAwait(false);
                if (read.IsCanceled)
                {
                    reason = new OperationCanceledException("The connection was closed.");
                    break;
                }
                var buffer = read.Buffer;
                var consumed = buffer.Start;
                while (true)
                {
                    payload.Reset();
                    TransportReadResult result;
                    SequencePosition position;
                    lock (_codecGate)
                    {
                        if (_codecClosed)
                            throw new OperationCanceledException("The connection was closed.");
                        result = _codec.TryUnpack(buffer.Slice(consumed), payload, out position);
                    }
                    if (result.Status == TransportReadStatus.NeedMoreData)
                        break;
                    consumed = position;
                    if (result.Status != TransportReadStatus.Frame)
                        continue;
                    // Wait for credit before telling (and before reading on): the owner is behind.
                    if (!_credit.Wait(0))
                        await _credit.WaitAsync(_closing.Token).ConfigureAwait(false);
                    if (!_abandoned)
                        self.Tell(frame(payload.Take(), result.PayloadLength));
                }
                _reader.AdvanceTo(consumed, buffer.End);
                if (read.IsCompleted)
                {
                    reason = new EndOfStreamException("The server closed the connection.");
                    break;
                }
            }
        }
        catch (Exception e)
        {
            reason = e;
        }
        finally
        {
            payload.Reset();
            lock (_codecGate)
            {
                _codecClosed = true;
                _codec.Dispose();
            }
            await _reader.CompleteAsync().ConfigureAwait(false);
        }
        CloseStream();
        if (!_abandoned)
            self.Tell(ended(reason));
    }

    /// <summary>
    /// Receives one frame's payload straight into an array rented for it: the codec asks for the whole body length first,
    /// so a frame is copied once from the connection's buffers, and the array goes to the owner as it is, lent (see
    /// <see cref="FrameReceived"/>).
    /// </summary>
    private sealed class FrameWriter : IBufferWriter<byte>
    {
        private byte[] _array = [];
        private int _written;

        /// <summary>Forgets the frame being read, giving its array back.</summary>
        public void Reset()
        {
            if (_array.Length > 0)
                ArrayPool<byte>.Shared.Return(_array);
            _array = [];
            _written = 0;
        }

        /// <summary>The array holding the payload, which the caller now owns; the writer starts afresh.</summary>
        public byte[] Take()
        {
            var array = _array;
            _array = [];
            _written = 0;
            return array;
        }

        public void Advance(int count)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(count);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(count, _array.Length - _written);
            _written += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _array.AsSpan(_written);
        }

        private void Ensure(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 1);
            if (needed <= _array.Length)
                return;
            var grown = ArrayPool<byte>.Shared.Rent(_written == 0 ? needed : Math.Max(needed, _array.Length * 2));
            _array.AsSpan(0, _written).CopyTo(grown);
            if (_array.Length > 0)
                ArrayPool<byte>.Shared.Return(_array);
            _array = grown;
        }
    }
}
