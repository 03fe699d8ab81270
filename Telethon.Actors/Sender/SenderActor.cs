using System.Buffers.Binary;
using Akka.Actor;
using Akka.Event;
using Telethon.Connection;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.Tl;
using Telethon.Tl.Abcs;
using Telethon.Tl.Functions;
using Telethon.Tl.Mtproto.Functions;
using Telethon.Transport;
using Telethon.Updates;
using AuthKey = Telethon.Crypto.AuthKey;

namespace Telethon.Sender;

/// <summary>
/// One MTProto session on one DC. It owns a <see cref="DcConnectionActor"/> child ("connection"), makes the auth
/// key when it has none (reporting <see cref="AuthKeyCreated"/> to its owner), and drives an
/// <see cref="MtprotoClientSession"/>: every <see cref="SenderInvoke"/> gets exactly one reply, a
/// <see cref="SenderResult"/> or a <see cref="SenderFailure"/>.
/// </summary>
/// <remarks>
/// <para>The owner (the parent unless another is given; the ClientActor) handles <see cref="AuthKeyCreated"/>
/// (persist the key), <see cref="AuthKeyInvalid"/> (forget the key, stop this sender), <see cref="ServerSaltChanged"/>
/// (optional persistence) and, in replies, <see cref="MigrateRequiredException"/>. Pushed updates go to
/// <see cref="SenderOptions.UpdatesTarget"/> as <see cref="UpdatesArrived"/>, new server sessions as
/// <see cref="SessionRestarted"/>.</para>
/// <para>Sending: a request is queued in the session and a flush is scheduled as a message to itself, so the
/// requests already in the mailbox join the same packet (one msg_container); while
/// <see cref="SenderOptions.MaxFramesInFlight"/> packets wait in the connection, new requests gather in the
/// session. There is no batching timer: an idle sender sends at once. Acknowledgements ride on the next packet,
/// or go alone after <see cref="SenderOptions.AckDelay"/>.</para>
/// <para>Reconnects: when a connection breaks with requests unanswered, the sender starts a new session
/// (<see cref="MtprotoClientSession.ResetSession"/>) and sends them again, the first wrapped in
/// invokeWithLayer(initConnection); answers to the old session are lost with it, so nothing is answered twice.
/// With nothing outstanding the session is kept, and so is what the server queued for it.</para>
/// </remarks>
internal sealed class SenderActor : ReceiveActor, IWithTimers
{
    private readonly SenderOptions _options;
    private readonly IActorRef? _owner;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, PendingCall> _calls = [];
    private readonly Dictionary<Guid, long> _callIds = [];
    private AuthKeyResult? _keyAwaitingStore;
    private readonly HashSet<MtprotoRequest> _drops = [];
    private readonly List<MtprotoEvent> _events = [];
    private IActorRef _connection = ActorRefs.Nobody;
    private MtprotoClientSession? _session;
    private ClientAuthenticator? _authenticator;
    private MessageIdGenerator _plainIds = new();
    private MtprotoRequest? _ping;
    private MtprotoRequest? _initRequest;
    private AuthKeyInvalidException? _keyInvalid;
    private long _nextCallId;
    private long _reportedSalt;
    private bool _connected;
    private bool _sessionUsedConnection;
    private bool _needsInit = true;
    private bool _flushScheduled;
    private int _framesInFlight;
    private int _consumedGeneration;
    private int _consumedCount;

    /// <summary>Creates the actor; use <see cref="Props(SenderOptions, IActorRef?)"/>.</summary>
    public SenderActor(SenderOptions options, IActorRef? owner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Connection);
        if (options.AuthKey is null && options.PublicKeys.Count == 0)
            throw new ArgumentException("Without an auth key the sender needs the server's RSA public keys.", nameof(options));
        if (options.MaxFramesInFlight < 1)
            throw new ArgumentException("MaxFramesInFlight must be at least 1.", nameof(options));
        _options = options;
        _owner = owner;

