using System.Collections.Immutable;
using Akka.Actor;
using Akka.Event;
using Telethon.Connection;
using Telethon.Embedding;
using Telethon.Handlers;
using Telethon.Model;
using Telethon.Sender;
using Telethon.Session;
using UpdatesBase = Telethon.Tl.Abcs.UpdatesBase;
using TlUserBase = Telethon.Tl.Abcs.User;
using Telethon.Updates;
using SenderAuthKeyCreated = Telethon.Sender.AuthKeyCreated;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Accounts;

/// <summary>
/// One account, and its only owner. Every request the account makes, whoever makes it (the <see cref="Client"/> facade,
/// a handler's reply, the updates actor's differences), is an <see cref="AccountRequest"/> to this actor and takes one
/// path: to the sender of its DC (home, or the file DC it names), following *_MIGRATE_X to another DC, with the request's
/// own Updates and peers fed to the updates actor and sign-in and sign-out read from results before the answer goes back.
/// </summary>
/// <remarks>
/// <para>Children, each made from what the account knows now and never restarted from old props: <c>session-n</c>
/// (<see cref="SessionActor"/>, the one copy of the session), <c>dc-N-n</c> (the <see cref="SenderActor"/> of the home
/// DC, and one for each other DC in use, a file's DC: made the first time a request names that DC or is answered
/// FILE_MIGRATE_X / STATS_MIGRATE_X, and kept for reuse while the account runs), and, while signed in,
/// <c>updates-n</c> (<see cref="UpdatesActor"/>) with its <c>handlers-n</c> (<see cref="HandlerChainActor"/> over the
/// <see cref="HandlerRegistry"/>, which lives outside the actors). A failing child is stopped and built again: a sender
/// with the key the session has now (and its requests sent again), the updates actor and its chain from the handled
/// watermark (catching up), the session from its journal. Stopping the account stops every sender.</para>
/// <para>The account keeps no copy of the session. It knows its children: which DC is home, and whom the updates actor
/// serves. Facts go to the session as commands kept in an outbox until the session acknowledges them; a re-created session
/// gets the outbox again and the updates actor's whole watermark, so nothing unacknowledged is lost. What depends on a
/// fact waits for its acknowledgement: a new auth key is stored before the sender uses it (with perfect forward secrecy the
/// permanent key; the temporary keys that carry the traffic never leave the sender), a sign-in is stored before its
/// caller hears of it, a new home DC is stored before the request moves there.</para>
/// <para>A file DC's key gets the account's authorization (auth.exportAuthorization at home, auth.importAuthorization
/// there) once per key, before the requests waiting for that DC go; a 401 AUTH_KEY_UNREGISTERED there imports it again.
/// A file DC never becomes home and its failures never sign the account out: a -404 drops that DC's key only.</para>
/// <para>Messages in and out are plain data (no delegates, tokens or facades): cancellation is
/// <see cref="CancelAccountRequest"/>, and the handlers are found through the registry given to the props.</para>
/// </remarks>
internal sealed class ClientActor : ReceiveActor, IWithTimers
{
    /// <summary>The most requests held while no sender can take them (loading, moving to another DC).</summary>
    internal const int MaxWaitingRequests = 10_000;

    private const int MaxMigrations = 3;
    private const string SweepTimer = "sweep";
    private const string StopTimer = "stop";
    private static readonly TimeSpan SessionAskTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    // 401 answers that mean the authorization is gone (SESSION_PASSWORD_NEEDED is a 401 too, and is not one of them).
    private static readonly HashSet<string> AuthorizationGone =
        ["AUTH_KEY_UNREGISTERED", "AUTH_KEY_INVALID", "USER_DEACTIVATED", "USER_DEACTIVATED_BAN", "SESSION_REVOKED", "SESSION_EXPIRED"];

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _key;
    private readonly ClientOptions _options;
    private readonly HandlerRegistry _handlers;
    private readonly SessionActorSettings _sessionSettings;
    private readonly IReadOnlyList<DcAddress> _dataCenters;
    private readonly Dictionary<Guid, Call> _calls = [];
    private readonly Queue<Guid> _unsent = new();
    private readonly Dictionary<long, OutboxEntry> _outbox = [];
    private readonly HashSet<IActorRef> _retiring = [];
    private readonly List<IActorRef> _statusWaiters = [];
    private readonly List<IActorRef> _stopWaiters = [];
    private IActorRef _session = ActorRefs.Nobody;
    private IActorRef? _home;
    private IActorRef? _updates;
    private IActorRef? _chain;
    private IActorRef? _stoppingUpdates;
    private SessionUser? _user;
    private int _homeDc;
    private int? _migratingTo;
    private Tl.Types.Auth.ExportedAuthorization? _transfer;
    private readonly Dictionary<Guid, Step> _steps = [];
    private readonly Dictionary<int, FileDc> _fileDcs = [];
    private bool _loaded;
    private bool _restarted;
    private int _generation;
    private int _sessionFailures;
    private int _senderFailures;
    private int _updatesFailures;
    private long _nextPersist;

    public ClientActor(string sessionKey, ClientOptions options, HandlerRegistry handlers, SessionActorSettings sessionSettings)
    {
        _key = sessionKey;
        _options = options;
        _handlers = handlers;
        _sessionSettings = sessionSettings;
        _dataCenters = options.EffectiveDataCenters;
        _homeDc = options.HomeDataCenter(null);
        Running();
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the actor of account <paramref name="sessionKey"/>.</summary>
    public static Props Props(string sessionKey, ClientOptions options, HandlerRegistry handlers, SessionActorSettings? sessionSettings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handlers);
        options.Validate();
        var settings = sessionSettings ?? SessionActorSettings.Default;
        settings.Validate();
        return Akka.Actor.Props.Create(() => new ClientActor(sessionKey, options, handlers, settings));
    }

    private DateTimeOffset Now => Context.System.Scheduler.Now;

    protected override SupervisorStrategy SupervisorStrategy() =>
        // A failing child is stopped, never restarted from its props: Terminated makes it again from current state.
        new OneForOneStrategy(-1, -1, _ => Directive.Stop);

    protected override void PreStart()
    {
        _session = StartSession();
        Load(LoadPurpose.Start);
        Timers.StartPeriodicTimer(SweepTimer, Sweep.Instance, TimeSpan.FromSeconds(1));
    }

    protected override void PreRestart(Exception reason, object message)
    {
        FailAll("the account failed and is starting again");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        // Made again after a failure within the process: update handling resumes from the watermark whatever CatchUp says,
        // since CatchUp is about what happened while the account was not running, and it never stopped running.
        _restarted = true;
        base.PostRestart(reason);
    }

    protected override void PostStop() => FailAll("the account stopped");

