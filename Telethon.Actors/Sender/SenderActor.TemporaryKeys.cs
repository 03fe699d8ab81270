using System.Buffers.Binary;
using Akka.Actor;
using Akka.Event;
using Telethon.Connection;
using Telethon.Mtproto;
using Telethon.Mtproto.Authentication;
using Telethon.Transport;
using AuthKey = Telethon.Crypto.AuthKey;

namespace Telethon.Sender;

// Perfect forward secrecy (core.telegram.org/api/pfs). Why here: the sender already owns the MTProto session and the
// auth-key exchange, and a temporary key is part of the session, not of the account. It is made, bound, renewed and
// dropped here, and it never leaves this actor: the owner hears of the permanent key only (AuthKeyCreated, stored as
// before), so no temporary key can reach the session store, and a temporary key the server forgets (-404) costs a new
// temporary key, never the permanent key or the login.
//
// Life of a temporary key: made by the exchange with expires_in (off the actor's thread like the permanent one), then
// Binding: a new MTProto session on it whose first and only message is auth.bindTempAuthKey, with the binding message
// encrypted by the permanent key; requests wait meanwhile. Bound, it becomes the session and the requests go out, the
// first wrapped in initConnection again. It lives across reconnects until it expires. Before that (RenewalLead) the
// next key is made on the same connection, in plain messages between the encrypted ones, while the current session
// keeps working; then the current session retires: it stops sending (a request sent on it after the new binding would
// act for nobody), still takes the answers to what it sent, and whatever it leaves unanswered when the new key is bound
// is sent again there.
internal sealed partial class SenderActor
{
    private const string BindRetryTimer = "bind-retry";
    private const string RenewTimer = "renew";

    /// <summary>A brand new permanent key may not have reached every server of the DC yet: its bindings get this long to pass.</summary>
    internal static readonly TimeSpan PermanentKeyPropagation = TimeSpan.FromMinutes(1);

    private AuthKey? _permanentKey;
    private DateTimeOffset _permanentKeyMadeAt = DateTimeOffset.MinValue;
    private TemporaryKey? _temporaryKey;
    private MtprotoClientSession? _retiring;
    private Exchange? _renewal;
    private int _bindGeneration;
    private int _bindFailures;

    private bool UsesTemporaryKeys => _options.TemporaryKeyLifetime is not null;

    /// <summary>How long before a temporary key expires the next one is made: half its lifetime, at most an hour.</summary>
    internal static TimeSpan RenewalLead(TimeSpan lifetime) => TimeSpan.FromTicks(Math.Min(TimeSpan.FromHours(1).Ticks, lifetime.Ticks / 2));

    private void OnLinkUpWithTemporaryKeys()
    {
        if (_temporaryKey is { } key && Now >= key.ExpiresLocal)
        {
            _log.Info("DC {0}: temporary key {1:x16} expired while the connection was down", _options.DcId, key.Key.Id);
            DropTemporaryKey();
        }
        if (_session is not null)
            BecomeReady();
        else if (_permanentKey is null)
            BeginExchange(temporary: false);
        else if (_temporaryKey is not null)
            BeginBinding();
        else
            BeginExchange(temporary: true);
    }

    private void OnTemporaryKeyMade(Exchange exchange, AuthKeyResult result)
    {
        var lifetime = _options.TemporaryKeyLifetime!.Value;
        var offset = TimeSpan.FromSeconds(result.TimeOffset);
        // expires_at is on the server's clock; the sender times the key on its own.
        var expiresAt = (int)(exchange.StartedAt + offset + lifetime).ToUnixTimeSeconds();
        var expiresLocal = DateTimeOffset.FromUnixTimeSeconds(expiresAt) - offset;
        _temporaryKey = new TemporaryKey(result.Key, result.ServerSalt, result.TimeOffset, expiresAt, expiresLocal, expiresLocal - RenewalLead(lifetime));
        _log.Info("DC {0}: created temporary auth key {1:x16}, valid until {2:O}", _options.DcId, result.KeyId, expiresLocal);
    }

    // ---- binding -------------------------------------------------------------------------------------------------------