        Receive<SenderInvoke>(OnInvoke);
        Receive<CancelInvoke>(m =>
        {
            if (_callIds.TryGetValue(m.Id, out var callId))
                Abort(callId, call => new OperationCanceledException($"{call.Function.TlName} was cancelled."));
        });
        Receive<AuthKeyPersisted>(OnKeyPersisted);
        Receive<Connected>(OnConnected);
        Receive<Disconnected>(OnDisconnected);
        Receive<FrameReceived>(OnFrame);
        Receive<FramesWritten>(m =>
        {
            _framesInFlight = Math.Max(0, _framesInFlight - m.Count);
            TrySend(acksAlone: false);
        });
        Receive<SendFrameRejected>(OnRejected);
        Receive<FlushNow>(_ =>
        {
            _flushScheduled = false;
            TrySend(acksAlone: false);
        });
        Receive<AckFlush>(_ => TrySend(acksAlone: true));
        Receive<ReportConsumed>(_ => OnReportConsumed());
        Receive<PingTick>(_ => OnPingTick());
        Receive<HandshakeTimedOut>(_ =>
        {
            if (_authenticator is null)
                return;
            _log.Warning("DC {0}: the auth-key exchange timed out; reconnecting", _options.DcId);
            _authenticator = null;
            _connection.Tell(new Reconnect("the auth-key exchange timed out"));
        });
        Receive<RequestTimedOut>(m => Abort(m.CallId, call => new TimeoutException(
            $"{call.Function.TlName} was not answered within {(call.Timeout.TotalSeconds):0.###} s.")));
        Receive<FloodWaitOver>(OnFloodWaitOver);
    }

    /// <summary>The timers (timeouts, flood waits, pings, acks); set by Akka.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private IActorRef Owner => _owner ?? Context.Parent;

    /// <summary>The props of a sender that reports to <paramref name="owner"/>, or to its parent when null.</summary>
    public static Props Props(SenderOptions options, IActorRef? owner = null) =>
        Akka.Actor.Props.Create(() => new SenderActor(options, owner));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_options.AuthKey is { } key)
            StartSession(new AuthKey(key), _options.ServerSalt, timeOffset: 0);
        _connection = Context.ActorOf(DcConnectionActor.Props(_options.Connection), "connection");
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var call in _calls.Values.ToList())
            Complete(call, new SenderFailure(call.RequestId, new InvalidOperationException(
                $"The sender of DC {_options.DcId} stopped before {call.Function.TlName} was answered.")));
    }

    private void OnInvoke(SenderInvoke invoke)
    {
        if (invoke.Function is null)
        {
            Sender.Tell(new SenderFailure(invoke.Id, new ArgumentException("SenderInvoke needs a function.", nameof(invoke))));
            return;
        }
        if (_keyInvalid is { } invalid)
        {
            Sender.Tell(new SenderFailure(invoke.Id, invalid));
            return;
        }
        if (_callIds.ContainsKey(invoke.Id))
        {
            Sender.Tell(new SenderFailure(invoke.Id, new ArgumentException($"Request {invoke.Id} is already in flight.", nameof(invoke))));
            return;
        }
        var timeout = invoke.Timeout ?? _options.RequestTimeout;
        var call = new PendingCall(++_nextCallId, invoke.Id, Sender, invoke.Function, timeout);
        _calls.Add(call.Id, call);
        _callIds.Add(invoke.Id, call.Id);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            call.Deadline = DateTimeOffset.UtcNow + timeout;
            Timers.StartSingleTimer(new TimeoutKey(call.Id), new RequestTimedOut(call.Id), timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout);
        }
        if (_session is not null)
        {
            Submit(call);
            ScheduleFlush();
        }
    }

    private void OnConnected(Connected connected)
    {
        _connected = true;
        _framesInFlight = 0;
        if (_keyInvalid is not null)
            return;
        if (_keyAwaitingStore is not null)
            return;
        if (_session is null)
        {
            StartHandshake();
            return;
        }
        if (_sessionUsedConnection && _session.InFlightCount > 0)
            ResetAndResend();
        _sessionUsedConnection = true;
        Timers.StartPeriodicTimer(PingTick.Instance, PingTick.Instance, _options.PingInterval);
        ScheduleFlush();
    }

    private void OnDisconnected(Disconnected disconnected)
    {
        _connected = false;
        _framesInFlight = 0;
        Timers.Cancel(PingTick.Instance);
        if (_authenticator is not null)
        {
            // The exchange starts over on the next connection.
            _authenticator = null;
            Timers.Cancel(HandshakeTimedOut.Instance);
        }
        if (disconnected.Reason is TransportErrorException { Code: -404 } error && _session is not null)
        {
            OnAuthKeyInvalid(error.Code);
            return;
        }
        _log.Info("DC {0}: disconnected ({1}); {2} requests pending", _options.DcId, disconnected.Reason.Message, _calls.Count);
    }

    private void OnRejected(SendFrameRejected rejected)
    {
        _framesInFlight = Math.Max(0, _framesInFlight - 1);
        switch (rejected.Reason)
        {
            case SendFrameRejectReason.QueueFull:
                // Only reachable when MaxFramesInFlight exceeds the connection's queue: start over on a fresh connection.
                _log.Warning("DC {0}: the connection's write queue is full; reconnecting", _options.DcId);
                _connection.Tell(new Reconnect("write queue full"));
                break;
            case SendFrameRejectReason.Invalid:
                _log.Error("DC {0}: the connection refused a packet of {1} bytes", _options.DcId, rejected.Payload.Length);
                break;
            default:
                // Not connected: the Disconnected message is on its way, the session resends after reconnecting.
                break;
        }
    }

    private void OnFrame(FrameReceived frame)
    {
        Consumed(frame);
        var payload = frame.Payload;
        if (_authenticator is not null)
        {
            OnHandshakeFrame(payload);
            return;
        }
        if (_session is null || _keyInvalid is not null)
            return;
        if (payload.Length < 8 || BinaryPrimitives.ReadInt64LittleEndian(payload) == 0)
        {
            _log.Debug("DC {0}: ignoring a plain message of {1} bytes outside an auth-key exchange", _options.DcId, payload.Length);
            return;
        }
        _events.Clear();
        try
        {
            _session.ProcessIncoming(payload, _events);
        }
        catch (MtprotoException e)
        {
            _log.Warning("DC {0}: dropped an incoming message ({1}: {2})", _options.DcId, e.Reason, e.Message);
            return;
        }
        foreach (var e in _events)
            Handle(e);
        _events.Clear();
        ReportSalt();
        if (_session.QueuedCount > 0)
            ScheduleFlush();
        else
            ArmAckTimer();
    }

    private void Handle(MtprotoEvent e)
    {
        switch (e)
        {
            case RpcResultEvent result:
                if (result.Request?.Tag is PendingCall call)
                {
                    Complete(call, result.DecodeError is { } decodeError ? new SenderFailure(call.RequestId, decodeError) : new SenderResult(call.RequestId, result.Result));
                }
                else if (result.Request is { } own)
                {
                    if (ReferenceEquals(own, _ping))
                        _ping = null;
                    _drops.Remove(own);
                }
                break;
            case RpcErrorEvent error:
                if (error.Request?.Tag is PendingCall failed)
                {
                    OnRpcError(failed, error);
                }
                else if (error.Request is { } own)
                {
                    if (ReferenceEquals(own, _ping))
                        _ping = null;
                    _drops.Remove(own);
                }
                break;
            case BadMessageEvent { Resent: false } bad:
                foreach (var request in bad.Requests)
                {
                    if (request.Tag is PendingCall refused)
                        Complete(refused, new SenderFailure(refused.RequestId, new InvalidOperationException(
                            $"The server refused {refused.Function.TlName} (bad_msg_notification {bad.ErrorCode}).")));
                    else if (ReferenceEquals(request, _ping))
                        _ping = null;
                    else
                        _drops.Remove(request);
                }
                break;
            case NewSessionCreatedEvent created:
                OnNewSession(created);
                break;
            case UpdateEvent { Update: UpdatesBase updates }:
                _options.UpdatesTarget?.Tell(new UpdatesArrived(updates));
                break;
            case UpdateEvent other:
                _log.Debug("DC {0}: ignoring a pushed {1}", _options.DcId, other.Update.TlName);
                break;
            case UndecodableMessageEvent undecodable:
                _log.Warning("DC {0}: could not read message {1}: {2}", _options.DcId, undecodable.MsgId, undecodable.Error.Message);
                break;
        }
    }

    private void OnRpcError(PendingCall call, RpcErrorEvent e)
    {
        var error = new RpcError(e.ErrorCode, e.ErrorMessage, call.Function.TlName);
        if (error.Code == 420 && error.Value is { } seconds && IsFloodWait(error.Name))
        {
            var wait = TimeSpan.FromSeconds(seconds);
            if (wait <= _options.FloodSleepThreshold && (call.Deadline is not { } deadline || DateTimeOffset.UtcNow + wait < deadline))
            {
                _log.Info("DC {0}: {1} for {2}; sending it again in {3} s", _options.DcId, error.RawMessage, call.Function.TlName, seconds);
                call.Request = null;
                Timers.StartSingleTimer(new FloodKey(call.Id), new FloodWaitOver(call.Id), wait);
                return;
            }
        }
        Complete(call, new SenderFailure(call.RequestId, MigrateRequiredException.From(error, call.Function) ?? error));
    }

    private static bool IsFloodWait(string name) =>
        name is "FLOOD_WAIT" or "FLOOD_PREMIUM_WAIT" or "FLOOD_TEST_PHONE_WAIT" or "SLOWMODE_WAIT";

    private void OnFloodWaitOver(FloodWaitOver over)
    {
        if (!_calls.TryGetValue(over.CallId, out var call) || call.Request is not null || _session is null)
            return;
        Submit(call);
        ScheduleFlush();
    }

    private void OnNewSession(NewSessionCreatedEvent created)
    {
        _log.Debug("DC {0}: new server session (first msg_id {1}, {2} requests resent)", _options.DcId, created.FirstMsgId, created.Resent.Count);
        // The server's new session knows the layer only when it saw our invokeWithLayer; otherwise send it again.
        if (_initRequest is not { MsgId: > 0 } init || init.MsgId < created.FirstMsgId)
        {
            _needsInit = true;
            _initRequest = null;
            Resend(created.Resent);
        }
        _options.UpdatesTarget?.Tell(new SessionRestarted(_options.DcId, created.FirstMsgId, created.UniqueId));
    }

    private void ResetAndResend()
    {
        var session = _session!;
        _log.Info("DC {0}: new session to resend {1} unanswered requests", _options.DcId, _calls.Count(c => c.Value.Request is not null));
        session.ResetSession();
        _needsInit = true;
        _initRequest = null;
        // ResetSession queued again everything that awaited an answer: the calls, the ping and rpc_drop_answers.
        if (_ping is { } ping)
            session.Cancel(ping);
        _ping = null;
        foreach (var drop in _drops)
            session.Cancel(drop);
        _drops.Clear();
        foreach (var call in _calls.Values.Where(c => c.Request is not null).OrderBy(c => c.Id).ToList())
        {
            session.Cancel(call.Request!);
            Submit(call);
        }
    }

    /// <summary>Takes queued requests out of the session and queues their calls again in order, so that the first carries initConnection.</summary>
    private void Resend(IReadOnlyList<MtprotoRequest> requests)
    {
        var session = _session!;
        var calls = new List<PendingCall>();
        foreach (var request in requests)
        {
            session.Cancel(request);
            if (request.Tag is PendingCall call && ReferenceEquals(call.Request, request) && _calls.ContainsKey(call.Id))
                calls.Add(call);
            else if (ReferenceEquals(request, _ping))
                _ping = null;
            else
                _drops.Remove(request);
        }
        foreach (var call in calls.OrderBy(c => c.Id))
            Submit(call);
    }

    private void Submit(PendingCall call)
    {
        var session = _session!;
        TlObject message = call.Function;
        var wrap = _needsInit && TlRegistry.Find(call.Function.ConstructorId)?.IsService != true;
        if (wrap)
        {
            message = new InvokeWithLayer
            {
                Layer = TlRegistry.Layer,
                Query = new InitConnection
                {
                    ApiId = _options.ApiId,
                    DeviceModel = _options.DeviceModel,
                    SystemVersion = _options.SystemVersion,
                    AppVersion = _options.AppVersion,
                    SystemLangCode = _options.SystemLangCode,
                    LangPack = _options.LangPack,
                    LangCode = _options.LangCode,
                    Query = call.Function,
                },
            };
        }
        MtprotoRequest request;
        try
        {
            request = session.Enqueue(message);
        }
        catch (Exception e) when (e is ArgumentException or TlEncodeException)
        {
            Complete(call, new SenderFailure(call.RequestId, e));
            return;
        }
        if (wrap)
        {
            _needsInit = false;
            _initRequest = request;
        }
        request.Tag = call;
        call.Request = request;
    }

    private void Abort(long callId, Func<PendingCall, Exception> reason)
    {
        if (!_calls.TryGetValue(callId, out var call))
            return;
        if (call.Request is { } request && _session is not null)
        {
            if (_session.Cancel(request) is { } drop)
            {
                _drops.Add(drop);
                ScheduleFlush();
            }
        }
        Complete(call, new SenderFailure(call.RequestId, reason(call)));
    }

    private void Complete(PendingCall call, object reply)
    {
        if (!_calls.Remove(call.Id))
            return;
        _callIds.Remove(call.RequestId);
        if (call.Deadline is not null)
            Timers.Cancel(new TimeoutKey(call.Id));
        Timers.Cancel(new FloodKey(call.Id));
        call.Request = null;
        call.ReplyTo.Tell(reply);
    }

    private void StartHandshake()
    {
        _authenticator = new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = _options.PublicKeys,
            DcId = _options.HandshakeDcId ?? _options.DcId,
        });
        _plainIds = new MessageIdGenerator();
        SendPlain(_authenticator.Start());
        Timers.StartSingleTimer(HandshakeTimedOut.Instance, HandshakeTimedOut.Instance, _options.HandshakeTimeout);
    }

    private void SendPlain(byte[] body)
    {
        _connection.Tell(new SendFrame(PlainMessage.Encode(_plainIds.NextClientId(), body)));
        _framesInFlight++;
    }

    private void OnHandshakeFrame(byte[] payload)
    {
        AuthenticationStep step;
        try
        {
            PlainMessage.Decode(payload, out var body);
            step = _authenticator!.Process(body);
        }
        catch (Exception e)
        {
            _log.Warning("DC {0}: the auth-key exchange failed ({1}); reconnecting", _options.DcId, e.Message);
            _authenticator = null;
            Timers.Cancel(HandshakeTimedOut.Instance);
            _connection.Tell(new Reconnect("the auth-key exchange failed"));
            return;
        }
        if (!step.IsComplete)
        {
            if (step.Outgoing is { } outgoing)
                SendPlain(outgoing);
            return;
        }
        Timers.Cancel(HandshakeTimedOut.Instance);
        _authenticator = null;
        var result = step.Result;
        _log.Info("DC {0}: created auth key {1:x16}", _options.DcId, result.KeyId);
        // Nothing goes out under the new key until the owner has stored it.
        _keyAwaitingStore = result;
        Owner.Tell(new AuthKeyCreated(_options.DcId, result.Key.ToArray(), result.KeyId, result.ServerSalt, result.TimeOffset));
    }

    private void OnKeyPersisted(AuthKeyPersisted persisted)
    {
        if (_keyAwaitingStore is not { } result || result.KeyId != persisted.KeyId)
            return;
        _keyAwaitingStore = null;
        StartSession(result.Key, result.ServerSalt, result.TimeOffset);
        if (!_connected)
            return;
        _sessionUsedConnection = true;
        Timers.StartPeriodicTimer(PingTick.Instance, PingTick.Instance, _options.PingInterval);
        ScheduleFlush();
    }

    private void StartSession(AuthKey key, long salt, int timeOffset)
    {
        _session = new MtprotoClientSession(key, salt, options: _options.Session);
        _session.MessageIds.ClockOffset = TimeSpan.FromSeconds(timeOffset);
        _reportedSalt = salt;
        _needsInit = true;
        foreach (var call in _calls.Values.OrderBy(c => c.Id).ToList())
            Submit(call);
    }

    private void OnAuthKeyInvalid(int code)
    {
        var keyId = _session!.AuthKey.Id;
        _keyInvalid = new AuthKeyInvalidException(_options.DcId, keyId, code);
        _log.Warning("DC {0}: the server does not know auth key {1:x16} ({2}); stopping", _options.DcId, keyId, code);
        Context.Stop(_connection);
        _connection = ActorRefs.Nobody;
        _connected = false;
        Timers.CancelAll();
        Owner.Tell(new AuthKeyInvalid(_options.DcId, keyId));
        foreach (var call in _calls.Values.ToList())
            Complete(call, new SenderFailure(call.RequestId, _keyInvalid));
    }

    private void OnPingTick()
    {
        if (!_connected || _session is null || _authenticator is not null)
            return;
        if (_ping is not null)
        {
            _log.Warning("DC {0}: no pong within {1} s; reconnecting", _options.DcId, _options.PingInterval.TotalSeconds);
            _connection.Tell(new Reconnect("no pong"));
            return;
        }
        _ping = _session.Enqueue(new PingDelayDisconnect
        {
            PingId = Random.Shared.NextInt64(),
            DisconnectDelay = (int)Math.Ceiling(_options.PingDisconnectDelay.TotalSeconds),
        });
        ScheduleFlush();
    }

    /// <summary>Counts a frame as dealt with; the frames of one mailbox burst are reported to the connection together.</summary>
    private void Consumed(FrameReceived frame)
    {
        if (frame.Generation != _consumedGeneration)
        {
            // Credit belongs to one connection: what an older one told is not reported to the new one.
            _consumedGeneration = frame.Generation;
            _consumedCount = 0;
        }
        if (_consumedCount++ == 0)
            Self.Tell(ReportConsumed.Instance);
    }

    private void OnReportConsumed()
    {
        if (_consumedCount == 0)
            return;
        _connection.Tell(new FramesConsumed(_consumedGeneration, _consumedCount));
        _consumedCount = 0;
    }

    private void ScheduleFlush()
    {
        if (_flushScheduled)
            return;
        _flushScheduled = true;
        Self.Tell(FlushNow.Instance);
    }

    private void TrySend(bool acksAlone)
    {
        if (!_connected || _session is not { } session || _authenticator is not null || _keyInvalid is not null)
            return;
        while (_framesInFlight < _options.MaxFramesInFlight && (session.QueuedCount > 0 || (acksAlone && session.PendingAckCount > 0)))
        {
            if (session.PackOutgoing() is not { } packet)
                break;
            _connection.Tell(new SendFrame(packet));
            _framesInFlight++;
        }
        ArmAckTimer();
    }

    private void ArmAckTimer()
    {
        if (_session is null || _session.PendingAckCount == 0)
            Timers.Cancel(AckFlush.Instance);
        else if (!Timers.IsTimerActive(AckFlush.Instance))
            Timers.StartSingleTimer(AckFlush.Instance, AckFlush.Instance, _options.AckDelay);
    }

    private void ReportSalt()
    {
        if (_session is null || _session.ServerSalt == _reportedSalt)
            return;
        _reportedSalt = _session.ServerSalt;
        Owner.Tell(new ServerSaltChanged(_options.DcId, _reportedSalt));
    }

    private sealed class PendingCall(long id, Guid requestId, IActorRef replyTo, TlFunction function, TimeSpan timeout)
    {
        public long Id { get; } = id;

        public Guid RequestId { get; } = requestId;

        public IActorRef ReplyTo { get; } = replyTo;

        public TlFunction Function { get; } = function;

        public TimeSpan Timeout { get; } = timeout;

        public DateTimeOffset? Deadline { get; set; }

        /// <summary>The session's handle of the latest send; null while waiting for a key or sleeping a flood wait.</summary>
        public MtprotoRequest? Request { get; set; }
    }

    private sealed record TimeoutKey(long CallId);

    private sealed record FloodKey(long CallId);

    private sealed record RequestTimedOut(long CallId);

    private sealed record FloodWaitOver(long CallId);

    private sealed class FlushNow
    {
        public static readonly FlushNow Instance = new();
    }

    private sealed class ReportConsumed
    {
        public static readonly ReportConsumed Instance = new();
    }

    private sealed class AckFlush
    {
        public static readonly AckFlush Instance = new();
    }

    private sealed class PingTick
    {
        public static readonly PingTick Instance = new();
    }

    private sealed class HandshakeTimedOut
    {
        public static readonly HandshakeTimedOut Instance = new();
    }
}
