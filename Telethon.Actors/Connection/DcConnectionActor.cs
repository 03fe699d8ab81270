using System.Buffers;
using Akka.Actor;
using Akka.Event;
using Telethon.Transport;

namespace Telethon.Connection;

/// <summary>
/// One TCP connection to one DC, kept up: it connects through <see cref="DcConnectionOptions.Connector"/>, frames
/// with the configured transport, tells its owner (the parent unless another is given) <see cref="Connected"/>,
/// every <see cref="FrameReceived"/>, <see cref="FramesWritten"/> and <see cref="Disconnected"/>, and reconnects
/// after a jittered exponential backoff. It knows nothing of MTProto sessions: a packet is bytes.
/// </summary>
/// <remarks>
/// <para>I/O: the stream is read through a <see cref="System.IO.Pipelines.PipeReader"/> by a task that tells the
/// actor each frame; writes go through a <see cref="System.IO.Pipelines.PipeWriter"/>, with one flush in flight
/// whose completion comes back as a message. Frames sent meanwhile wait in a bounded queue and go out together
/// in the next flush (one syscall for many frames). The actor never blocks.</para>
/// <para>Backpressure out: beyond <see cref="DcConnectionOptions.MaxQueuedFrames"/> or
/// <see cref="DcConnectionOptions.MaxQueuedBytes"/>, <see cref="SendFrame"/> is refused with
/// <see cref="SendFrameRejected"/> (so is any frame while no connection is up). Owners that wait for
/// <see cref="FramesWritten"/> before sending more never reach the limit.</para>
/// <para>Backpressure in: the read loop may have at most <see cref="DcConnectionOptions.MaxUnconsumedFrames"/> frames
/// told (to this actor or the owner) that the owner has not reported with <see cref="FramesConsumed"/>; then it stops
/// reading and the server's writes wait in TCP. Credit belongs to one connection: a report naming an older
/// connection's generation releases nothing.</para>
/// </remarks>
internal sealed class DcConnectionActor : ReceiveActor, IWithTimers
{
    private readonly DcConnectionOptions _options;
    private readonly IActorRef? _owner;
    private readonly TransportOptions _transportOptions;
    private readonly Queue<SendFrame> _queue = new();
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private State _state = State.Connecting;
    private long _queuedBytes;
    private int _generation;
    private int _failures;
    private int _unconsumed;
    private DcLink? _link;
    private CancellationTokenSource? _connecting;
    private bool _flushing;