    /// <summary>Binds the temporary key on a new session over it; requests wait until it is bound.</summary>
    private void BeginBinding()
    {
        var key = _temporaryKey!;
        var session = new MtprotoClientSession(key.Key, key.Salt, options: _sessionOptions);
        session.MessageIds.ClockOffset = TimeSpan.FromSeconds(key.TimeOffset);
        var attempt = new BindAttempt(++_bindGeneration, session) { Request = EnqueueBinding(session) };
        Timers.Cancel(BindRetryTimer);
        Timers.StartSingleTimer(HandshakeTimer, new BindTimedOut(attempt.Generation), _options.HandshakeTimeout);
        Become(() => Binding(attempt));
        SendBinding(attempt);
    }

    private MtprotoRequest EnqueueBinding(MtprotoClientSession session)
    {
        var key = _temporaryKey!;
        var permanent = _permanentKey!;
        return session.Enqueue(msgId =>
            TempKeyBinding.CreateRequest(permanent, key.Key.Id, session.SessionId, msgId, key.ExpiresAt, _options.HandshakeRandom));
    }

    private void SendBinding(BindAttempt attempt)
    {
        while (attempt.Session.PackOutgoing() is { } packet)
        {
            _connection.Tell(new SendFrame(packet));
            _framesInFlight++;
        }
    }

    /// <summary>Connected, with a temporary key being bound: the session on the key before it (renewal) still takes answers.</summary>
    private void Binding(BindAttempt attempt)
    {
        Receive<FrameReceived>(frame => OnBindingFrame(attempt, frame));
        Receive<BindTimedOut>(timedOut => timedOut.Generation == attempt.Generation, _ =>
        {
            _log.Warning("DC {0}: auth.bindTempAuthKey was not answered; reconnecting", _options.DcId);
            _connection.Tell(new Reconnect("auth.bindTempAuthKey was not answered"));
            Become(Connecting);
        });
        Receive<RetryBinding>(retry => retry.Generation == attempt.Generation, retry =>
        {
            if (retry.NewKey)
                BeginExchange(temporary: true);
            else
                BeginBinding();
        });
        Receive<Connected>(_ => OnLinkUp());
        Receive<Disconnected>(disconnected =>
        {
            Timers.Cancel(HandshakeTimer);
            Timers.Cancel(BindRetryTimer);
            if (disconnected.Reason is TransportErrorException { Code: -404 })
                OnTemporaryKeyUnknown(disconnected);
            else
                OnLinkDown(disconnected);
        });
        Common();
    }

    private void OnBindingFrame(BindAttempt attempt, FrameReceived frame)
    {
        Consumed(frame);
        var payload = frame.Payload.Span;
        var keyId = payload.Length < 8 ? 0 : BinaryPrimitives.ReadInt64LittleEndian(payload);
        if (keyId == attempt.Session.AuthKey.Id)
            OnBindingMessage(attempt, payload);
        else if (_retiring is { } retiring && keyId == retiring.AuthKey.Id)
            OnRetiringMessage(retiring, payload);
        else
            _log.Debug("DC {0}: ignoring a message for auth key {1:x16} while binding a temporary key", _options.DcId, keyId);
        frame.Release();
    }

    private void OnBindingMessage(BindAttempt attempt, ReadOnlySpan<byte> payload)
    {
        _events.Clear();
        try
        {
            attempt.Session.ProcessIncoming(payload, _events);
        }
        catch (MtprotoException e)
        {
            _log.Warning("DC {0}: dropped an incoming message while binding ({1}: {2})", _options.DcId, e.Reason, e.Message);
            return;
        }
        var events = _events.ToList();
        _events.Clear();
        bool? bound = null;
        string? refusal = null;
        foreach (var e in events)
        {
            switch (e)
            {
                case RpcResultEvent result when ReferenceEquals(result.Request, attempt.Request):
                    bound = result.Result is true;
                    refusal = result.Result is true ? null : result.DecodeError?.Message ?? "boolFalse";
                    break;
                case RpcErrorEvent error when ReferenceEquals(error.Request, attempt.Request):
                    bound = false;
                    refusal = error.ErrorMessage;
                    break;
                case BadMessageEvent bad when bad.Requests.Contains(attempt.Request!):
                    // Sent again under a new msg_id, it would no longer match its binding message: build it anew.
                    attempt.Session.Cancel(attempt.Request!);
                    if (bad.Resent)
                    {
                        attempt.Request = EnqueueBinding(attempt.Session);
                    }
                    else
                    {
                        bound = false;
                        refusal = $"bad_msg_notification {bad.ErrorCode}";
                    }
                    break;
                case NewSessionCreatedEvent created:
                    _options.UpdatesTarget?.Tell(new SessionRestarted(_options.DcId, created.FirstMsgId, created.UniqueId));
                    break;
            }
        }
        if (bound == true)
            OnBound(attempt);
        else if (bound == false)
            OnBindingRefused(attempt, refusal!);
        else
            SendBinding(attempt);
    }