    private void Running()
    {
        Receive<AccountRequest>(OnRequest);
        Receive<CancelAccountRequest>(OnCancel);
        Receive<GetAccountStatus>(_ =>
        {
            if (_loaded)
                Sender.Tell(Status());
            else
                _statusWaiters.Add(Sender);
        });
        Receive<Embedding.CatchUp>(_ => _updates?.Tell(CatchUpUpdates.Instance));
        Receive<LookupPeer>(lookup =>
        {
            // The session is the one copy of the peers the account has seen; while it is being made again, nothing is known.
            if (_session.IsNobody())
                Sender.Tell(new PeerLookupResult(null));
            else
                _session.Forward(lookup);
        });
        Receive<AccountResult>(result => OnStepDone(result.Id, result.Value, null));
        Receive<AccountFailure>(failure => OnStepDone(failure.Id, null, failure.Cause));
        Receive<StopAccount>(_ => BeginStop());
        Receive<Loaded>(OnLoaded);
        Receive<LoadFailed>(failed =>
        {
            _log.Warning("Account {0}: reading the session failed ({1}); trying again", _key, failed.Cause.Message);
            Timers.StartSingleTimer(("load", failed.Purpose, failed.DcId), new RetryLoad(failed.Purpose, failed.DcId), Backoff(++_sessionFailures));
        });
        Receive<RetryLoad>(retry => Load(retry.Purpose, retry.DcId));

        // From the senders.
        Receive<SenderResult>(OnSenderResult);
        Receive<SenderFailure>(OnSenderFailure);
        Receive<SenderAuthKeyCreated>(OnAuthKeyCreated);
        Receive<AuthKeyInvalid>(OnAuthKeyInvalid);
        Receive<ServerSaltChanged>(_ => { });
        Receive<UpdatesArrived>(arrived => _updates?.Tell(arrived));
        Receive<SessionRestarted>(_ => _updates?.Tell(CatchUpUpdates.Instance));

        // From the updates actor.
        Receive<WatermarkAdvanced>(OnWatermark);
        Receive<UpdatesStarted>(_ =>
        {
            if (!Sender.Equals(_updates))
                return;
            _updatesFailures = 0;
            foreach (var call in _calls.Values.Where(c => c.Phase == Phase.AwaitingUpdates).ToList())
                Complete(call, new AccountResult(call.Id, call.Result));
        });
        Receive<PeersSeen>(seen =>
        {
            if (Sender.Equals(_updates) && ToPeerInfos(seen.Peers) is { Count: > 0 } peers)
                Persist(new RecordPeers(peers), new Then.Nothing());
        });

        // From the session.
        Receive<Persisted>(OnPersisted);
        Receive<PersistFailed>(failed =>
        {
            if (!_outbox.TryGetValue(failed.Id, out var entry))
                return;
            _log.Warning("Account {0}: the session did not acknowledge {1} ({2}); sending it again", _key, entry.Command.GetType().Name,
                failed.Cause.Message);
            Timers.StartSingleTimer(("persist", failed.Id), new ResendPersist(failed.Id), Backoff(1));
        });
        Receive<ResendPersist>(resend =>
        {
            if (_outbox.TryGetValue(resend.Id, out var entry) && !_session.IsNobody())
                SendPersist(entry);
        });
        Receive<RecreateSessionNow>(_ => RecreateSession());

        Receive<Terminated>(OnTerminated);
        Receive<Sweep>(_ => OnSweep());
    }

    // ---- requests -------------------------------------------------------------------------------------------------

    private void OnRequest(AccountRequest request)
    {
        if (request.Function is null)
        {
            Sender.Tell(new AccountFailure(request.Id, new ArgumentException("The request has no function.", nameof(request))));
            return;
        }
        if (_calls.ContainsKey(request.Id))
        {
            Sender.Tell(new AccountFailure(request.Id, new ArgumentException($"Request {request.Id} is already in flight.", nameof(request))));
            return;
        }
        var timeout = request.Timeout ?? _options.RequestTimeout;
        var deadline = timeout == Timeout.InfiniteTimeSpan || timeout > TimeSpan.FromDays(365) ? DateTimeOffset.MaxValue : Now + timeout;
        if (request.DcId is { } dcId && !_dataCenters.Any(d => d.DcId == dcId))
        {
            Sender.Tell(new AccountFailure(request.Id, new ArgumentException(
                $"DC {dcId} is not among the account's data centers (ClientOptions.DataCenters, or Telegram's built-in ones when it is empty): " +
                $"{request.Function.TlName} cannot be sent there.", nameof(request))));
            return;
        }
        var call = new Call(request.Id, Sender, request.Function, deadline) { DcId = request.DcId };
        _calls.Add(call.Id, call);
        Send(call);
    }

    /// <summary>Sends the call to its DC's sender: the home DC's, or a file DC's (made, and authorized, first when needed).</summary>
    private void Send(Call call)
    {
        // Before the session is read the home DC is not known: everything waits for it.
        if (_loaded && call.DcId is { } dcId && dcId != _homeDc)
        {
            SendToFileDc(call, dcId);
            return;
        }
        if (_home is null || _migratingTo is not null)
        {
            Hold(call, _unsent);
            return;
        }
        SendTo(call, _home, null);
    }

    /// <summary>Keeps the call in <paramref name="queue"/> until its sender can take it, within <see cref="MaxWaitingRequests"/>.</summary>
    private void Hold(Call call, Queue<Guid> queue)
    {
        var waiting = _unsent.Count;
        foreach (var dc in _fileDcs.Values)
            waiting += dc.Waiting.Count;
        if (waiting >= MaxWaitingRequests)
        {
            Complete(call, new AccountFailure(call.Id, new InvalidOperationException(
                $"The account holds {MaxWaitingRequests} requests already while it cannot send: {call.Function.TlName} was refused.")));
            return;
        }
        call.Phase = Phase.Waiting;
        queue.Enqueue(call.Id);
    }

    private void SendTo(Call call, IActorRef sender, FileDc? fileDc)
    {
        var remaining = call.Deadline == DateTimeOffset.MaxValue ? Timeout.InfiniteTimeSpan : call.Deadline - Now;
        if (remaining != Timeout.InfiniteTimeSpan && remaining <= TimeSpan.Zero)
        {
            Complete(call, new AccountFailure(call.Id, TimedOut(call)));
            return;
        }
        call.Phase = Phase.AtSender;
        call.At = sender;
        call.AtFileDc = fileDc?.DcId;
        call.SentEpoch = fileDc?.Epoch ?? 0;
        sender.Tell(new SenderInvoke(call.Id, call.Function, remaining));
    }

    private void SendWaiting()
    {
        while (_home is not null && _migratingTo is null && _unsent.TryDequeue(out var id))
        {
            if (_calls.TryGetValue(id, out var call) && call.Phase == Phase.Waiting)
                Send(call);
        }
        AdvanceFileDcs();
    }

    /// <summary>A file DC's authorization is exported from home: what waited for home to be ready goes on.</summary>
    private void AdvanceFileDcs()
    {
        foreach (var dc in _fileDcs.Values.ToList())
        {
            if (dc.Waiting.Count > 0)
                Advance(dc);
        }
    }

    /// <summary>Answers every request waiting for a sender with the failure <paramref name="why"/> gives it.</summary>
    private void FailWaiting(Func<Call, Exception> why)
    {
        while (_unsent.TryDequeue(out var id))
        {
            if (_calls.TryGetValue(id, out var call) && call.Phase == Phase.Waiting)
                Complete(call, new AccountFailure(id, why(call)));
        }
    }

