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
/// <para>Who it talks to: the owner (the parent unless another is given; the ClientActor) sends
/// <see cref="SenderInvoke"/> and <see cref="CancelInvoke"/>, and handles <see cref="AuthKeyCreated"/> (store the key,
/// then answer <see cref="AuthKeyPersisted"/>), <see cref="AuthKeyInvalid"/> (forget the key, stop this sender),
/// <see cref="ServerSaltChanged"/> (optional persistence) and, in replies, <see cref="MigrateRequiredException"/>.
/// Pushed updates go to <see cref="SenderOptions.UpdatesTarget"/> as <see cref="UpdatesArrived"/>, new server sessions
/// as <see cref="SessionRestarted"/>. The connection child moves bytes and reports <see cref="Connected"/>,
/// <see cref="FrameReceived"/>, <see cref="FramesWritten"/> and <see cref="Disconnected"/>.</para>
/// <para>Behaviours: <c>Connecting</c> (no connection), <c>Handshaking</c> (connected without a key: the auth-key
/// exchange), <c>StoringKey</c> (a new key waits for <see cref="AuthKeyPersisted"/>; nothing is encrypted with it
/// before), <c>Ready</c> (connected with a stored key) and <c>KeyInvalid</c> (the server refused the key with -404:
/// final). Each behaviour handles what can happen in it and falls through to handlers shared by all, which keep the
/// calls and ignore what a behaviour left behind (a timer that fired as the behaviour changed, the answer of an
/// exchange that was abandoned). The state is the behaviour, not a set of flags that every handler must consult.</para>
/// <para>The exchange's arithmetic (RSA, factoring pq, 2048-bit DH powers: milliseconds of CPU) runs off the
/// dispatcher on a scheduler shared by all senders that uses at most half the cores, so that a wave of logins neither
/// blocks this actor nor starves the other accounts' actors of threads. Its result comes back as a message that carries
/// the exchange's generation; an answer from an exchange given up since (reconnect, timeout) is ignored.</para>
/// <para>One clock: request deadlines, flood waits, the exchange's timeout, pings and the acknowledgement delay use
/// the actor system's scheduler (<see cref="ITimeProvider.Now"/> and Akka timers), and so do the session's msg_ids and the
/// exchange's clock offset (<see cref="SchedulerTimeProvider"/>). Under Akka's TestScheduler all of it is virtual.</para>
/// <para>Sending: a request is queued in the session and a flush is scheduled as a message to itself, so the
/// requests already in the mailbox join the same packet (one msg_container); while
/// <see cref="SenderOptions.MaxFramesInFlight"/> packets wait in the connection, new requests gather in the
/// session. There is no batching timer: an idle sender sends at once. Acknowledgements ride on the next packet,
/// or go alone after <see cref="SenderOptions.AckDelay"/>.</para>
/// <para>Bounds: at most <see cref="SenderOptions.MaxPendingCalls"/> calls wait for an answer (more are refused at
/// once); frames read are reported consumed with <see cref="FramesConsumed"/>, once per burst, so the connection stops
/// reading while this actor is behind.</para>
/// <para>Perfect forward secrecy (<see cref="SenderOptions.TemporaryKeyLifetime"/>; see SenderActor.TemporaryKeys.cs):
/// the sender then holds two keys. The permanent key is the account's identity: made once, reported with
/// <see cref="AuthKeyCreated"/> and stored by the owner like any key, and never used to encrypt traffic. The temporary
/// key encrypts everything: made by the sender (the same exchange, with expires_in), bound with auth.bindTempAuthKey as
/// the first request under it, renewed before it expires, and never reported, so that it cannot reach storage.</para>
/// <para>Reconnects: when a connection breaks with requests unanswered, the sender starts a new session
/// (<see cref="MtprotoClientSession.ResetSession"/>) and sends them again, the first wrapped in
/// invokeWithLayer(initConnection); answers to the old session are lost with it, so nothing is answered twice.
/// With nothing outstanding the session is kept, and so is what the server queued for it.</para>
/// </remarks>
internal sealed partial class SenderActor : ReceiveActor, IWithTimers
{
    private const string HandshakeTimer = "handshake";

