using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Threading.Channels;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.TestServer.Rpc;
using Telethon.Tl;
using Telethon.Tl.Layers;
using Telethon.Transport;

namespace Telethon.TestServer.Network;

/// <summary>
/// One client TCP connection: recognises the transport from the first bytes, runs auth-key exchanges
/// over plain messages, hands encrypted messages to the session of their auth key, answers requests
/// through the dispatcher, and writes frames in order from one writer loop. Whatever a client sends,
/// only its own connection is closed (with one log line).
/// </summary>
internal sealed class ServerConnection
{
    private readonly DcContext _dc;
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly long _id;

    /// <summary>The error answering a request whose result the session's layer has no constructor for.</summary>
    public const string LayerCannotExpress = "CONSTRUCTOR_NOT_IN_LAYER";
    private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _closed = new();
    private readonly MessageIdGenerator _plainIds;
    private readonly object _codecGate = new();
    private TransportCodec? _codec;
    private ServerAuthenticator? _authenticator;
    private ServerSession? _session;
    private long _frames;
    private volatile bool _watchingDeadline;

    public ServerConnection(DcContext dc, Socket socket, long id)
    {
        _dc = dc;
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _id = id;
        _plainIds = new MessageIdGenerator(dc.Options.Time);
    }

    public bool IsOpen => !_closed.IsCancellationRequested;

    /// <summary>Queues an MTProto packet to be framed and written.</summary>
    public void Send(byte[] packet) => _outbox.Writer.TryWrite(new Outgoing(packet, null) { Length = packet.Length });