    private void OnCancel(CancelAccountRequest cancel)
    {
        if (!_calls.TryGetValue(cancel.Id, out var call))
            return;
        call.At?.Tell(new CancelInvoke(call.Id));
        Complete(call, new AccountFailure(call.Id, new OperationCanceledException($"{call.Function.TlName} was cancelled.")));
    }

    private void OnSenderResult(SenderResult result)
    {
        if (!TakeFromSender(result.Id, out var call))
            return;
        var value = result.Value;
        if (_steps.TryGetValue(call.Id, out var step) && step.Kind is StepKind.FileExport or StepKind.FileImport)
        {
            // The account's own authorization of a file DC: not a sign-in, and nothing for update handling.
            Complete(call, new AccountResult(call.Id, value));
            return;
        }
        var fromFileDc = call.AtFileDc is { } dcId && _fileDcs.TryGetValue(dcId, out var fileDc) ? fileDc : null;
        if (fromFileDc is not null)
            fromFileDc.Failures = 0;
        // The request's own Updates and the peers of its result reach update handling before the caller hears back.
        if (value is UpdatesBase updates)
            _updates?.Tell(new UpdatesArrived(updates));
        else if (PeersOf(value) is { } peers)
        {
            _updates?.Tell(peers);
            // The session learns the result's peers before the caller hears back, so a lookup the caller makes next (a
            // reference without its hash, a mention, a username) finds them: the session takes commands in order.
            RecordResultPeers(peers);
        }

        switch (value)
        {
            case TlTypes.Auth.LoggedOut when fromFileDc is not null:
                // That DC's key lost its authorization; the account stays signed in at home.
                fromFileDc.AuthorizedFor = null;
                Complete(call, new AccountResult(call.Id, value));
                break;
            case not null when fromFileDc is not null:
                // A file DC's answers never sign the account in or out: that happens at home.
                Complete(call, new AccountResult(call.Id, value));
                break;
            case TlTypes.Auth.Authorization { User: TlTypes.User user }:
                SignedIn(call, value, user);
                break;
            case TlTypes.Auth.LoginTokenSuccess { Authorization: TlTypes.Auth.Authorization { User: TlTypes.User user } }:
                SignedIn(call, value, user);
                break;
            case TlTypes.Auth.LoggedOut:
                call.Result = value;
                call.Phase = Phase.Persisting;
                SignedOut(call.Id);
                break;
            default:
                Complete(call, new AccountResult(call.Id, value));
                break;
        }
    }

    private void OnSenderFailure(SenderFailure failure)
    {
        if (!TakeFromSender(failure.Id, out var call))
            return;
        if (_steps.ContainsKey(call.Id))
        {
            Complete(call, new AccountFailure(call.Id, failure.Cause));
            return;
        }
        if (call.AtFileDc is { } dcId)
        {
            OnFileDcFailure(call, dcId, failure.Cause);
            return;
        }
        switch (failure.Cause)
        {
            case MigrateRequiredException { Kind: MigrateKind.Phone or MigrateKind.User or MigrateKind.Network } migrate:
                Migrate(call, migrate);
                break;
            case MigrateRequiredException { Kind: MigrateKind.File or MigrateKind.Stats } migrate:
                FollowToDc(call, migrate);
                break;
            case RpcError { Code: 401 } error when _user is not null && AuthorizationGone.Contains(error.Name):
                _log.Warning("Account {0}: Telegram answered {1}: the authorization is gone; signing out", _key, error.RawMessage);
                SignedOut(null);
                Complete(call, new AccountFailure(call.Id, error));
                break;
            default:
                Complete(call, new AccountFailure(call.Id, failure.Cause));
                break;
        }
    }

    /// <summary>The call <paramref name="id"/> if the sender that answered is the one it was at (else the answer is stale).</summary>
    private bool TakeFromSender(Guid id, out Call call)
    {
        if (!_calls.TryGetValue(id, out call!) || call.Phase != Phase.AtSender || !Sender.Equals(call.At))
            return false;
        call.At = null;
        call.Phase = Phase.Waiting;
        RetireIfIdle(Sender);
        return true;
    }

    /// <summary>A failure from file DC <paramref name="dcId"/>'s sender: never signs the account out nor moves its home.</summary>
    private void OnFileDcFailure(Call call, int dcId, Exception cause)
    {
        call.AtFileDc = null;
        switch (cause)
        {
            case MigrateRequiredException { Kind: MigrateKind.File or MigrateKind.Stats } migrate:
                FollowToDc(call, migrate);
                break;
            case RpcError { Code: 401, Name: "AUTH_KEY_UNREGISTERED" } when _user is not null && !call.Reimported
                && _fileDcs.TryGetValue(dcId, out var dc):
                // The key lost (or never had) the account's authorization: import it again, once for this request.
                call.Reimported = true;
                if (call.SentEpoch == dc.Epoch && !dc.Authorizing)
                {
                    _log.Info("Account {0}: DC {1} answered {2}: importing the authorization there again", _key, dcId, cause.Message);
                    dc.AuthorizedFor = null;
                }
                call.Phase = Phase.Waiting;
                dc.Waiting.Enqueue(call.Id);
                Advance(dc);
                break;
            default:
                Complete(call, new AccountFailure(call.Id, cause));
                break;
        }
    }

    /// <summary>FILE_MIGRATE_X, STATS_MIGRATE_X: this request (only) goes to DC X, whose sender is made and authorized when needed.</summary>
    private void FollowToDc(Call call, MigrateRequiredException migrate)
    {
        var target = migrate.TargetDc;
        if (!_dataCenters.Any(d => d.DcId == target))
        {
            Complete(call, new AccountFailure(call.Id, new InvalidOperationException(
                $"{migrate.RawMessage}: {call.Function.TlName} belongs on DC {target}, which is not among the account's data centers " +
                "(ClientOptions.DataCenters, or Telegram's built-in ones when it is empty).", migrate)));
            return;
        }
        if (++call.Migrations > MaxMigrations)
        {
            Complete(call, new AccountFailure(call.Id, migrate));
            return;
        }
        call.DcId = target;
        Send(call);
    }

    private void Migrate(Call call, MigrateRequiredException migrate)
    {
        var target = migrate.TargetDc;
        if (!_dataCenters.Any(d => d.DcId == target))
        {
            Complete(call, new AccountFailure(call.Id, new InvalidOperationException(
                $"{migrate.RawMessage}: Telegram moved the account to DC {target}, which is not among the account's data centers " +
                "(ClientOptions.DataCenters, or Telegram's built-in ones when it is empty); " +
                $"the account stays on DC {_homeDc}.", migrate)));
            return;
        }
        if (++call.Migrations > MaxMigrations)
        {
            Complete(call, new AccountFailure(call.Id, migrate));
            return;
        }
        if (target == _homeDc && _migratingTo is null)
        {
            Send(call); // moved there meanwhile
            return;
        }
        call.Phase = Phase.Waiting;
        _unsent.Enqueue(call.Id);
        if (_migratingTo is not null)
            return;
        _log.Info("Account {0}: {1}: moving from DC {2} to DC {3}", _key, migrate.RawMessage, _homeDc, target);
        _migratingTo = target;
        if (_user is null || _home is null)
        {
            Persist(new SetHomeDc(target), new Then.HomeDcStored(target));
            return;
        }
        // Signed in: the authorization moves along (exported here, imported there) before anything is sent there.
        SendStep(new Tl.Functions.Auth.ExportAuthorization { DcId = target }, _home, new Step(StepKind.Export));
    }