    /// <summary>An answer to what the previous session sent before it retired: its calls still complete.</summary>
    private void OnRetiringMessage(MtprotoClientSession retiring, ReadOnlySpan<byte> payload)
    {
        _events.Clear();
        try
        {
            retiring.ProcessIncoming(payload, _events);
        }
        catch (MtprotoException e)
        {
            _log.Debug("DC {0}: dropped a message of the retiring session ({1})", _options.DcId, e.Reason);
            return;
        }
        foreach (var e in _events.ToList())
        {
            if (e is RpcResultEvent or RpcErrorEvent or UpdateEvent or UndecodableMessageEvent)
                Handle(e);
        }
        _events.Clear();
    }

    private void OnBound(BindAttempt attempt)
    {
        Timers.Cancel(HandshakeTimer);
        _bindFailures = 0;
        var key = _temporaryKey!;
        var retiring = _retiring;
        _retiring = null;
        _session = attempt.Session;
        _needsInit = true;
        _initRequest = null;
        _ping = null;
        _drops.Clear();
        _log.Info("DC {0}: bound temporary key {1:x16} to auth key {2:x16}", _options.DcId, key.Key.Id, _permanentKey!.Id);
        // Every call goes out on the bound key, the first in initConnection (client info is rewritten after each binding);
        // what the retired session left unanswered is sent again, as after a reconnect.
        var resent = 0;
        foreach (var call in _calls.Values.OrderBy(c => c.Id).ToList())
        {
            if (call.Request is { } old)
            {
                retiring?.Cancel(old);
                call.Request = null;
                resent++;
            }
            else if (Timers.IsTimerActive(new FloodKey(call.Id)))
            {
                continue;
            }
            Submit(call);
        }
        if (resent > 0)
            _log.Info("DC {0}: sending {1} requests of the retired session again", _options.DcId, resent);
        _sessionUsedConnection = true;
        BecomeReady();
    }

    private void OnBindingRefused(BindAttempt attempt, string refusal)
    {
        Timers.Cancel(HandshakeTimer);
        if (refusal == "ENCRYPTED_MESSAGE_INVALID" && Now - _permanentKeyMadeAt >= PermanentKeyPropagation)
        {
            // The server cannot decrypt the binding message: it does not know the permanent key (the key of an older
            // session of a server that forgot it). As with -404 without temporary keys, the owner drops it.
            // It is the fact -404 tells of a key used directly, and is reported as one.
            _log.Warning("DC {0}: the server refused to bind with auth key {1:x16} ({2})", _options.DcId, _permanentKey!.Id, refusal);
            OnAuthKeyInvalid(_permanentKey.Id, -404);
            return;
        }
        // A key the server will not bind is replaced by a new one; anything else (a fresh permanent key that has not
        // reached every server yet, a flood wait, an internal error) is tried again with the same key, later.
        var newKey = refusal is "TEMP_AUTH_KEY_EMPTY" or "TEMP_AUTH_KEY_ALREADY_BOUND" or "boolFalse";
        var delay = TimeSpan.FromSeconds(Math.Min(64, 1 << Math.Min(6, _bindFailures++)));
        _log.Warning("DC {0}: auth.bindTempAuthKey was refused ({1}); {2} in {3} s", _options.DcId, refusal,
            newKey ? "making a new temporary key" : "binding again", delay.TotalSeconds);
        if (newKey)
            _temporaryKey = null;
        Timers.StartSingleTimer(BindRetryTimer, new RetryBinding(attempt.Generation, newKey), delay);
    }