    /// <summary>Creates the actor; use <see cref="Props(DcConnectionOptions, IActorRef?)"/>.</summary>
    public DcConnectionActor(DcConnectionOptions options, IActorRef? owner)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Obfuscated && options.Transport == TransportKind.Full)
            throw new ArgumentException("The full transport cannot be obfuscated.", nameof(options));
        if (options.MaxQueuedFrames < 1 || options.MaxQueuedBytes < 1)
            throw new ArgumentException("The write queue limits must be positive.", nameof(options));
        if (options.MaxUnconsumedFrames < 1)
            throw new ArgumentException("MaxUnconsumedFrames must be at least 1.", nameof(options));
        _options = options;
        _owner = owner;
        _transportOptions = new TransportOptions { MaxFrameLength = options.MaxFrameLength };

        Receive<SendFrame>(OnSendFrame);
        Receive<Reconnect>(OnReconnect);
        Receive<ConnectOutcome>(OnConnectOutcome);
        Receive<FrameRead>(m =>
        {
            if (m.Generation != _generation || _state != State.Up)
            {
                m.Frame.Release();
                return;
            }
            _unconsumed++;
            Owner.Tell(m.Frame);
        });
        Receive<FramesConsumed>(OnFramesConsumed);
        Receive<ReadEnded>(m =>
        {
            if (m.Generation == _generation && _state == State.Up)
                LinkLost(m.Reason, wasConnected: true);
        });
        Receive<FlushOutcome>(OnFlushOutcome);
        Receive<RetryNow>(_ =>
        {
            if (_state == State.Waiting)
                StartConnecting();
        });
    }

    /// <summary>The timers (the reconnect delay); set by Akka.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private IActorRef Owner => _owner ?? Context.Parent;

    /// <summary>The props of a connection that reports to <paramref name="owner"/>, or to its parent when null.</summary>
    public static Props Props(DcConnectionOptions options, IActorRef? owner = null) =>
        Akka.Actor.Props.Create(() => new DcConnectionActor(options, owner));

    /// <inheritdoc />
    protected override void PreStart() => StartConnecting();

    /// <inheritdoc />
    protected override void PostStop()
    {
        _connecting?.Cancel();
        _link?.Close();
        _link = null;
        DropQueue();
    }

    private void OnSendFrame(SendFrame send)
    {
        var payload = send.Payload;
        var length = send.Length;
        if (payload is null || length <= 0 || length > payload.Length || length % 4 != 0 || length > _options.MaxFrameLength)
        {
            Sender.Tell(new SendFrameRejected(payload ?? [], SendFrameRejectReason.Invalid));
            return;
        }
        if (_state != State.Up)
        {
            Sender.Tell(new SendFrameRejected(payload, SendFrameRejectReason.NotConnected));
            return;
        }
        if (_queue.Count >= _options.MaxQueuedFrames || _queuedBytes + length > _options.MaxQueuedBytes)
        {
            Sender.Tell(new SendFrameRejected(payload, SendFrameRejectReason.QueueFull));
            return;
        }
        _queue.Enqueue(send);
        _queuedBytes += length;
        Pump();
    }

    // Frames that will not be written: the rented ones go back to the pool (nobody else refers to them).
    private void DropQueue()
    {
        while (_queue.TryDequeue(out var frame))
            GiveBack(frame);
        _queuedBytes = 0;
    }

    private static void GiveBack(SendFrame frame)
    {
        if (frame.Rented)
            ArrayPool<byte>.Shared.Return(frame.Payload);
    }

    private void OnFramesConsumed(FramesConsumed consumed)
    {
        if (consumed.Generation != _generation || _state != State.Up || _link is not { } link)
            return;
        // Never more than was told: an owner's mistake must not widen the window.
        var count = Math.Min(consumed.Count, _unconsumed);
        if (count <= 0)
            return;
        _unconsumed -= count;
        link.Release(count);
    }

    private void OnReconnect(Reconnect reconnect)
    {
        switch (_state)
        {
            case State.Connecting:
                return;
            case State.Up:
                _log.Info("{0}: reconnecting: {1}", _options.Address, reconnect.Reason);
                CloseLink();
                Owner.Tell(new Disconnected(new IOException($"Reconnecting: {reconnect.Reason}"), WasConnected: true, RetryIn: TimeSpan.Zero));
                break;
            default:
                Timers.Cancel(RetryNow.Instance);
                break;
        }
        _failures = 0;
        StartConnecting();
    }

    private void StartConnecting()
    {
        _state = State.Connecting;
        var generation = ++_generation;
        _connecting?.Dispose();
        var cancel = new CancellationTokenSource(_options.ConnectTimeout);
        _connecting = cancel;
        OpenAsync(_options.Connector, _options.Address, _options.ConnectTimeout, cancel.Token).PipeTo(Self,
            success: stream => new ConnectOutcome(generation, stream, null),
            failure: error => new ConnectOutcome(generation, null, error));
    }

    private static async Task<Stream> OpenAsync(IDcConnector connector, DcAddress address, TimeSpan timeout, CancellationToken cancel)
    {
        Stream stream;
        try
        {
            stream = await connector.ConnectAsync(address, cancel).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new TimeoutException($"Connecting to {address} took longer than {timeout.TotalSeconds:0.###} s.");
        }
        if (cancel.IsCancellationRequested)
        {
            // Abandoned (the actor stopped) or too late: nobody will own it.
            await stream.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"Connecting to {address} took longer than {timeout.TotalSeconds:0.###} s.");
        }
        return stream;
    }

    private void OnConnectOutcome(ConnectOutcome outcome)
    {
        if (outcome.Generation != _generation || _state != State.Connecting)
        {
            outcome.Stream?.Dispose();
            return;
        }
        _connecting?.Dispose();
        _connecting = null;
        if (outcome.Stream is not { } stream)
        {
            LinkLost(outcome.Error ?? new IOException("The connector returned no stream."), wasConnected: false);
            return;
        }
        var codec = _options.Obfuscated
            ? TransportCodec.CreateObfuscatedClient(_options.Transport, _options.ObfuscatedDcId ?? (short)_options.Address.DcId, _transportOptions)
            : TransportCodec.Create(_options.Transport, TransportRole.Client, _transportOptions);
        _link = new DcLink(stream, codec, _options.MaxUnconsumedFrames);
        _unconsumed = 0;
        _state = State.Up;
        _failures = 0;
        var generation = _generation;
        _log.Debug("{0}: connected (connection {1})", _options.Address, generation);
        Owner.Tell(new Connected(_options.Address, generation));
        _link.StartReading(Self, (rented, length) => new FrameRead(generation, new FrameReceived(rented, length, generation)), reason => new ReadEnded(generation, reason));
    }

    private void Pump()
    {
        if (_state != State.Up || _flushing || _queue.Count == 0 || _link is not { } link)
            return;
        var count = 0;
        long bytes = 0;
        // Everything queued goes out in one flush, up to about a megabyte.
        while (bytes < 1024 * 1024 && _queue.TryDequeue(out var frame))
        {
            _queuedBytes -= frame.Length;
            var packed = link.TryPack(frame.Payload.AsSpan(0, frame.Length));
            // Framing copied the packet into the write pipe: a rented array is free again.
            GiveBack(frame);
            if (!packed)
                return; // the read loop is closing the link; its end will be reported
            count++;
            bytes += frame.Length;
        }
        _flushing = true;
        var generation = _generation;
        link.FlushAsync().PipeTo(Self,
            success: () => new FlushOutcome(generation, count, null),
            failure: error => new FlushOutcome(generation, count, error));
    }

    private void OnFlushOutcome(FlushOutcome outcome)
    {
        if (outcome.Generation != _generation || _state != State.Up)
            return;
        _flushing = false;
        if (outcome.Error is { } error)
        {
            LinkLost(error, wasConnected: true);
            return;
        }
        Owner.Tell(new FramesWritten(outcome.Count));
        Pump();
    }

    private void LinkLost(Exception reason, bool wasConnected)
    {
        CloseLink();
        _failures++;
        if (_options.MaxReconnectAttempts is { } max && _failures > max)
        {
            _state = State.GaveUp;
            _log.Warning("{0}: giving up after {1} failed attempts: {2}", _options.Address, _failures, reason.Message);
            Owner.Tell(new Disconnected(reason, wasConnected, RetryIn: null));
            return;
        }
        var delay = ReconnectBackoff.Delay(_failures, _options.ReconnectBaseDelay, _options.ReconnectMaxDelay, Random.Shared.NextDouble());
        _state = State.Waiting;
        Timers.StartSingleTimer(RetryNow.Instance, RetryNow.Instance, delay);
        _log.Info("{0}: {1} ({2}); next attempt in {3:0} ms", _options.Address, wasConnected ? "disconnected" : "connection failed",
            reason.Message, delay.TotalMilliseconds);
        Owner.Tell(new Disconnected(reason, wasConnected, delay));
    }

    private void CloseLink()
    {
        _link?.Close();
        _link = null;
        _flushing = false;
        DropQueue();
        // Anything still in flight from the closed link carries an old generation from now on.
        _generation++;
    }

    private enum State
    {
        Connecting,
        Up,
        Waiting,
        GaveUp,
    }

    private sealed record ConnectOutcome(int Generation, Stream? Stream, Exception? Error);

    private sealed record FrameRead(int Generation, FrameReceived Frame);

    private sealed record ReadEnded(int Generation, Exception Reason);

    private sealed record FlushOutcome(int Generation, int Count, Exception? Error);

    private sealed class RetryNow
    {
        public static readonly RetryNow Instance = new();
    }
}