    /// <summary>Sends a request of the account's own (a step of a migration or of a file DC's authorization), answered to itself.</summary>
    private void SendStep(Tl.TlFunction function, IActorRef sender, Step step)
    {
        var call = new Call(Guid.NewGuid(), Self, function, _options.RequestTimeout == Timeout.InfiniteTimeSpan
            ? DateTimeOffset.MaxValue
            : Now + _options.RequestTimeout);
        _calls.Add(call.Id, call);
        _steps.Add(call.Id, step);
        call.Phase = Phase.AtSender;
        call.At = sender;
        sender.Tell(new SenderInvoke(call.Id, function, _options.RequestTimeout));
    }

    private void OnStepDone(Guid id, object? value, Exception? error)
    {
        if (!_steps.Remove(id, out var step))
            return;
        if (step.Kind is StepKind.FileExport or StepKind.FileImport)
        {
            OnFileStepDone(step, value, error);
            return;
        }
        if (_migratingTo is not { } target)
            return;
        switch (step.Kind)
        {
            case StepKind.Export when value is Tl.Types.Auth.ExportedAuthorization exported:
                _transfer = exported;
                Persist(new SetHomeDc(target), new Then.HomeDcStored(target));
                break;
            case StepKind.Import when error is null:
                _log.Info("Account {0}: signed in on DC {1}; going on there", _key, target);
                _migratingTo = null;
                SendWaiting();
                break;
            default:
                var why = error?.Message ?? $"unexpected answer {value?.GetType().Name}";
                _log.Warning("Account {0}: moving to DC {1} failed at {2} ({3})", _key, target, step, why);
                _migratingTo = null;
                _transfer = null;
                FailWaiting(call => new InvalidOperationException(
                    $"{call.Function.TlName} was not sent: moving the account to DC {target} failed ({why}).", error));
                AdvanceFileDcs();
                break;
        }
    }

    private void Complete(Call call, object reply)
    {
        if (!_calls.Remove(call.Id))
            return;
        call.Phase = Phase.Done;
        call.ReplyTo.Tell(reply);
    }

    private void FailAll(string why)
    {
        foreach (var call in _calls.Values.ToList())
            Complete(call, new AccountFailure(call.Id, new InvalidOperationException($"{call.Function.TlName} was not answered: {why}.")));
        _unsent.Clear();
        foreach (var dc in _fileDcs.Values)
            dc.Waiting.Clear();
    }

    private void OnSweep()
    {
        var now = Now;
        foreach (var call in _calls.Values.ToList())
        {
            if (call.Deadline == DateTimeOffset.MaxValue)
                continue;
            switch (call.Phase)
            {
                case Phase.Waiting when now >= call.Deadline:
                    Complete(call, new AccountFailure(call.Id, TimedOut(call)));
                    break;
                case Phase.AtSender when now >= call.Deadline + TimeSpan.FromSeconds(5):
                    // The sender answers by the deadline; this only guards against a lost answer.
                    call.At?.Tell(new CancelInvoke(call.Id));
                    Complete(call, new AccountFailure(call.Id, TimedOut(call)));
                    break;
                case Phase.AwaitingUpdates when now >= call.Deadline:
                    // Signed in and stored; update handling is still starting. The caller need not wait for it.
                    Complete(call, new AccountResult(call.Id, call.Result));
                    break;
            }
        }
    }

    private static TimeoutException TimedOut(Call call) => new($"{call.Function.TlName} was not answered in time.");

    // ---- sign-in and sign-out, seen in results ----------------------------------------------------------------------

    private void SignedIn(Call call, object result, TlTypes.User user)
    {
        var sessionUser = new SessionUser(user.Id, user.Bot, _homeDc, user.Username);
        call.Result = result;
        call.Phase = Phase.Persisting;
        Persist(new RecordSignIn(sessionUser.Id, sessionUser.Bot, _homeDc, sessionUser.Username), new Then.SignInStored(call.Id, sessionUser));
    }

    private void SignedOut(Guid? callId)
    {
        _user = null;
        StopUpdateHandling();
        Persist(RecordSignOut.Instance, new Then.SignOutStored(callId));
    }

    // ---- the session and its outbox ---------------------------------------------------------------------------------

    private IActorRef StartSession()
    {
        var session = Context.ActorOf(SessionActor.Props(_key, _sessionSettings), $"session-{++_generation}");
        Context.Watch(session);
        return session;
    }

    private void RecreateSession()
    {
        if (!_session.IsNobody())
            return;
        _session = StartSession();
        foreach (var entry in _outbox.Values.OrderBy(e => e.Id))
            SendPersist(entry);
        // What the old session held in memory only (the coalesced watermark) is reported again.
        _updates?.Tell(ReportWatermark.Instance);
        if (!_loaded)
            Load(LoadPurpose.Start);
    }

    private void Persist(object command, Then then)
    {
        var entry = new OutboxEntry(++_nextPersist, command, then);
        _outbox.Add(entry.Id, entry);
        if (!_session.IsNobody())
            SendPersist(entry);
    }

    private void SendPersist(OutboxEntry entry)
    {
        var id = entry.Id;
        _session.Ask<SessionAck>(entry.Command, SessionAskTimeout)
            .PipeTo(Self, success: _ => new Persisted(id), failure: e => new PersistFailed(id, e));
    }

    private void OnPersisted(Persisted persisted)
    {
        if (!_outbox.Remove(persisted.Id, out var entry))
            return;
        _sessionFailures = 0;
        switch (entry.Then)
        {
            case Then.KeyStored stored:
                stored.Sender.Tell(new AuthKeyPersisted(stored.KeyId));
                break;
            case Then.KeyDropped dropped when dropped.DcId == _homeDc && _home is null:
                Load(LoadPurpose.HomeSender);
                break;
            case Then.KeyDropped dropped when _fileDcs.TryGetValue(dropped.DcId, out var fileDc) && fileDc.Sender is null:
                Load(LoadPurpose.FileSender, fileDc.DcId);
                break;
            case Then.HomeDcStored stored:
                _homeDc = stored.DcId;
                if (_fileDcs.Remove(stored.DcId, out var becomesHome))
                {
                    // One sender per DC: the new home's sender takes over what waited for that DC as a file DC.
                    if (becomesHome.Sender is { } fileSender)
                        Retire(fileSender);
                    while (becomesHome.Waiting.TryDequeue(out var waiting))
                        _unsent.Enqueue(waiting);
                }
                if (_home is not null)
                    Retire(_home);
                _home = null;
                Load(LoadPurpose.HomeSender);
                break;
            case Then.SignInStored stored when _user?.Id == stored.User.Id && _updates is not null:
                // The same account (its authorization moved to another DC): its update handling goes on.
                _user = stored.User;
                if (_calls.TryGetValue(stored.CallId, out var again))
                    Complete(again, new AccountResult(again.Id, again.Result));
                break;
            case Then.SignInStored stored:
                _user = stored.User;
                StopUpdateHandling();
                Load(LoadPurpose.FreshUpdates);
                if (_calls.TryGetValue(stored.CallId, out var signingIn))
                    signingIn.Phase = Phase.AwaitingUpdates;
                break;
            case Then.SignOutStored { CallId: { } callId } when _calls.TryGetValue(callId, out var signingOut):
                Complete(signingOut, new AccountResult(signingOut.Id, signingOut.Result));
                break;
        }
    }