    // ---- renewal ---------------------------------------------------------------------------------------------------------

    private void ScheduleRenewal()
    {
        if (_temporaryKey is not { } key || _renewal is not null)
            return;
        var wait = key.RenewAt - Now;
        if (wait <= TimeSpan.Zero)
            BeginRenewal();
        else
            Timers.StartSingleTimer(RenewTimer, RenewTemporaryKey.Instance, wait);
    }

    /// <summary>Makes the next temporary key on this connection while the current session goes on.</summary>
    private void BeginRenewal()
    {
        if (_renewal is not null || _temporaryKey is not { } key)
            return;
        _log.Info("DC {0}: temporary key {1:x16} expires at {2:O}; making the next one", _options.DcId, key.Key.Id, key.ExpiresLocal);
        var exchange = NewExchange(temporary: true);
        _renewal = exchange;
        Timers.StartSingleTimer(HandshakeTimer, new HandshakeTimedOut(exchange.Generation), _options.HandshakeTimeout);
        SendPlain(exchange, exchange.Authenticator.Start());
    }

    private void OnRenewalStep(ExchangeStep answer)
    {
        var exchange = _renewal!;
        if (Advance(exchange, answer) is not { } result)
        {
            if (answer.Step is null)
                _renewal = null; // a new connection is coming; the renewal starts over on it
            return;
        }
        _renewal = null;
        OnTemporaryKeyMade(exchange, result);
        // The current session retires: it sends nothing more, and what it sent is answered on it or sent again once bound.
        Timers.Cancel(PingTick.Instance);
        Timers.Cancel(AckFlush.Instance);
        _retiring = _session;
        _session = null;
        BeginBinding();
    }

    private void OnRenewalTimedOut()
    {
        _log.Warning("DC {0}: making the next temporary key timed out; reconnecting", _options.DcId);
        _renewal = null;
        _connection.Tell(new Reconnect("making the next temporary key timed out"));
    }

    private void AbandonRenewal()
    {
        if (_renewal is null)
            return;
        _renewal = null;
        Timers.Cancel(HandshakeTimer);
    }

    // ---- losing the temporary key -------------------------------------------------------------------------------------

    /// <summary>The server does not know the temporary key (-404: expired, or forgotten): a new one is made, the permanent key stays.</summary>
    private void OnTemporaryKeyUnknown(Disconnected disconnected)
    {
        _log.Warning("DC {0}: the server does not know temporary key {1:x16} (-404); making a new one",
            _options.DcId, _temporaryKey?.Key.Id ?? 0);
        DropTemporaryKey();
        OnLinkDown(disconnected);
    }

    /// <summary>Forgets the temporary key and its sessions; the calls wait for the next key, then go out again.</summary>
    private void DropTemporaryKey()
    {
        _temporaryKey = null;
        _session = null;
        _retiring = null;
        AbandonRenewal();
        _ping = null;
        _drops.Clear();
        _initRequest = null;
        _needsInit = true;
        _sessionUsedConnection = false;
        foreach (var timer in new object[] { PingTick.Instance, AckFlush.Instance, RenewTimer, BindRetryTimer })
            Timers.Cancel(timer);
        foreach (var call in _calls.Values)
            call.Request = null;
    }

    /// <summary>A temporary key: <paramref name="ExpiresAt"/> on the server's clock (as bound), the rest on the scheduler's.</summary>
    private sealed record TemporaryKey(AuthKey Key, long Salt, int TimeOffset, int ExpiresAt, DateTimeOffset ExpiresLocal, DateTimeOffset RenewAt);

    /// <summary>One auth.bindTempAuthKey on one session.</summary>
    private sealed class BindAttempt(int generation, MtprotoClientSession session)
    {
        public int Generation { get; } = generation;

        public MtprotoClientSession Session { get; } = session;

        /// <summary>The binding request (built anew when the server has it sent again).</summary>
        public MtprotoRequest? Request { get; set; }
    }

    private sealed record BindTimedOut(int Generation);

    private sealed record RetryBinding(int Generation, bool NewKey);

    private sealed class RenewTemporaryKey
    {
        public static readonly RenewTemporaryKey Instance = new();
    }
}