    /// <summary>Queues the first <paramref name="length"/> bytes of an array rented from the shared pool, given back once framed.</summary>
    public void SendRented(byte[] rented, int length)
    {
        if (!_outbox.Writer.TryWrite(new Outgoing(rented, null) { Length = length, Rented = true }))
            ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Serves the connection until the client leaves, it misbehaves, or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, _closed.Token);
        // The writer only stops with the server: a connection closing still writes what it queued last (-404, say).
        var writer = WriteLoopAsync(stopping);
        try
        {
            await ReadLoopAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException)
        {
            // The client went away.
        }
        catch (Exception e) when (e is TransportException or MtprotoException or AuthenticationException or TlDecodeException)
        {
            _dc.Log($"connection {_id}: closed: {e.GetType().Name}: {e.Message}");
        }
        catch (Exception e)
        {
            _dc.Log($"connection {_id}: closed on an internal error: {e}");
        }
        finally
        {
            _outbox.Writer.TryComplete();
            await writer;
            Close();
        }
    }

    private async Task ReadLoopAsync(CancellationToken cancel)
    {
        var reader = PipeReader.Create(_stream, new StreamPipeReaderOptions(bufferSize: 16 * 1024, leaveOpen: true));
        var payload = new ArrayBufferWriter<byte>(1024);
        var transportOptions = new TransportOptions { MaxFrameLength = _dc.Options.MaxFrameLength };
        while (true)
        {
            var read = await reader.ReadAsync(cancel);
            var buffer = read.Buffer;
            var consumed = buffer.Start;
            if (_codec is null)
            {
                if (!TransportDetector.TryDetect(buffer, out var detection, out _, transportOptions))
                {
                    if (read.IsCompleted)
                        return;
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    continue;
                }
                _codec = detection.Codec;
            }
            while (true)
            {
                payload.ResetWrittenCount();
                TransportReadResult result;
                SequencePosition position;
                lock (_codecGate)
                    result = _codec.TryUnpack(buffer.Slice(consumed), payload, out position);
                if (result.Status == TransportReadStatus.NeedMoreData)
                    break;
                consumed = position;
                if (result.Status == TransportReadStatus.Frame)
                {
                    HandleFrame(payload.WrittenSpan[..result.PayloadLength], result.QuickAckRequested, cancel);
                    if (_dc.Faults?.ShouldDropConnection(Interlocked.Increment(ref _frames)) == true)
                    {
                        _dc.Log($"connection {_id}: dropped by the fault plan after {_frames} frames");
                        return;
                    }
                }
            }
            reader.AdvanceTo(consumed, buffer.End);
            if (read.IsCompleted)
                return;
        }
    }

    private void HandleFrame(ReadOnlySpan<byte> frame, bool quickAck, CancellationToken cancel)
    {
        if (frame.Length < 8)
            throw new MtprotoException(MtprotoErrorReason.Truncated, $"a frame of {frame.Length} bytes holds no auth_key_id");
        var keyId = BinaryPrimitives.ReadInt64LittleEndian(frame);
        if (keyId == 0)
        {
            HandlePlain(frame);
            return;
        }
        var key = _dc.Keys.Find(_dc.DcId, keyId);
        if (key is null)
        {
            // What Telegram does for an auth key it does not know: transport error -404, then close.
            _dc.Log($"connection {_id}: unknown auth_key_id {keyId:x16}");
            _outbox.Writer.TryWrite(new Outgoing(null, -404));
            _closed.Cancel();
            return;
        }
        var session = _dc.SessionFor(key, MtprotoServerSession.PeekSessionId(key, frame, _dc.Options.MaxFrameLength));
        if (_session != session)
        {
            _session?.Detach(this);
            _session = session;
        }
        IReadOnlyList<MtprotoIncomingRequest> requests;
        bool forceNewSession;
        long badSalts;
        uint quickAckToken;
        lock (session.Gate)
        {
            session.Attach(this);
            badSalts = session.Protocol.BadServerSaltCount;
            requests = session.Protocol.ProcessIncoming(frame, out quickAckToken);
            badSalts = session.Protocol.BadServerSaltCount - badSalts;
            session.TrackSessionId();
            session.MessagesReceived++;
            forceNewSession = _dc.Faults?.ShouldForceNewSession(session.MessagesReceived) == true;
        }
        // The client asked for a quick ack: once the packet is accepted, its token goes back before any answer.
        if (quickAck && quickAckToken != 0)
            _outbox.Writer.TryWrite(new Outgoing(null, null, quickAckToken));
        if (badSalts > 0)
            _dc.Log($"connection {_id}: bad_server_salt for a message of auth key {keyId:x16}");
        foreach (var incoming in requests)
        {
            // Requests of another layer are read here, in the compiled layer.
            var request = new DecodedRequest(incoming, session.Decode(incoming));
            if (request.Function is { } f && _dc.Faults is { } faults)
            {
                var method = MethodName(f);
                if (faults.TryHold(method, () => AnswerHeld(session, request, method)))
                {
                    _dc.Log($"connection {_id}: holding the answer to {method}");
                    continue;
                }
                var delay = faults.NextDelay(method);
                if (delay > TimeSpan.Zero)
                {
                    _ = AnswerLaterAsync(session, request, delay, cancel);
                    continue;
                }
            }
            Answer(session, request);
        }
        session.Flush();
        WatchDisconnectDeadline(session);
        if (forceNewSession)
        {
            _dc.Log($"connection {_id}: the fault plan forces a new session for auth key {keyId:x16}");
            session.Restart(_dc.NewProtocol(key));
        }
    }

    // ping_delay_disconnect: close the connection when no further ping moved the deadline in time.
    private void WatchDisconnectDeadline(ServerSession session)
    {
        if (_watchingDeadline)
            return;
        lock (session.Gate)
        {
            if (session.Protocol.DisconnectDeadline is null)
                return;
        }
        _watchingDeadline = true;
        _ = WatchAsync();

        async Task WatchAsync()
        {
            try
            {
                while (IsOpen)
                {
                    DateTimeOffset? deadline;
                    lock (session.Gate)
                        deadline = session.Protocol.DisconnectDeadline;
                    if (deadline is null)
                        break;
                    var wait = deadline.Value - _dc.Options.Time.GetUtcNow();
                    if (wait <= TimeSpan.Zero)
                    {
                        _dc.Log($"connection {_id}: closed: the ping_delay_disconnect deadline passed");
                        _closed.Cancel();
                        break;
                    }
                    await Task.Delay(wait, _dc.Options.Time, _closed.Token);
                }
            }
            catch (OperationCanceledException)
            {
            }
            finally
            {
                _watchingDeadline = false;
            }
        }
    }

    private static string MethodName(TlFunction function) => RpcDispatcher.Innermost(function).TlName;

    private void HandlePlain(ReadOnlySpan<byte> frame)
    {
        PlainMessage.Decode(frame, out var body);
        _authenticator ??= new ServerAuthenticator(new ServerAuthenticatorOptions
        {
            PrivateKeys = _dc.RsaKeys,
            Time = _dc.Options.Time,
            IsAuthKeyIdInUse = id => _dc.Keys.Contains(_dc.DcId, id),
        });
        AuthenticationStep step;
        try
        {
            step = _authenticator.Process(body);
        }
        catch (AuthenticationException e)
        {
            if (e.Reply is { } reply)
                Send(PlainMessage.Encode(_plainIds.NextServerId(isResponse: true), reply));
            throw;
        }
        if (step.Outgoing is { } outgoing)
            Send(PlainMessage.Encode(_plainIds.NextServerId(isResponse: true), outgoing));
        if (step.Result is { } result)
        {
            if (_dc.Keys.TryAdd(_dc.DcId, result.Key, result.ExpiresIn is { } seconds ? _dc.Options.Time.GetUtcNow().AddSeconds(seconds) : null))
                _dc.StartSalts(result);
            _dc.Log($"connection {_id}: created {(result.IsTemporary ? "temporary" : "permanent")} auth key {result.KeyId:x16}");
            _authenticator = null; // a connection may run another exchange (a temporary key, say)
        }
    }

    private async Task AnswerLaterAsync(ServerSession session, DecodedRequest request, TimeSpan delay, CancellationToken cancel)
    {
        try
        {
            await Task.Delay(delay, _dc.Options.Time, cancel);
            Answer(session, request);
            session.Flush();
        }
        catch (OperationCanceledException)
        {
        }
    }

    // Runs on the thread that released the method: the answer is queued before Release returns.
    private void AnswerHeld(ServerSession session, DecodedRequest request, string method)
    {
        Answer(session, request);
        session.Flush();
        _dc.Log($"connection {_id}: released the answer to {method}");
    }

    private void Answer(ServerSession session, DecodedRequest request)
    {
        if (request.Function is not { } function)
        {
            lock (session.Gate)
                session.Protocol.SendError(request.MsgId, 400, UndecodableError(request.Incoming));
            return;
        }
        CallContext context;
        lock (session.Gate)
            context = session.Context!;
        // The dispatcher runs outside the session's lock: the world pushes to sinks (this one too) while answering.
        var outcome = _dc.Dispatcher.Invoke(context, function, request.MsgId);
        if (outcome.Pending is { } pending)
        {
            // A method waiting on someone else (a bot's answer): the connection goes on with its other requests.
            _ = AnswerWhenSettledAsync(session, request.MsgId, function, pending);
            return;
        }
        Write(session, request.MsgId, function, outcome);
    }

    private async Task AnswerWhenSettledAsync(ServerSession session, long msgId, TlFunction function, Task<RpcOutcome> pending)
    {
        // The session outlives the connection: without one, the answer stays queued until the client comes back.
        var outcome = await pending.ConfigureAwait(false);
        Write(session, msgId, function, outcome);
        session.Flush();
    }

    private void Write(ServerSession session, long msgId, TlFunction function, RpcOutcome outcome)
    {
        lock (session.Gate)
        {
            if (outcome.Error is { } error)
            {
                session.Protocol.SendError(msgId, error.Code, error.RawMessage);
                return;
            }
            var writer = new TlWriter(256);
            try
            {
                function.WriteResultObject(ref writer, outcome.Value);
                if (session.Layer is { } layer)
                    session.Protocol.SendResult(msgId, layer.FromCurrent.ConvertResult(MethodName(function), writer.WrittenSpan));
                else
                    session.Protocol.SendResult(msgId, writer.WrittenSpan);
            }
            catch (Exception e) when (e is InvalidCastException or TlEncodeException)
            {
                _dc.Log($"connection {_id}: cannot write the result of {function.TlName}: {e.Message}");
                session.Protocol.SendError(msgId, 500, "INTERNAL");
            }
            catch (TlLayerConversionException e)
            {
                // An answer the session's layer cannot express is an error the client can read, never bytes it would misread.
                _dc.Log($"connection {_id}: the result of {MethodName(function)} cannot be written in layer {e.TargetLayer}: {e.Message}");
                session.Protocol.SendError(msgId, 400, LayerCannotExpress);
            }
            finally
            {
                writer.Dispose();
                outcome.Release();
            }
        }
    }

    // A request of another layer, or garbage: say what was wrong rather than guess or drop the connection.
    private static string UndecodableError(MtprotoIncomingRequest request)
    {
        if (request.Body.Length < 4)
            return "INPUT_REQUEST_TOO_SHORT";
        var id = BinaryPrimitives.ReadUInt32LittleEndian(request.Body);
        return TlRegistry.Find(id) is { IsFunction: true } ? "INPUT_CONSTRUCTOR_INVALID" : "INPUT_METHOD_INVALID";
    }

    private async Task WriteLoopAsync(CancellationToken cancel)
    {
        var framed = new ArrayBufferWriter<byte>(1024);
        try
        {
            await foreach (var item in _outbox.Reader.ReadAllAsync(CancellationToken.None))
            {
                framed.ResetWrittenCount();
                lock (_codecGate)
                {
                    if (_codec is null)
                        continue;
                    if (item.TransportError is { } code)
                        _codec.PackTransportError(code, framed);
                    else if (item.QuickAckToken != 0)
                        _codec.PackQuickAck(item.QuickAckToken, framed);
                    else
                        _codec.Pack(item.Packet.AsSpan(0, item.Length), framed);
                }
                if (item.Rented)
                    ArrayPool<byte>.Shared.Return(item.Packet!);
                await _stream.WriteAsync(framed.WrittenMemory, cancel);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // Closing: what was not written is lost with the connection, as on a real network.
        }
    }

    /// <summary>Closes the socket; the session keeps what it had queued for the next connection.</summary>
    public void Close()
    {
        if (!_closed.IsCancellationRequested)
            _closed.Cancel();
        _session?.Detach(this);
        _stream.Dispose();
        _socket.Dispose();
    }

    private readonly record struct Outgoing(byte[]? Packet, int? TransportError, uint QuickAckToken = 0)
    {
        public int Length { get; init; }

        public bool Rented { get; init; }
    }

    // A request with its function read in the compiled layer (null when no known layer reads it).
    private sealed record DecodedRequest(MtprotoIncomingRequest Incoming, TlFunction? Function)
    {
        public long MsgId => Incoming.MsgId;
    }
}