    private void OnWatermark(WatermarkAdvanced watermark)
    {
        if (!Sender.Equals(_updates) && !Sender.Equals(_stoppingUpdates))
            return;
        var state = watermark.State;
        _session.Tell(new AdvanceUpdateState(state.Pts, state.Qts, state.Date, state.Seq));
        foreach (var (channel, pts) in watermark.Channels)
            _session.Tell(new AdvanceChannelPts(channel, pts));
    }

    // ---- building children from the session's current state ---------------------------------------------------------

    private void Load(LoadPurpose purpose, int dcId = 0)
    {
        if (_session.IsNobody())
        {
            if (purpose == LoadPurpose.FileSender)
                Timers.StartSingleTimer(("load", purpose, dcId), new RetryLoad(purpose, dcId), Backoff(++_sessionFailures));
            return; // the re-created session loads again
        }
        _session.Ask<SessionData>(GetSessionData.Instance, SessionAskTimeout)
            .PipeTo(Self, success: data => new Loaded(purpose, data, dcId), failure: e => new LoadFailed(purpose, e, dcId));
    }

    private void OnLoaded(Loaded loaded)
    {
        var data = loaded.Data;
        _sessionFailures = 0;
        switch (loaded.Purpose)
        {
            case LoadPurpose.Start when !_loaded:
                _loaded = true;
                _homeDc = _options.HomeDataCenter(data.HomeDcId);
                if (data.HomeDcId is { } stored && stored != _homeDc)
                    _log.Info("Account {0}: connecting to DC {1} (ClientOptions.DataCenter) instead of its home DC {2}", _key, _homeDc, stored);
                _user = data.User;
                StartHome(data);
                if (_user is not null)
                    StartUpdateHandling(data, _options.CatchUp || _restarted);
                foreach (var waiter in _statusWaiters)
                    waiter.Tell(Status());
                _statusWaiters.Clear();
                break;
            case LoadPurpose.HomeSender when _home is null:
                StartHome(data);
                if (_migratingTo is null || _home is null)
                    break;
                if (_transfer is { } transfer)
                {
                    _transfer = null;
                    SendStep(new Tl.Functions.Auth.ImportAuthorization { Id = transfer.Id, Bytes = transfer.Bytes }, _home, new Step(StepKind.Import));
                }
                else
                {
                    _migratingTo = null;
                    SendWaiting();
                }
                break;
            case LoadPurpose.FileSender when _fileDcs.TryGetValue(loaded.DcId, out var fileDc) && fileDc.Sender is null:
                fileDc.Loading = false;
                StartFileSender(fileDc, data);
                Advance(fileDc);
                break;
            case LoadPurpose.FreshUpdates when _user is not null && _updates is null:
                // Without catch-up update handling starts from updates.getState: a new sign-in resumes nothing.
                StartUpdateHandling(data, catchUp: false);
                break;
            case LoadPurpose.RebuiltUpdates when _user is not null && _updates is null:
                // Resume from the handled watermark and fetch what came after it, whatever CatchUp says: nothing is skipped.
                StartUpdateHandling(data, catchUp: true);
                break;
        }
    }

    private void StartHome(SessionData data)
    {
        var address = _dataCenters.FirstOrDefault(d => d.DcId == _homeDc);
        if (address is null)
        {
            _log.Error("Account {0}: its home DC {1} is not among its data centers (ClientOptions.DataCenters, or Telegram's built-in " +
                "ones when it is empty); requests fail until it is", _key, _homeDc);
            FailWaiting(_ => new InvalidOperationException($"No address is known for DC {_homeDc}, the account's home."));
            return;
        }
        var options = SenderOptionsFor(address, data.GetAuthKey(_homeDc), updatesTarget: Self);
        _home = Context.ActorOf(SenderActor.Props(options, Self), $"dc-{_homeDc}-{++_generation}");
        Context.Watch(_home);
        SendWaiting();
    }

    /// <summary>How a sender of the account runs on DC <paramref name="address"/>, with the key the session holds for it now.</summary>
    private SenderOptions SenderOptionsFor(DcAddress address, DcAuthKey? key, IActorRef? updatesTarget) => new()
    {
        Connection = new DcConnectionOptions
        {
            Address = address,
            Transport = _options.Transport,
            Connector = _options.Connector ?? TcpDcConnector.Instance,
        },
        PublicKeys = _options.EffectiveServerKeys,
        HandshakeDcId = _options.HandshakeDcId(address.DcId),
        AuthKey = key is null ? null : key.Key.ToArray(),
        ServerSalt = key?.Salt ?? 0,
        UpdatesTarget = updatesTarget,
        ApiId = _options.ApiId,
        DeviceModel = _options.DeviceModel,
        SystemVersion = _options.SystemVersion,
        AppVersion = _options.AppVersion,
        SystemLangCode = _options.SystemLangCode,
        LangCode = _options.LangCode,
        RequestTimeout = _options.RequestTimeout,
        FloodSleepThreshold = _options.FloodSleepThreshold,
        // The session holds the permanent key only; the sender makes, binds and renews the temporary ones itself.
        TemporaryKeyLifetime = _options.PerfectForwardSecrecy ? _options.TemporaryKeyLifetime : null,
    };

    // ---- file DCs: a sender per DC in use besides home, authorized by an exported authorization -------------------------

    private void SendToFileDc(Call call, int dcId)
    {
        if (!_fileDcs.TryGetValue(dcId, out var dc))
            _fileDcs.Add(dcId, dc = new FileDc(dcId));
        if (dc.Sender is { } sender && dc.Waiting.Count == 0 && !dc.Authorizing && !NeedsImport(dc))
        {
            SendTo(call, sender, dc);
            return;
        }
        Hold(call, dc.Waiting);
        Advance(dc);
    }

    /// <summary>Whether the DC's key must get the signed-in account's authorization before requests go there.</summary>
    private bool NeedsImport(FileDc dc) => _user is not null && dc.AuthorizedFor != _user.Id;

    /// <summary>Takes a file DC one step on: its sender made, its key authorized, then its waiting requests sent.</summary>
    private void Advance(FileDc dc)
    {
        if (dc.Sender is not { } sender)
        {
            if (!dc.Loading)
            {
                dc.Loading = true;
                Load(LoadPurpose.FileSender, dc.DcId);
            }
            return;
        }
        if (dc.Authorizing)
            return;
        if (NeedsImport(dc))
        {
            // Exported at home, so it waits while home has no sender or is moving.
            if (_home is null || _migratingTo is not null)
                return;
            dc.Authorizing = true;
            _log.Info("Account {0}: authorizing its key on DC {1} (auth.exportAuthorization, auth.importAuthorization)", _key, dc.DcId);
            SendStep(new Tl.Functions.Auth.ExportAuthorization { DcId = dc.DcId }, _home, new Step(StepKind.FileExport, dc.DcId, _user!.Id));
            return;
        }
        while (dc.Waiting.TryDequeue(out var id))
        {
            if (_calls.TryGetValue(id, out var call) && call.Phase == Phase.Waiting)
                SendTo(call, sender, dc);
        }
    }