    // The exchange's arithmetic of every sender in the process shares this much of the machine.
    private static readonly TaskScheduler SharedExchangeScheduler =
        new ConcurrentExclusiveSchedulerPair(TaskScheduler.Default, Math.Max(1, Environment.ProcessorCount / 2)).ConcurrentScheduler;

    private readonly SenderOptions _options;
    private readonly IActorRef? _owner;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SchedulerTimeProvider _clock;
    private readonly MtprotoSessionOptions _sessionOptions;
    private readonly TaskScheduler _exchangeScheduler;
    private readonly Dictionary<long, PendingCall> _calls = [];
    private readonly Dictionary<Guid, long> _callIds = [];
    private readonly HashSet<MtprotoRequest> _drops = [];
    private readonly List<MtprotoEvent> _events = [];
    private IActorRef _connection = ActorRefs.Nobody;
    private MtprotoClientSession? _session;
    private MtprotoRequest? _ping;
    private MtprotoRequest? _initRequest;
    private long _nextCallId;
    private long _reportedSalt;
    private int _exchangeGeneration;
    private int _framesInFlight;
    private int _consumedGeneration;
    private int _consumedCount;
    private bool _sessionUsedConnection;
    private bool _needsInit = true;
    private bool _flushScheduled;

    /// <summary>Creates the actor; use <see cref="Props(SenderOptions, IActorRef?)"/>.</summary>
    public SenderActor(SenderOptions options, IActorRef? owner)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Connection);
        if (options.AuthKey is null && options.PublicKeys.Count == 0)
            throw new ArgumentException("Without an auth key the sender needs the server's RSA public keys.", nameof(options));
        if (options.MaxFramesInFlight < 1)
            throw new ArgumentException("MaxFramesInFlight must be at least 1.", nameof(options));
        if (options.MaxPendingCalls < 1)
            throw new ArgumentException("MaxPendingCalls must be at least 1.", nameof(options));
        if (options.TemporaryKeyLifetime is { } lifetime && (lifetime < TimeSpan.FromSeconds(1) || lifetime.TotalSeconds > int.MaxValue))
            throw new ArgumentException("TemporaryKeyLifetime must be between one second and int.MaxValue seconds.", nameof(options));
        if (options.TemporaryKeyLifetime is not null && options.PublicKeys.Count == 0)
            throw new ArgumentException("With temporary keys the sender needs the server's RSA public keys.", nameof(options));
        _options = options;
        _owner = owner;
        _clock = new SchedulerTimeProvider(Context.System.Scheduler);
        _sessionOptions = (options.Session ?? new MtprotoSessionOptions()).WithTime(_clock);
        _exchangeScheduler = options.ExchangeScheduler ?? SharedExchangeScheduler;
        Connecting();
    }

    /// <summary>The timers (timeouts, flood waits, pings, acks, the exchange's timeout); set by Akka.</summary>
    public ITimerScheduler Timers { get; set; } = null!;

    private IActorRef Owner => _owner ?? Context.Parent;

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    /// <summary>The props of a sender that reports to <paramref name="owner"/>, or to its parent when null.</summary>
    public static Props Props(SenderOptions options, IActorRef? owner = null) =>
        Akka.Actor.Props.Create(() => new SenderActor(options, owner));

    /// <inheritdoc />
    protected override void PreStart()
    {
        if (_options.AuthKey is { } key && UsesTemporaryKeys)
            _permanentKey = new AuthKey(key);
        else if (_options.AuthKey is { } permanent)
            StartSession(new AuthKey(permanent), _options.ServerSalt, timeOffset: 0);
        _connection = Context.ActorOf(DcConnectionActor.Props(_options.Connection), "connection");
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        foreach (var call in _calls.Values.ToList())
            Complete(call, new SenderFailure(call.RequestId, new InvalidOperationException(
                $"The sender of DC {_options.DcId} stopped before {call.Function.TlName} was answered.")));
    }

    // ---- behaviours ---------------------------------------------------------------------------------------------

    /// <summary>No connection. Requests wait in the session, or, without a key yet, as calls.</summary>
    private void Connecting()
    {
        Receive<Connected>(_ => OnLinkUp());
        Receive<Disconnected>(OnLinkDown);
        Common();
    }

    /// <summary>Connected without a key: the exchange runs; its steps compute off this actor's thread.</summary>
    private void Handshaking(Exchange exchange)
    {
        Receive<FrameReceived>(frame => OnHandshakeFrame(exchange, frame));
        Receive<ExchangeStep>(step => step.Generation == exchange.Generation, step => OnExchangeStep(exchange, step));
        Receive<HandshakeTimedOut>(timedOut => timedOut.Generation == exchange.Generation, _ =>
        {
            _log.Warning("DC {0}: the auth-key exchange timed out; reconnecting", _options.DcId);
            _connection.Tell(new Reconnect("the auth-key exchange timed out"));
            Become(Connecting);
        });
        // A new connection (there was no Disconnected in between) starts the exchange over.
        Receive<Connected>(_ => OnLinkUp());
        Receive<Disconnected>(disconnected =>
        {
            // The exchange starts over on the next connection.
            Timers.Cancel(HandshakeTimer);
            OnLinkDown(disconnected);
        });
        Common();
    }

    /// <summary>A new key waits for the owner to store it; nothing is encrypted with it before.</summary>
    private void StoringKey(AuthKeyResult key, bool linkUp)
    {
        Receive<AuthKeyPersisted>(persisted => persisted.KeyId == key.KeyId, _ =>
        {
            if (UsesTemporaryKeys)
            {
                // Stored: the permanent key now binds a temporary one, which carries the traffic.
                _permanentKey = key.Key;
                _permanentKeyMadeAt = Now;
                if (linkUp)
                    BeginExchange(temporary: true);
                else
                    Become(Connecting);
                return;
            }
            StartSession(key.Key, key.ServerSalt, key.TimeOffset);
            if (linkUp)
                BecomeReady();
            else
                Become(Connecting);
        });
        Receive<Connected>(_ =>
        {
            _framesInFlight = 0;
            Become(() => StoringKey(key, linkUp: true));
        });
        Receive<Disconnected>(disconnected =>
        {
            _framesInFlight = 0;
            LogDisconnected(disconnected);
            Become(() => StoringKey(key, linkUp: false));
        });
        Common();
    }

    /// <summary>Connected with a stored key: requests go out, answers come in, pings keep the connection.</summary>
    private void Ready()
    {
        Receive<FrameReceived>(OnFrame);
        Receive<FramesWritten>(written =>
        {
            FramesDone(written.Count);
            TrySend(acksAlone: false);
        });
        Receive<FlushNow>(_ =>
        {
            _flushScheduled = false;
            TrySend(acksAlone: false);
        });
        Receive<AckFlush>(_ => TrySend(acksAlone: true));
        Receive<PingTick>(_ => OnPingTick());
        Receive<RenewTemporaryKey>(_ => BeginRenewal());
        Receive<ExchangeStep>(step => step.Generation == _renewal?.Generation, OnRenewalStep);
        Receive<HandshakeTimedOut>(timedOut => timedOut.Generation == _renewal?.Generation, _ => OnRenewalTimedOut());
        Receive<Connected>(_ =>
        {
            AbandonRenewal();
            OnLinkUp();
        });
        Receive<Disconnected>(disconnected =>
        {
            Timers.Cancel(PingTick.Instance);
            Timers.Cancel(AckFlush.Instance);
            AbandonRenewal();
            if (disconnected.Reason is TransportErrorException { Code: -404 } error)
            {
                if (UsesTemporaryKeys)
                    OnTemporaryKeyUnknown(disconnected);
                else
                    OnAuthKeyInvalid(_session!.AuthKey.Id, error.Code);
                return;
            }
            OnLinkDown(disconnected);
        });
        Common();
    }

    /// <summary>The server refused the key: every request fails at once, nothing is retried.</summary>
    private void KeyInvalid(AuthKeyInvalidException invalid)
    {
        Receive<SenderInvoke>(invoke => Sender.Tell(new SenderFailure(invoke.Id, invalid)));
        ReceiveAny(_ => { });
    }

    /// <summary>What every behaviour but the last handles alike: the calls, the credit, and leftovers of other behaviours.</summary>
    private void Common()
    {
        Receive<SenderInvoke>(OnInvoke);
        Receive<CancelInvoke>(cancel =>
        {
            if (_callIds.TryGetValue(cancel.Id, out var callId))
                Abort(callId, call => new OperationCanceledException($"{call.Function.TlName} was cancelled."));
        });
        Receive<RequestTimedOut>(timedOut => Abort(timedOut.CallId, TimedOut));
        Receive<FloodWaitOver>(OnFloodWaitOver);
        Receive<FrameReceived>(frame =>
        {
            Consumed(frame);
            _log.Debug("DC {0}: ignoring a frame of {1} bytes that came between an exchange and a session", _options.DcId, frame.Payload.Length);
            frame.Release();
        });
        Receive<ReportConsumed>(_ => OnReportConsumed());
        Receive<FramesWritten>(written => FramesDone(written.Count));
        Receive<SendFrameRejected>(OnRejected);
        Receive<FlushNow>(_ => _flushScheduled = false);
        Receive<ExchangeStep>(_ => _log.Debug("DC {0}: ignoring the answer of an abandoned auth-key exchange", _options.DcId));
        Receive<AckFlush>(_ => { });
        Receive<PingTick>(_ => { });
        Receive<HandshakeTimedOut>(_ => { });
        Receive<AuthKeyPersisted>(_ => { });
        Receive<RenewTemporaryKey>(_ => { });
        Receive<BindTimedOut>(_ => { });
        Receive<RetryBinding>(_ => { });
    }

    // ---- the connection ------------------------------------------------------------------------------------------

    private void OnLinkUp()
    {
        _framesInFlight = 0;
        if (UsesTemporaryKeys)
            OnLinkUpWithTemporaryKeys();
        else if (_session is null)
            BeginExchange(temporary: false);
        else
            BecomeReady();
    }

    private void OnLinkDown(Disconnected disconnected)
    {
        _framesInFlight = 0;
        LogDisconnected(disconnected);
        Become(Connecting);
    }

    private void LogDisconnected(Disconnected disconnected) =>
        _log.Info("DC {0}: disconnected ({1}); {2} requests pending", _options.DcId, disconnected.Reason.Message, _calls.Count);

    private void BecomeReady()
    {
        var session = _session!;
        if (_sessionUsedConnection && session.InFlightCount > 0)
            ResetAndResend();
        _sessionUsedConnection = true;
        Timers.StartPeriodicTimer(PingTick.Instance, PingTick.Instance, _options.PingInterval);
        Become(Ready);
        ScheduleFlush();
        if (UsesTemporaryKeys)
            ScheduleRenewal();
    }

    private void OnRejected(SendFrameRejected rejected)
    {
        FramesDone(1);
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

    private void FramesDone(int count) => _framesInFlight = Math.Max(0, _framesInFlight - count);

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

    // ---- the auth-key exchange -----------------------------------------------------------------------------------

    private void BeginExchange(bool temporary)
    {
        var exchange = NewExchange(temporary);
        // The timer starts before anything is sent, so whoever sees the first packet knows the timeout runs.
        Timers.StartSingleTimer(HandshakeTimer, new HandshakeTimedOut(exchange.Generation), _options.HandshakeTimeout);
        Become(() => Handshaking(exchange));
        SendPlain(exchange, exchange.Authenticator.Start());
    }

    /// <summary>An exchange for a permanent key, or for a temporary key of <see cref="SenderOptions.TemporaryKeyLifetime"/>.</summary>
    private Exchange NewExchange(bool temporary)
    {
        var authenticator = new ClientAuthenticator(new ClientAuthenticatorOptions
        {
            PublicKeys = _options.PublicKeys,
            DcId = _options.HandshakeDcId ?? _options.DcId,
            Random = _options.HandshakeRandom,
            Time = _clock,
            TemporaryKeyExpiresIn = temporary ? (int)_options.TemporaryKeyLifetime!.Value.TotalSeconds : null,
        });
        return new Exchange(++_exchangeGeneration, authenticator, new MessageIdGenerator(_clock), temporary, Now);
    }

    private void OnHandshakeFrame(Exchange exchange, FrameReceived frame)
    {
        try
        {
            OnHandshakePayload(exchange, frame);
        }
        finally
        {
            frame.Release();
        }
    }

    private void OnHandshakePayload(Exchange exchange, FrameReceived frame)
    {
        Consumed(frame);
        if (frame.Payload.Length >= 8 && BinaryPrimitives.ReadInt64LittleEndian(frame.Payload.Span) is var keyId and not 0)
        {
            // Encrypted: an answer to the session a renewal retired (perfect forward secrecy), or a leftover.
            if (_retiring is { } retiring && keyId == retiring.AuthKey.Id)
                OnRetiringMessage(retiring, frame.Payload.Span);
            else
                _log.Debug("DC {0}: ignoring a message for auth key {1:x16} during an auth-key exchange", _options.DcId, keyId);
            return;
        }
        if (exchange.Computing)
        {
            _log.Debug("DC {0}: ignoring a frame that came while the auth-key exchange computes", _options.DcId);
            return;
        }
        exchange.Computing = true;
        var generation = exchange.Generation;
        var authenticator = exchange.Authenticator;
        // The step runs on another thread, after the frame may be gone: it gets a copy (handshake messages are small).
        var payload = frame.Payload.ToArray();
        Task.Factory.StartNew(() => ComputeStep(generation, authenticator, payload), CancellationToken.None,
            TaskCreationOptions.DenyChildAttach, _exchangeScheduler).PipeTo(Self);
    }

    /// <summary>One step of the exchange, on the exchange scheduler; never throws (a failure is part of the answer).</summary>
    private static ExchangeStep ComputeStep(int generation, ClientAuthenticator authenticator, byte[] payload)
    {
        try
        {
            PlainMessage.Decode(payload, out var body);
            return new ExchangeStep(generation, authenticator.Process(body), null);
        }
        catch (Exception e)
        {
            return new ExchangeStep(generation, null, e);
        }
    }

    private void OnExchangeStep(Exchange exchange, ExchangeStep answer)
    {
        if (Advance(exchange, answer) is not { } result)
        {
            if (answer.Step is null)
                Become(Connecting);
            return;
        }
        if (exchange.Temporary)
        {
            OnTemporaryKeyMade(exchange, result);
            BeginBinding();
            return;
        }
        _log.Info("DC {0}: created auth key {1:x16}", _options.DcId, result.KeyId);
        Owner.Tell(new AuthKeyCreated(_options.DcId, result.Key.ToArray(), result.KeyId, result.ServerSalt, result.TimeOffset));
        Become(() => StoringKey(result, linkUp: true));
    }

    /// <summary>Takes a step's answer: sends the next message, or gives the finished key; a failure asks for a new connection.</summary>
    private AuthKeyResult? Advance(Exchange exchange, ExchangeStep answer)
    {
        exchange.Computing = false;
        if (answer.Step is not { } step)
        {
            _log.Warning("DC {0}: the auth-key exchange failed ({1}); reconnecting", _options.DcId, answer.Error?.Message);
            Timers.Cancel(HandshakeTimer);
            _connection.Tell(new Reconnect("the auth-key exchange failed"));
            return null;
        }
        if (!step.IsComplete)
        {
            if (step.Outgoing is { } outgoing)
                SendPlain(exchange, outgoing);
            return null;
        }
        Timers.Cancel(HandshakeTimer);
        return step.Result;
    }

    private void SendPlain(Exchange exchange, byte[] body)
    {
        _connection.Tell(new SendFrame(PlainMessage.Encode(exchange.PlainIds.NextClientId(), body)));
        _framesInFlight++;
    }

    // ---- calls ----------------------------------------------------------------------------------------------------

    private void OnInvoke(SenderInvoke invoke)
    {
        if (invoke.Function is null)
        {
            Sender.Tell(new SenderFailure(invoke.Id, new ArgumentException("SenderInvoke needs a function.", nameof(invoke))));
            return;
        }
        if (_callIds.ContainsKey(invoke.Id))
        {
            Sender.Tell(new SenderFailure(invoke.Id, new ArgumentException($"Request {invoke.Id} is already in flight.", nameof(invoke))));
            return;
        }
        if (_calls.Count >= _options.MaxPendingCalls)
        {
            Sender.Tell(new SenderFailure(invoke.Id, new InvalidOperationException(
                $"The sender of DC {_options.DcId} has {_options.MaxPendingCalls} requests unanswered already: {invoke.Function.TlName} was refused.")));
            return;
        }
        var timeout = invoke.Timeout ?? _options.RequestTimeout;
        if (timeout != Timeout.InfiniteTimeSpan && timeout <= TimeSpan.Zero)
        {
            Sender.Tell(new SenderFailure(invoke.Id, new TimeoutException($"{invoke.Function.TlName} had no time left to be sent.")));
            return;
        }
        var call = new PendingCall(++_nextCallId, invoke.Id, Sender, invoke.Function, timeout);
        _calls.Add(call.Id, call);
        _callIds.Add(invoke.Id, call.Id);
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            call.Deadline = Now + timeout;
            Timers.StartSingleTimer(new TimeoutKey(call.Id), new RequestTimedOut(call.Id), timeout);
        }
        if (_session is not null)
        {
            Submit(call);
            ScheduleFlush();
        }
    }

    private static TimeoutException TimedOut(PendingCall call) =>
        new($"{call.Function.TlName} was not answered within {call.Timeout.TotalSeconds:0.###} s.");

    private void OnFloodWaitOver(FloodWaitOver over)
    {
        if (!_calls.TryGetValue(over.CallId, out var call) || call.Request is not null || _session is null)
            return;
        Submit(call);
        ScheduleFlush();
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

    // ---- the session ----------------------------------------------------------------------------------------------

    private void StartSession(AuthKey key, long salt, int timeOffset)
    {
        _session = new MtprotoClientSession(key, salt, options: _sessionOptions);
        _session.MessageIds.ClockOffset = TimeSpan.FromSeconds(timeOffset);
        _reportedSalt = salt;
        _needsInit = true;
        foreach (var call in _calls.Values.OrderBy(c => c.Id).ToList())
            Submit(call);
    }

    private void OnFrame(FrameReceived frame)
    {
        var session = _session!;
        var payload = frame.Payload.Span;
        var keyId = payload.Length < 8 ? 0 : BinaryPrimitives.ReadInt64LittleEndian(payload);
        if (keyId == 0 && _renewal is { } renewal)
        {
            // The next temporary key is being made on this connection, in plain messages between the encrypted ones.
            OnHandshakeFrame(renewal, frame);
            return;
        }
        Consumed(frame);
        if (keyId == 0)
        {
            _log.Debug("DC {0}: ignoring a plain message of {1} bytes outside an auth-key exchange", _options.DcId, payload.Length);
            frame.Release();
            return;
        }
        if (keyId != session.AuthKey.Id)
        {
            _log.Debug("DC {0}: ignoring a message for auth key {1:x16}, which this session no longer uses", _options.DcId, keyId);
            frame.Release();
            return;
        }
        _events.Clear();
        try
        {
            session.ProcessIncoming(payload, _events);
        }
        catch (MtprotoException e)
        {
            _log.Warning("DC {0}: dropped an incoming message ({1}: {2})", _options.DcId, e.Reason, e.Message);
            return;
        }
        finally
        {
            // The session decrypted the packet into a buffer of its own: nothing refers to the frame any more.
            frame.Release();
        }
        foreach (var e in _events)
            Handle(e);
        _events.Clear();
        ReportSalt();
        if (session.QueuedCount > 0)
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
            if (wait <= _options.FloodSleepThreshold && (call.Deadline is not { } deadline || Now + wait < deadline))
            {
                call.Request = null;
                Timers.StartSingleTimer(new FloodKey(call.Id), new FloodWaitOver(call.Id), wait);
                _log.Info("DC {0}: {1} for {2}; sending it again in {3} s", _options.DcId, error.RawMessage, call.Function.TlName, seconds);
                return;
            }
        }
        Complete(call, new SenderFailure(call.RequestId, MigrateRequiredException.From(error, call.Function) ?? error));
    }

    private static bool IsFloodWait(string name) =>
        name is "FLOOD_WAIT" or "FLOOD_PREMIUM_WAIT" or "FLOOD_TEST_PHONE_WAIT" or "SLOWMODE_WAIT";

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

    private void OnAuthKeyInvalid(long keyId, int code)
    {
        var invalid = new AuthKeyInvalidException(_options.DcId, keyId, code);
        _log.Warning("DC {0}: the server does not know auth key {1:x16} ({2}); stopping", _options.DcId, keyId, code);
        Context.Stop(_connection);
        _connection = ActorRefs.Nobody;
        Timers.CancelAll();
        Owner.Tell(new AuthKeyInvalid(_options.DcId, keyId));
        foreach (var call in _calls.Values.ToList())
            Complete(call, new SenderFailure(call.RequestId, invalid));
        Become(() => KeyInvalid(invalid));
    }

    private void OnPingTick()
    {
        var session = _session!;
        if (_ping is not null)
        {
            _log.Warning("DC {0}: no pong within {1} s; reconnecting", _options.DcId, _options.PingInterval.TotalSeconds);
            _connection.Tell(new Reconnect("no pong"));
            return;
        }
        _ping = session.Enqueue(new PingDelayDisconnect
        {
            PingId = Random.Shared.NextInt64(),
            DisconnectDelay = (int)Math.Ceiling(_options.PingDisconnectDelay.TotalSeconds),
        });
        ScheduleFlush();
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
        var session = _session!;
        while (_framesInFlight < _options.MaxFramesInFlight && (session.QueuedCount > 0 || (acksAlone && session.PendingAckCount > 0)))
        {
            if (!session.TryPackOutgoing(out var packet, out var length))
                break;
            _connection.Tell(new SendFrame(packet) { Length = length, Rented = true });
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
        // A temporary key's salts die with it: only the permanent key's are worth keeping.
        if (_session is null || _session.ServerSalt == _reportedSalt || UsesTemporaryKeys)
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

        /// <summary>When the call times out, on the scheduler's clock; null without a timeout.</summary>
        public DateTimeOffset? Deadline { get; set; }

        /// <summary>The session's handle of the latest send; null while waiting for a key or sleeping a flood wait.</summary>
        public MtprotoRequest? Request { get; set; }
    }

    /// <summary>One auth-key exchange on one connection.</summary>
    private sealed class Exchange(int generation, ClientAuthenticator authenticator, MessageIdGenerator plainIds, bool temporary, DateTimeOffset startedAt)
    {
        /// <summary>Whether it makes a temporary key (expires_in), which is bound rather than stored.</summary>
        public bool Temporary { get; } = temporary;

        /// <summary>When it started, on the scheduler's clock: a temporary key's lifetime counts from here.</summary>
        public DateTimeOffset StartedAt { get; } = startedAt;

        /// <summary>Tells this exchange's answers from those of exchanges given up before it.</summary>
        public int Generation { get; } = generation;

        public ClientAuthenticator Authenticator { get; } = authenticator;

        /// <summary>The msg_ids of the plain messages.</summary>
        public MessageIdGenerator PlainIds { get; } = plainIds;

        /// <summary>A step runs on the exchange scheduler (the authenticator is not to be touched meanwhile).</summary>
        public bool Computing { get; set; }
    }

    /// <summary>What a step of exchange <paramref name="Generation"/> gave: the next step, or the error that ended it.</summary>
    private sealed record ExchangeStep(int Generation, AuthenticationStep? Step, Exception? Error);

    private sealed record HandshakeTimedOut(int Generation);

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
}
