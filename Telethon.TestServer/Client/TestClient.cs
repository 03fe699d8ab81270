using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Telethon.Crypto;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.TestServer.Network;
using Telethon.Tl;
using Telethon.Tl.Layers;
using Telethon.Transport;
using TlFunctions = Telethon.Tl.Functions;
using TlObject = Telethon.Tl.TlObject;

namespace Telethon.TestServer.Client;

/// <summary>
/// A minimal MTProto client over a real TCP socket, built from the protocol state machines only (no
/// actors): transport codec, auth-key exchange, encrypted session. It exists to probe and load the
/// test server the way any independent client would (smoke tests, load measurements); applications
/// use the Telethon.Actors runtime instead.
/// </summary>
public sealed class TestClient : IAsyncDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly TransportCodec _codec;
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Channel<byte[]> _plainFrames = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<TlObject> _updates = Channel.CreateUnbounded<TlObject>();
    private readonly Channel<QuickAckEvent> _quickAcks = Channel.CreateUnbounded<QuickAckEvent>();
    private readonly CancellationTokenSource _stop = new();
    private readonly object _sessionGate = new();
    private MtprotoClientSession? _session;
    private Task _readLoop = Task.CompletedTask;
    private bool _initialized;
    private TlLayerConverter? _toLayer;
    private TlLayerConverter? _fromLayer;

    private TestClient(TcpClient tcp, TransportCodec codec)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _codec = codec;
    }

    /// <summary>The layer the client announces and speaks on the wire.</summary>
    public int Layer => _toLayer?.To.Layer ?? TlRegistry.Layer;

    /// <summary>The auth key in use.</summary>
    public AuthKeyResult Key { get; private set; } = null!;

    /// <summary>The session_id of the encrypted session.</summary>
    public long SessionId
    {
        get
        {
            lock (_sessionGate)
                return _session!.SessionId;
        }
    }

    /// <summary>Why the connection ended, once it has.</summary>
    public Exception? Closed { get; private set; }

    /// <summary>Updates pushed by the server.</summary>
    public ChannelReader<TlObject> Updates => _updates.Reader;

    /// <summary>Whether packets go with the transport's quick-ack flag (where the transport has one).</summary>
    public bool RequestQuickAcks { get; set; }

    /// <summary>The quick acks the server sent, matched to the requests of their packets.</summary>
    public ChannelReader<QuickAckEvent> QuickAcks => _quickAcks.Reader;

    /// <summary>How many bad_server_salt notifications the server sent (the session resends what they refused).</summary>
    public int BadServerSaltCount => Volatile.Read(ref _badServerSalts);

    /// <summary>Connects, runs the auth-key exchange (unless a key is given) and starts a session.</summary>
    /// <param name="dc">Where to connect.</param>
    /// <param name="serverKey">The server's RSA public key.</param>
    /// <param name="kind">The transport framing.</param>
    /// <param name="obfuscated">Whether to obfuscate the transport (obfuscated2).</param>
    /// <param name="key">An auth key made before on that DC, to skip the exchange.</param>
    /// <param name="layer">Another layer to speak: requests are written in it and its answers and pushes read from it,
    /// as a client built on that layer's schema would (null: the compiled layer).</param>
    /// <param name="temporaryKeyExpiresIn">Makes a temporary key (perfect forward secrecy) that expires after this many seconds, instead of a permanent one.</param>
    public static async Task<TestClient> ConnectAsync(DcEndpoint dc, RsaPublicKey serverKey, TransportKind kind = TransportKind.Intermediate,
        bool obfuscated = false, AuthKeyResult? key = null, TlLayerSchema? layer = null, int? temporaryKeyExpiresIn = null)
    {
        var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(dc.Host, dc.Port);
        var codec = obfuscated ? TransportCodec.CreateObfuscatedClient(kind, (short)dc.Id) : TransportCodec.Create(kind, TransportRole.Client);
        var client = new TestClient(tcp, codec);
        if (layer is not null && layer.Layer != TlRegistry.Layer)
        {
            client._toLayer = new TlLayerConverter(TlLayerSchema.Current, layer);
            client._fromLayer = new TlLayerConverter(layer, TlLayerSchema.Current);
        }
        client._readLoop = Task.Run(client.ReadLoopAsync);
        client.Key = key ?? await client.HandshakeAsync(serverKey, dc.Id, temporaryKeyExpiresIn);
        client._session = new MtprotoClientSession(client.Key.Key, client.Key.ServerSalt);
        return client;
    }

    /// <summary>Sends raw bytes on the socket (for hostile-input tests).</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Frames and sends one MTProto payload as is, with the quick-ack flag when asked.</summary>
    public Task SendFrameAsync(ReadOnlySpan<byte> payload, bool requestQuickAck = false)
    {
        var framed = new ArrayBufferWriter<byte>();
        _codec.Pack(payload, framed, requestQuickAck);
        return WriteAsync(framed.WrittenMemory.ToArray());
    }

    /// <summary>Calls a function and waits for its result; an rpc_error is thrown as <see cref="RpcError"/>.</summary>
    public async Task<T> InvokeAsync<T>(Telethon.Tl.TlFunction<T> function, TimeSpan? timeout = null)
    {
        Telethon.Tl.TlFunction<T> request = function;
        if (!_initialized)
        {
            _initialized = true;
            request = new TlFunctions.InvokeWithLayer<T>
            {
                Layer = Layer,
                Query = new TlFunctions.InitConnection<T>
                {
                    ApiId = 1,
                    DeviceModel = "tests",
                    SystemVersion = "linux",
                    AppVersion = "1.0",
                    SystemLangCode = "en",
                    LangPack = "",
                    LangCode = "en",
                    Query = function,
                },
            };
        }
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sessionGate)
        {
            if (Closed is { } closed)
                throw new IOException("the connection is closed", closed);
            if (_toLayer is { } toLayer)
                _session!.Enqueue(toLayer.Convert(request.ToBytes())).Tag = new LayeredCall(done, function);
            else
                _session!.Enqueue(request).Tag = done;
            _pending.Add(done);
        }
        await FlushAsync();
        try
        {
            var result = await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10));
            return (T)result!;
        }
        finally
        {
            lock (_sessionGate)
                _pending.Remove(done);
        }
    }

    /// <summary>
    /// Calls a function built from the msg_id it is sent with (auth.bindTempAuthKey names it in its encrypted_message),
    /// as is: never wrapped in initConnection. An rpc_error is thrown as <see cref="RpcError"/>.
    /// </summary>
    public async Task<T> InvokeAsync<T>(Func<long, Telethon.Tl.TlFunction<T>> build, TimeSpan? timeout = null)
    {
        var done = new TaskCompletionSource<object?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_sessionGate)
        {
            if (Closed is { } closed)
                throw new IOException("the connection is closed", closed);
            _session!.Enqueue(msgId => build(msgId)).Tag = done;
            _pending.Add(done);
        }
        await FlushAsync();
        try
        {
            return (T)(await done.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(10)))!;
        }
        finally
        {
            lock (_sessionGate)
                _pending.Remove(done);
        }
    }

    /// <summary>Waits for the next pushed update matching <paramref name="match"/>, skipping others.</summary>
    public async Task<TUpdate> NextUpdateAsync<TUpdate>(Func<TUpdate, bool>? match = null, TimeSpan? timeout = null) where TUpdate : TlObject
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var update = await _updates.Reader.ReadAsync(cancel.Token);
            if (update is TUpdate typed && (match is null || match(typed)))
                return typed;
        }
    }

    private async Task<AuthKeyResult> HandshakeAsync(RsaPublicKey serverKey, int dcId, int? temporaryKeyExpiresIn)
    {
        var ids = new MessageIdGenerator();
        var authenticator = new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = [serverKey],
            DcId = dcId,
            TemporaryKeyExpiresIn = temporaryKeyExpiresIn,
        });
        var outgoing = authenticator.Start();
        while (true)
        {
            await SendFrameAsync(PlainMessage.Encode(ids.NextClientId(), outgoing));
            var frame = await _plainFrames.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
            PlainMessage.Decode(frame, out var body);
            var step = authenticator.Process(body);
            if (step.IsComplete)
                return step.Result!;
            outgoing = step.Outgoing!;
        }
    }

    private async Task FlushAsync()
    {
        var quickAck = RequestQuickAcks && _codec.SupportsQuickAck;
        while (true)
        {
            byte[]? packet;
            lock (_sessionGate)
                packet = quickAck ? _session!.PackOutgoing(out _) : _session!.PackOutgoing();
            if (packet is null)
                return;
            await SendFrameAsync(packet, quickAck);
        }
    }

    private async Task WriteAsync(byte[] bytes)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _stream.WriteAsync(bytes);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        var inbox = new byte[16 * 1024];
        var filled = 0;
        var payload = new ArrayBufferWriter<byte>();
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                if (filled == inbox.Length)
                    Array.Resize(ref inbox, inbox.Length * 2);
                var n = await _stream.ReadAsync(inbox.AsMemory(filled), _stop.Token);
                if (n == 0)
                    throw new IOException("the server closed the connection");
                filled += n;
                var offset = 0;
                while (true)
                {
                    payload.Clear();
                    var result = _codec.TryUnpack(inbox.AsSpan(offset, filled - offset), payload, out var consumed);
                    if (result.Status == TransportReadStatus.NeedMoreData)
                        break;
                    offset += consumed;
                    if (result.Status == TransportReadStatus.Frame)
                        await OnFrameAsync(payload.WrittenSpan[..result.PayloadLength].ToArray());
                    else if (result.Status == TransportReadStatus.QuickAck)
                        OnQuickAck(result.QuickAckToken);
                }
                inbox.AsSpan(offset, filled - offset).CopyTo(inbox);
                filled -= offset;
            }
        }
        catch (Exception e)
        {
            Closed = e;
            _updates.Writer.TryComplete(e);
            _quickAcks.Writer.TryComplete(e);
            _plainFrames.Writer.TryComplete(e);
            lock (_sessionGate)
            {
                foreach (var pending in _pending)
                    pending.TrySetException(e);
            }
        }
    }

    private readonly HashSet<TaskCompletionSource<object?>> _pending = [];
    private int _badServerSalts;

    private void OnQuickAck(uint token)
    {
        lock (_sessionGate)
        {
            if (_session is not null)
                _quickAcks.Writer.TryWrite(_session.ProcessQuickAck(token));
        }
    }

    private async Task OnFrameAsync(byte[] frame)
    {
        if (frame.Length >= 8 && BitConverter.ToInt64(frame) == 0)
        {
            await _plainFrames.Writer.WriteAsync(frame);
            return;
        }
        List<MtprotoEvent> events = [];
        lock (_sessionGate)
            _session!.ProcessIncoming(frame, events);
        foreach (var e in events)
        {
            if (e is BadMessageEvent { NewServerSalt: not null })
                Interlocked.Increment(ref _badServerSalts);
            switch (e)
            {
                case RpcResultEvent { Request.Tag: LayeredCall call } result:
                    try
                    {
                        // The answer in the client's layer, read back through the compiled one.
                        var body = _fromLayer!.ConvertResult(call.Function.TlName, result.Body);
                        var reader = new TlReader(body);
                        call.Done.TrySetResult(call.Function.ReadResultObject(ref reader));
                    }
                    catch (Exception ex) when (ex is TlDecodeException or TlLayerConversionException)
                    {
                        call.Done.TrySetException(ex);
                    }
                    break;
                case RpcErrorEvent { Request.Tag: LayeredCall call } error:
                    call.Done.TrySetException(error.ToException());
                    break;
                case UndecodableMessageEvent undecodable when _fromLayer is { } fromLayer:
                    try
                    {
                        var reader = new TlReader(fromLayer.Convert(undecodable.Body));
                        _updates.Writer.TryWrite(TlRegistry.ReadObject(ref reader));
                    }
                    catch (Exception ex) when (ex is TlDecodeException or TlLayerConversionException)
                    {
                        _updates.Writer.TryComplete(ex);
                    }
                    break;
                case RpcResultEvent { Request.Tag: TaskCompletionSource<object?> done } result:
                    if (result.DecodeError is { } decodeError)
                        done.TrySetException(decodeError);
                    else
                        done.TrySetResult(result.Result);
                    break;
                case RpcErrorEvent { Request.Tag: TaskCompletionSource<object?> done } error:
                    done.TrySetException(error.ToException());
                    break;
                case BadMessageEvent { Resent: false } bad:
                    foreach (var request in bad.Requests)
                        (request.Tag is LayeredCall call ? call.Done : request.Tag as TaskCompletionSource<object?>)?.TrySetException(new InvalidOperationException($"bad_msg_notification {bad.ErrorCode}"));
                    break;
                case UpdateEvent update:
                    _updates.Writer.TryWrite(update.Update);
                    break;
            }
        }
        await FlushAsync();
    }

    // A request written in another layer: its answer is read with the compiled function it was made from.
    private sealed record LayeredCall(TaskCompletionSource<object?> Done, Telethon.Tl.TlFunction Function);

    /// <summary>Closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _tcp.Dispose();
        try
        {
            await _readLoop;
        }
        catch (Exception)
        {
        }
        _codec.Dispose();
    }
}