    private void OnFileStepDone(Step step, object? value, Exception? error)
    {
        if (!_fileDcs.TryGetValue(step.DcId, out var dc))
            return;
        switch (step.Kind)
        {
            case StepKind.FileExport when value is TlTypes.Auth.ExportedAuthorization exported && dc.Sender is { } sender:
                SendStep(new Tl.Functions.Auth.ImportAuthorization { Id = exported.Id, Bytes = exported.Bytes }, sender, step with { Kind = StepKind.FileImport });
                return;
            case StepKind.FileExport when error is null && dc.Sender is null:
                // The DC's sender went away meanwhile; its next one is authorized afresh.
                dc.Authorizing = false;
                Advance(dc);
                return;
            case StepKind.FileImport when error is null:
                _log.Info("Account {0}: authorized on DC {1}", _key, dc.DcId);
                dc.Authorizing = false;
                dc.AuthorizedFor = step.UserId;
                dc.Epoch++;
                Advance(dc);
                return;
        }
        dc.Authorizing = false;
        if (!NeedsImport(dc))
        {
            Advance(dc); // signed out meanwhile: nothing to import
            return;
        }
        var why = error?.Message ?? $"unexpected answer {value?.GetType().Name}";
        _log.Warning("Account {0}: authorizing its key on DC {1} failed at {2} ({3})", _key, dc.DcId, step.Kind, why);
        while (dc.Waiting.TryDequeue(out var id))
        {
            if (_calls.TryGetValue(id, out var call) && call.Phase == Phase.Waiting)
            {
                Complete(call, new AccountFailure(id, new InvalidOperationException(
                    $"{call.Function.TlName} was not sent: authorizing the account on DC {dc.DcId} failed ({why}).", error)));
            }
        }
    }

    private void StartFileSender(FileDc dc, SessionData data)
    {
        var address = _dataCenters.First(d => d.DcId == dc.DcId);
        var key = data.GetAuthKey(dc.DcId);
        if (key is null)
            dc.AuthorizedFor = null; // a new key: the sender makes it, the authorization is imported into it
        else if (!dc.Started)
            dc.AuthorizedFor = _user?.Id; // a key of an earlier run carries the authorization imported then; a 401 says when not
        dc.Started = true;
        // Updates come through home; a file DC's pushes and new sessions are not the account's business.
        var sender = Context.ActorOf(SenderActor.Props(SenderOptionsFor(address, key, updatesTarget: null), Self), $"dc-{dc.DcId}-{++_generation}");
        Context.Watch(sender);
        dc.Sender = sender;
    }

    private FileDc? FileDcWith(IActorRef sender)
    {
        foreach (var dc in _fileDcs.Values)
        {
            if (sender.Equals(dc.Sender))
                return dc;
        }
        return null;
    }

    /// <summary>The requests at a file DC's sender that is gone go back to the front of that DC's queue; its steps are dropped.</summary>
    private void Requeue(IActorRef sender, FileDc dc)
    {
        var again = new Queue<Guid>();
        foreach (var call in _calls.Values.Where(c => sender.Equals(c.At)).OrderBy(c => c.Deadline).ToList())
        {
            call.At = null;
            call.AtFileDc = null;
            if (_steps.Remove(call.Id))
            {
                _calls.Remove(call.Id);
                dc.Authorizing = false;
                continue;
            }
            call.Phase = Phase.Waiting;
            again.Enqueue(call.Id);
        }
        while (dc.Waiting.TryDequeue(out var id))
            again.Enqueue(id);
        while (again.TryDequeue(out var id))
            dc.Waiting.Enqueue(id);
    }

    private void Retire(IActorRef sender)
    {
        // An old sender answers what it has in flight, then stops.
        _retiring.Add(sender);
        RetireIfIdle(sender);
    }

    private void RetireIfIdle(IActorRef sender)
    {
        if (!_retiring.Contains(sender) || _calls.Values.Any(c => sender.Equals(c.At)))
            return;
        _retiring.Remove(sender);
        Context.Unwatch(sender);
        Context.Stop(sender);
    }

    private void StartUpdateHandling(SessionData data, bool catchUp)
    {
        var user = _user!;
        var known = ImmutableArray.CreateBuilder<Peer>(data.Peers.Count);
        foreach (var peer in data.Peers.Values)
        {
            known.Add(peer.Kind switch
            {
                PeerKind.User => new User { Id = peer.Id, AccessHash = peer.AccessHash, Username = peer.Username },
                PeerKind.Chat => new Group { Id = peer.Id, AccessHash = peer.AccessHash, Username = peer.Username },
                _ => new Channel { Id = peer.Id, AccessHash = peer.AccessHash, Username = peer.Username },
            });
        }
        var generation = ++_generation;
        _chain = Context.ActorOf(HandlerChainActor.Props(_handlers, _options.CheckAllHandlers, _options.HandlerTimeout), $"handlers-{generation}");
        Context.Watch(_chain);
        var settings = new UpdatesSettings
        {
            State = data.ToMessageBoxState(),
            CatchUp = catchUp,
            SessionKey = _key,
            SelfId = user.Id,
            SelfUsername = user.Username,
            UpdateQueueLimit = _options.UpdateQueueLimit,
            EventRequestTimeout = _options.RequestTimeout,
            KnownPeers = known.MoveToImmutable(),
            BoxOptions = new MessageBoxOptions { SelfUserId = user.Id },
        };
        _updates = Context.ActorOf(UpdatesActor.Props(Self, _chain, settings), $"updates-{generation}");
        Context.Watch(_updates);
    }

    private void StopUpdateHandling()
    {
        foreach (var child in new[] { _updates, _chain })
        {
            if (child is null)
                continue;
            Context.Unwatch(child);
            Context.Stop(child);
        }
        _updates = null;
        _chain = null;
    }

    // ---- what the senders report --------------------------------------------------------------------------------------

    private void OnAuthKeyCreated(SenderAuthKeyCreated created)
    {
        if (!Sender.Equals(_home) && FileDcWith(Sender) is null)
            return; // a sender that is being replaced
        // Stored before the sender uses it, home's and a file DC's alike.
        Persist(new SaveAuthKey(created.DcId, [.. created.Key], created.ServerSalt), new Then.KeyStored(Sender, created.KeyId));
    }

    private void OnAuthKeyInvalid(AuthKeyInvalid invalid)
    {
        if (FileDcWith(Sender) is { } fileDc)
        {
            // A file DC forgot its key: that key goes, and a new one is made (and authorized) for the waiting requests.
            // The account's authorization at home is not concerned.
            _log.Warning("Account {0}: DC {1} no longer knows auth key {2:x16}; making a new one there", _key, invalid.DcId, invalid.KeyId);
            Context.Unwatch(Sender);
            Context.Stop(Sender);
            fileDc.Sender = null;
            fileDc.AuthorizedFor = null;
            Requeue(Sender, fileDc);
            fileDc.Loading = true;
            Persist(new DropAuthKey(fileDc.DcId), new Then.KeyDropped(fileDc.DcId));
            return;
        }
        if (!Sender.Equals(_home))
            return;
        // The server forgot the key (-404), and the authorization went with it: start over with a new key.
        _log.Warning("Account {0}: DC {1} no longer knows auth key {2:x16}; making a new one", _key, invalid.DcId, invalid.KeyId);
        Retire(_home);
        _home = null;
        if (_user is not null)
            SignedOut(null);
        Persist(new DropAuthKey(invalid.DcId), new Then.KeyDropped(invalid.DcId));
    }

    private void OnTerminated(Terminated terminated)
    {
        var child = terminated.ActorRef;
        if (child.Equals(_session))
        {
            _session = ActorRefs.Nobody;
            var delay = Backoff(++_sessionFailures);
            _log.Warning("Account {0}: the session stopped (a journal failure?); recovering it from the journal in {1:0.#} s", _key, delay.TotalSeconds);
            Timers.StartSingleTimer("recreate-session", RecreateSessionNow.Instance, delay);
        }
        else if (child.Equals(_home))
        {
            _home = null;
            // Its unanswered requests go to the next sender, as a sender resends them itself after a reconnection.
            foreach (var call in _calls.Values.Where(c => child.Equals(c.At)).OrderBy(c => c.Deadline).ToList())
            {
                call.At = null;
                if (_steps.TryGetValue(call.Id, out var step) && step.Kind == StepKind.FileExport)
                {
                    // Exported again once home is back (SendWaiting).
                    _steps.Remove(call.Id);
                    _calls.Remove(call.Id);
                    if (_fileDcs.TryGetValue(step.DcId, out var authorizing))
                        authorizing.Authorizing = false;
                }
                else if (_steps.ContainsKey(call.Id))
                    Complete(call, new AccountFailure(call.Id, new InvalidOperationException($"The sender of DC {_homeDc} failed.")));
                else
                    Send(call);
            }
            _log.Warning("Account {0}: the sender of DC {1} failed; making it again with the key the session has now", _key, _homeDc);
            Timers.StartSingleTimer("rebuild-sender", new RetryLoad(LoadPurpose.HomeSender), Backoff(++_senderFailures));
        }
        else if (FileDcWith(child) is { } fileDc)
        {
            // Made again from the session's key for that DC; its requests are sent again there.
            fileDc.Sender = null;
            Requeue(child, fileDc);
            fileDc.Loading = true;
            _log.Warning("Account {0}: the sender of DC {1} failed; making it again with the key the session has now", _key, fileDc.DcId);
            Timers.StartSingleTimer(("rebuild-file-sender", fileDc.DcId), new RetryLoad(LoadPurpose.FileSender, fileDc.DcId), Backoff(++fileDc.Failures));
        }
        else if (child.Equals(_updates) || child.Equals(_chain))
        {
            StopUpdateHandling();
            _log.Warning("Account {0}: update handling failed; making it again from the handled watermark", _key);
            Timers.StartSingleTimer("rebuild-updates", new RetryLoad(LoadPurpose.RebuiltUpdates), Backoff(++_updatesFailures));
        }
        else if (_retiring.Remove(child))
        {
            FailCallsAt(child, "the sender stopped");
        }
    }

    private void FailCallsAt(IActorRef sender, string why)
    {
        foreach (var call in _calls.Values.Where(c => sender.Equals(c.At)).ToList())
            Complete(call, new AccountFailure(call.Id, new InvalidOperationException($"{call.Function.TlName} was not answered: {why}.")));
    }

    // ---- stopping ------------------------------------------------------------------------------------------------------

    private void BeginStop()
    {
        _stopWaiters.Add(Sender);
        Become(Stopping);
        Timers.StartSingleTimer(StopTimer, StopNow.Instance, StopTimeout);
        FailAll("the account is stopping");
        foreach (var sender in _retiring.Append(_home).Concat(_fileDcs.Values.Select(d => d.Sender)).OfType<IActorRef>().ToList())
        {
            Context.Unwatch(sender);
            Context.Stop(sender);
        }
        _home = null;
        _fileDcs.Clear();
        _retiring.Clear();
        if (_updates is { } updates)
        {
            // The updates actor's last watermark reaches the session before the session is flushed.
            _stoppingUpdates = updates;
            Context.Unwatch(updates);
            updates.Tell(StopUpdates.Instance);
            _updates = null;
        }
        else
        {
            FlushSession();
        }
    }

    private void Stopping()
    {
        Receive<StopAccount>(_ => _stopWaiters.Add(Sender));
        Receive<WatermarkAdvanced>(OnWatermark);
        Receive<UpdatesStopped>(_ =>
        {
            if (Sender.Equals(_stoppingUpdates))
                FlushSession();
        });
        Receive<AccountRequest>(request => Sender.Tell(new AccountFailure(request.Id,
            new InvalidOperationException($"{request.Function?.TlName} was refused: the account is stopping."))));
        Receive<Persisted>(p => _outbox.Remove(p.Id));
        Receive<SessionFlushed>(_ => StopSelf());
        Receive<StopNow>(_ =>
        {
            _log.Warning("Account {0}: stopping took longer than {1} s; stopping anyway", _key, StopTimeout.TotalSeconds);
            StopSelf();
        });
        Receive<GetAccountStatus>(_ => Sender.Tell(Status()));
        ReceiveAny(_ => { });
    }

    private void FlushSession()
    {
        if (_chain is { } chain)
        {
            Context.Unwatch(chain);
            Context.Stop(chain);
            _chain = null;
        }
        if (_session.IsNobody())
        {
            StopSelf();
            return;
        }
        Context.Unwatch(_session);
        _session.Ask<SessionAck>(FlushAndStop.Instance, StopTimeout)
            .PipeTo(Self, success: _ => SessionFlushed.Instance, failure: _ => SessionFlushed.Instance);
    }

    private void StopSelf()
    {
        foreach (var waiter in _stopWaiters)
            waiter.Tell(AccountStopped.Instance);
        _stopWaiters.Clear();
        Context.Stop(Self);
    }

    // ---- helpers -------------------------------------------------------------------------------------------------------

    private AccountStatus Status() => new(_homeDc, _user);

    // 100 ms, doubling, at most 10 s: a journal or connection that comes back is used again soon, one that stays down is not hammered.
    private static TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(10_000, 100 * Math.Pow(2, Math.Clamp(failures - 1, 0, 10))));

    private static RememberPeers? PeersOf(object? result) => result switch
    {
        TlTypes.Contacts.ResolvedPeer r => new(r.Users, r.Chats),
        TlTypes.Messages.Messages m => new(m.Users, m.Chats),
        TlTypes.Messages.MessagesSlice m => new(m.Users, m.Chats),
        TlTypes.Messages.ChannelMessages m => new(m.Users, m.Chats),
        TlTypes.Messages.Dialogs d => new(d.Users, d.Chats),
        TlTypes.Messages.DialogsSlice d => new(d.Users, d.Chats),
        TlTypes.Contacts.Contacts c => new(c.Users, []),
        TlTypes.Contacts.Found f => new(f.Users, f.Chats),
        TlTypes.Messages.Chats c => new([], c.ChatsValue),
        TlTypes.Messages.ChatsSlice c => new([], c.Chats),
        TlTypes.Messages.ChatFull f => new(f.Users, f.Chats),
        TlTypes.Messages.PeerDialogs d => new(d.Users, d.Chats),
        TlTypes.Users.UserFull f => new(f.Users, f.Chats),
        TlTypes.Channels.ChannelParticipants p => new(p.Users, p.Chats),
        TlTypes.Channels.ChannelParticipant p => new(p.Users, p.Chats),
        TlTypes.Channels.AdminLogResults r => new(r.Users, r.Chats),
        TlTypes.Photos.Photos p => new(p.Users, []),
        TlTypes.Photos.PhotosSlice p => new(p.Users, []),
        TlUserBase[] users => new(users, []),
        _ => null,
    };

    private void RecordResultPeers(RememberPeers peers)
    {
        if (_user is null)
            return;
        var seen = new List<Peer>(peers.Users.Count + peers.Chats.Count);
        foreach (var user in peers.Users)
        {
            if (EntityCache.FromTl(user) is { } peer)
                seen.Add(peer);
        }
        foreach (var chat in peers.Chats)
        {
            if (EntityCache.FromTl(chat) is { } peer)
                seen.Add(peer);
        }
        if (ToPeerInfos(seen) is { Count: > 0 } infos)
            Persist(new RecordPeers(infos), new Then.Nothing());
    }

    private static List<PeerInfo> ToPeerInfos(IReadOnlyList<Peer> seen)
    {
        var peers = new List<PeerInfo>(seen.Count);
        foreach (var peer in seen)
        {
            if (peer.AccessHash is not { } hash || peer.IsMin)
                continue;
            peers.Add(new PeerInfo(peer.Id, peer switch { Model.User => PeerKind.User, Group { IsMegagroup: false } => PeerKind.Chat, _ => PeerKind.Channel },
                hash, peer.Username));
        }
        return peers;
    }

    private enum Phase
    {
        /// <summary>Waiting for a sender (loading, moving to another DC, a sender being rebuilt).</summary>
        Waiting,

        /// <summary>At a sender, which answers it.</summary>
        AtSender,

        /// <summary>Answered; what it changed (a sign-in, a sign-out) is being stored before the caller hears back.</summary>
        Persisting,

        /// <summary>A stored sign-in: waits for update handling to start, so that no update after it is missed.</summary>
        AwaitingUpdates,

        /// <summary>Answered.</summary>
        Done,
    }

    private sealed class Call(Guid id, IActorRef replyTo, Tl.TlFunction function, DateTimeOffset deadline)
    {
        public Guid Id { get; } = id;

        public IActorRef ReplyTo { get; } = replyTo;

        public Tl.TlFunction Function { get; } = function;

        public DateTimeOffset Deadline { get; } = deadline;

        public Phase Phase { get; set; }

        public IActorRef? At { get; set; }

        public int Migrations { get; set; }

        /// <summary>The DC the request goes to; null for home. FILE_MIGRATE_X makes it X.</summary>
        public int? DcId { get; set; }

        /// <summary>The file DC whose sender has it (null while waiting, or at home's).</summary>
        public int? AtFileDc { get; set; }

        /// <summary>That file DC's <see cref="FileDc.Epoch"/> when it was sent.</summary>
        public int SentEpoch { get; set; }

        /// <summary>Whether a 401 from its file DC already had the authorization imported again for it.</summary>
        public bool Reimported { get; set; }

        /// <summary>The result held back while a sign-in or sign-out is stored.</summary>
        public object? Result { get; set; }
    }

    /// <summary>A DC the account uses besides home (a file's DC): its sender, its authorization, the requests waiting for them.</summary>
    private sealed class FileDc(int dcId)
    {
        public int DcId { get; } = dcId;

        /// <summary>Its sender, kept for reuse while the account runs; null while one is being made.</summary>
        public IActorRef? Sender { get; set; }

        /// <summary>Requests waiting for the sender or the authorization, in order.</summary>
        public Queue<Guid> Waiting { get; } = new();

        /// <summary>The user whose authorization the DC's key carries, as far as the account knows; null for none.</summary>
        public long? AuthorizedFor { get; set; }

        /// <summary>Counts the authorizations imported, so that a 401 answered to a request sent before the last one imports nothing more.</summary>
        public int Epoch { get; set; }

        /// <summary>auth.exportAuthorization / importAuthorization is in flight.</summary>
        public bool Authorizing { get; set; }

        /// <summary>A sender is being made (the session read, a key dropped, a failure waited out).</summary>
        public bool Loading { get; set; }

        /// <summary>Whether a sender was made for it before in this run.</summary>
        public bool Started { get; set; }

        public int Failures { get; set; }
    }

    /// <summary>What to do once the session acknowledges a command of the outbox.</summary>
    private abstract record Then
    {
        public sealed record Nothing : Then;

        public sealed record KeyStored(IActorRef Sender, long KeyId) : Then;

        public sealed record KeyDropped(int DcId) : Then;

        public sealed record HomeDcStored(int DcId) : Then;

        public sealed record SignInStored(Guid CallId, SessionUser User) : Then;

        public sealed record SignOutStored(Guid? CallId) : Then;
    }

    private sealed record OutboxEntry(long Id, object Command, Then Then);

    private sealed record Persisted(long Id);

    private sealed record PersistFailed(long Id, Exception Cause);

    private sealed record ResendPersist(long Id);

    /// <summary>What a request of the account's own is part of.</summary>
    private enum StepKind
    {
        /// <summary>Moving a signed-in account to another DC: auth.exportAuthorization at the old home.</summary>
        Export,

        /// <summary>Moving a signed-in account to another DC: auth.importAuthorization at the new home.</summary>
        Import,

        /// <summary>Authorizing a file DC's key: auth.exportAuthorization at home.</summary>
        FileExport,

        /// <summary>Authorizing a file DC's key: auth.importAuthorization on that DC.</summary>
        FileImport,
    }

    /// <summary>A request of the account's own: its kind, the file DC it authorizes and for which user (file steps only).</summary>
    private readonly record struct Step(StepKind Kind, int DcId = 0, long UserId = 0);

    private enum LoadPurpose
    {
        Start,
        HomeSender,
        FreshUpdates,
        RebuiltUpdates,
        FileSender,
    }

    private sealed record Loaded(LoadPurpose Purpose, SessionData Data, int DcId = 0);

    private sealed record LoadFailed(LoadPurpose Purpose, Exception Cause, int DcId = 0);

    private sealed record RetryLoad(LoadPurpose Purpose, int DcId = 0);

    private sealed record RecreateSessionNow
    {
        public static RecreateSessionNow Instance { get; } = new();
    }

    private sealed record Sweep
    {
        public static Sweep Instance { get; } = new();
    }

    private sealed record StopNow
    {
        public static StopNow Instance { get; } = new();
    }

    private sealed record SessionFlushed
    {
        public static SessionFlushed Instance { get; } = new();
    }
}
