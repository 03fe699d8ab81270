using System.Collections.Immutable;
using Akka.Actor;
using Akka.Actor.Internal;
using Akka.Event;
using Telethon.Connection;
using Telethon.Events;
using Telethon.Handlers;
using Telethon.Model;
using Telethon.Sender;
using Telethon.Session;
using Telethon.Updates;
using SenderAuthKeyCreated = Telethon.Sender.AuthKeyCreated;

namespace Telethon.Accounts;

/// <summary>
/// One account: supervises its session, the sender of its home DC, its updates actor and its handler
/// chain, and ties them together. The <see cref="Client"/> facade talks to it; everything it does is a
/// message, nothing blocks.
/// </summary>
/// <remarks>
/// Children: <c>session-n</c> (<see cref="SessionActor"/>), <c>dc-N-n</c> (<see cref="SenderActor"/> of the home
/// DC), <c>updates-n</c> (<see cref="UpdatesActor"/>, while signed in) and <c>handlers</c>
/// (<see cref="HandlerChainActor"/>). The senders report here (auth keys, invalid keys, pushed updates),
/// and the updates actor reports its state and the peers it saw, which go to the session.
/// </remarks>
public sealed class ClientActor : ReceiveActor, IWithUnboundedStash
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly string _sessionKey;
    private readonly ClientOptions _options;
    private readonly SessionActorSettings _sessionSettings;
    private readonly AccountContext _account;
    private IActorRef _session = ActorRefs.Nobody;
    private IActorRef _handlers = ActorRefs.Nobody;
    private IActorRef? _sender;
    private IActorRef? _updates;
    private SessionData _data = SessionData.Empty;
    private int _homeDc;
    private int _senderGeneration;
    private readonly List<IActorRef> _waitingForState = [];
    private int _sessionGeneration;
    private int _updatesGeneration;

    /// <summary>Creates the actor; use <see cref="Props"/>.</summary>
    public ClientActor(string sessionKey, ClientOptions options, SessionActorSettings sessionSettings, AccountContext account)
    {
        _sessionKey = sessionKey;
        _options = options;
        _sessionSettings = sessionSettings;
        _account = account;
        Loading();
    }

    /// <summary>Stashing while the session loads.</summary>
    public IStash Stash { get; set; } = null!;

    /// <summary>The props of the actor of account <paramref name="sessionKey"/>.</summary>
    /// <param name="sessionKey">The key of the account (its session's persistence id is <c>telethon-session-&lt;key&gt;</c>).</param>
    /// <param name="options">Where and how to connect.</param>
    /// <param name="account">The account as events and handlers see it (the facade's own).</param>
    /// <param name="sessionSettings">Coalescing and snapshot settings of the session.</param>
    public static Props Props(string sessionKey, ClientOptions options, AccountContext account, SessionActorSettings? sessionSettings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(account);
        var settings = sessionSettings ?? SessionActorSettings.Default;
        return Akka.Actor.Props.Create(() => new ClientActor(sessionKey, options, settings, account));
    }

    /// <inheritdoc />
    protected override void PreStart()
    {
        _handlers = Context.ActorOf(HandlerChainActor.Props(_options.CheckAllHandlers), "handlers");
        _session = StartSession();
        _session.Ask<SessionData>(GetSessionData.Instance, TimeSpan.FromSeconds(30))
            .PipeTo(Self, success: data => new SessionLoaded(data), failure: e => new SessionLoadFailed(e));
    }

    /// <inheritdoc />
    protected override SupervisorStrategy SupervisorStrategy() =>
        // A failing child restarts on its own and the account goes on. The updates actor is stopped instead
        // and made again from the state last reported (a restart would begin from its first settings and
        // hand out events twice); the session stops itself on a journal failure and is made again likewise.
        new AccountSupervisorStrategy(child => child.Equals(_updates));

    // Restarts failing children, but stops the updates actor (the account makes it again from its state).
    private sealed class AccountSupervisorStrategy(Func<IActorRef, bool> isUpdates)
        : OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart)
    {
        public override void ProcessFailure(IActorContext context, bool restart, IActorRef child, Exception cause, ChildRestartStats stats, IReadOnlyCollection<ChildRestartStats> children)
        {
            if (isUpdates(child))
                context.Stop(child);
            else
                base.ProcessFailure(context, restart, child, cause, stats, children);
        }
    }

    private IActorRef StartSession()
    {
        var session = Context.ActorOf(SessionActor.Props(_sessionKey, _sessionSettings), $"session-{++_sessionGeneration}");
        Context.Watch(session);
        return session;
    }

    private void Loading()
    {
        Receive<SessionLoaded>(loaded =>
        {
            _data = loaded.Data;
            _homeDc = _data.HomeDcId ?? _options.DataCenter;
            if (_data.User is { } user)
                _account.SignedIn(user.Id, user.Username);
            StartSender();
            if (_data.IsSignedIn)
                StartUpdates();
            Become(Ready);
            Stash.UnstashAll();
        });
        Receive<SessionLoadFailed>(failed =>
        {
            _log.Error(failed.Cause, "Session {0} could not be loaded", _sessionKey);
            throw new InvalidOperationException($"session {_sessionKey} could not be loaded", failed.Cause);
        });
        ReceiveAny(_ => Stash.Stash());
    }

    private void Ready()
    {
        Receive<WaitReady>(_ => Sender.Tell(ReadyMessage()));
        Receive<ClientInvoke>(invoke =>
        {
            _sender.Forward(new Invoke(invoke.Function, invoke.Timeout ?? _options.RequestTimeout, invoke.Cancellation));
        });
        Receive<SwitchHomeDc>(sw =>
        {
            if (sw.DcId != _homeDc)
            {
                _log.Info("Account {0} moves from DC {1} to DC {2}", _sessionKey, _homeDc, sw.DcId);
                _homeDc = sw.DcId;
                _session.Tell(new SetHomeDc(sw.DcId), ActorRefs.NoSender);
                StartSender();
                _updates?.Tell(new UseSender(_sender!));
            }
            Sender.Tell(ReadyMessage());
        });
        Receive<SignedInNotice>(notice =>
        {
            _data = _data with { User = notice.User, HomeDcId = _homeDc };
            _account.SignedIn(notice.User.Id, notice.User.Username);
            _session.Tell(new SetHomeDc(_homeDc), ActorRefs.NoSender);
            _session.Tell(new RecordSignIn(notice.User.Id, notice.User.Bot, _homeDc, notice.User.Username), ActorRefs.NoSender);
            // Sign-in completes once the updates actor has its state: from then on no update is missed.
            _waitingForState.Add(Sender);
            StartUpdates();
        });
        Receive<SignedOutNotice>(_ =>
        {
            _data = _data with { User = null };
            _account.SignedOut();
            _session.Tell(RecordSignOut.Instance, ActorRefs.NoSender);
            StopUpdates();
            Sender.Tell(ReadyMessage());
        });

        // From the senders.
        Receive<SenderAuthKeyCreated>(created =>
        {
            _session.Tell(new SaveAuthKey(created.DcId, [.. created.Key], created.ServerSalt), ActorRefs.NoSender);
            _data = _data.Apply(new Session.AuthKeyCreated(created.DcId, [.. created.Key], created.ServerSalt));
        });
        Receive<AuthKeyInvalid>(invalid =>
        {
            // The server forgot the key (-404): its authorization went with it.
            _log.Warning("Account {0}: DC {1} no longer knows auth key {2:x16}; making a new one", _sessionKey, invalid.DcId, invalid.KeyId);
            _session.Tell(new DropAuthKey(invalid.DcId), ActorRefs.NoSender);
            _data = _data.Apply(new AuthKeyDropped(invalid.DcId));
            if (invalid.DcId == _homeDc)
            {
                if (_data.IsSignedIn)
                {
                    _session.Tell(RecordSignOut.Instance, ActorRefs.NoSender);
                    _data = _data with { User = null };
                    _account.SignedOut();
                    StopUpdates();
                }
                StartSender();
            }
        });
        Receive<ServerSaltChanged>(_ => { });
        Receive<UpdatesArrived>(arrived => _updates?.Forward(arrived));
        Receive<RememberPeers>(peers => _updates?.Forward(peers));
        Receive<CatchUpUpdates>(catchUp => _updates?.Forward(catchUp));
        Receive<SessionRestarted>(restarted => _updates?.Forward(restarted));

        // From the updates actor.
        Receive<UpdateStateChanged>(changed =>
        {
            var state = changed.State;
            _session.Tell(new AdvanceUpdateState(state.Pts, state.Qts, state.Date, state.Seq), ActorRefs.NoSender);
            foreach (var (channel, pts) in state.ChannelPts)
            {
                if (!_data.ChannelPts.TryGetValue(channel, out var known) || known != pts)
                    _session.Tell(new AdvanceChannelPts(channel, pts), ActorRefs.NoSender);
            }
            _data = _data.WithMessageBoxState(state);
            foreach (var waiting in _waitingForState)
                waiting.Tell(ReadyMessage());
            _waitingForState.Clear();
        });
        Receive<PeersSeen>(seen =>
        {
            var peers = new List<PeerInfo>(seen.Peers.Count);
            foreach (var peer in seen.Peers)
            {
                if (peer.AccessHash is not { } hash || peer.IsMin)
                    continue;
                peers.Add(new PeerInfo(peer.Id, peer switch { User => PeerKind.User, Group => PeerKind.Chat, _ => PeerKind.Channel }, hash, peer.Username));
            }
            if (peers.Count > 0)
                _session.Tell(new RecordPeers(peers), ActorRefs.NoSender);
        });

        // Handler management goes to the chain as is.
        Receive<AddHandler>(m => _handlers.Forward(m));
        Receive<RemoveHandler>(m => _handlers.Forward(m));
        Receive<GetHandlerFilter>(m => _handlers.Forward(m));
        Receive<SetHandlerFilter>(m => _handlers.Forward(m));

        Receive<Terminated>(t =>
        {
            if (t.ActorRef.Equals(_session))
            {
                _log.Warning("Account {0}: the session stopped (journal failure?); recovering it", _sessionKey);
                _session = StartSession();
            }
            else if (t.ActorRef.Equals(_updates))
            {
                _log.Warning("Account {0}: the updates actor failed; starting it again from the last state", _sessionKey);
                _updates = null;
                if (_data.IsSignedIn)
                    StartUpdates();
            }
        });
        Receive<SessionAck>(_ => { });

        Receive<StopClient>(_ =>
        {
            var replyTo = Sender;
            StopUpdates();
            if (_sender is not null)
                Context.Stop(_sender);
            Context.Unwatch(_session);
            _session.Ask<SessionAck>(FlushAndStop.Instance, TimeSpan.FromSeconds(30))
                .PipeTo(Self, success: _ => new Stopping(replyTo), failure: _ => new Stopping(replyTo));
        });
        Receive<Stopping>(stopping =>
        {
            stopping.ReplyTo.Tell(ClientStopped.Instance);
            Context.Stop(Self);
        });
    }

    private ClientReady ReadyMessage() => new(_homeDc, _data.User);

    private void StartSender()
    {
        if (_sender is not null)
            Context.Stop(_sender);
        var address = _options.DataCenters.FirstOrDefault(d => d.DcId == _homeDc)
            ?? throw new InvalidOperationException($"No address is known for DC {_homeDc}.");
        var key = _data.GetAuthKey(_homeDc);
        var options = new SenderOptions
        {
            Connection = new DcConnectionOptions
            {
                Address = address,
                Transport = _options.Transport,
                Connector = _options.Connector ?? TcpDcConnector.Instance,
            },
            PublicKeys = _options.ServerKeys,
            AuthKey = key is null ? null : key.Key.ToArray(),
            ServerSalt = key?.Salt ?? 0,
            UpdatesTarget = Self,
            ApiId = _options.ApiId,
            DeviceModel = _options.DeviceModel,
            SystemVersion = _options.SystemVersion,
            AppVersion = _options.AppVersion,
            SystemLangCode = _options.SystemLangCode,
            LangCode = _options.LangCode,
            RequestTimeout = _options.RequestTimeout,
            FloodSleepThreshold = _options.FloodSleepThreshold,
        };
        // A new name each time: the stopped sender's name stays taken until it has really stopped.
        _sender = Context.ActorOf(SenderActor.Props(options, Self), $"dc-{_homeDc}-{++_senderGeneration}");
    }

    private void StartUpdates()
    {
        if (_updates is not null || _sender is null)
            return;
        var known = ImmutableArray.CreateBuilder<Peer>();
        foreach (var peer in _data.Peers.Values)
        {
            known.Add(peer.Kind switch
            {
                PeerKind.User => new User { Id = peer.Id, AccessHash = peer.AccessHash, Username = peer.Username },
                PeerKind.Chat => new Group { Id = peer.Id, AccessHash = peer.AccessHash, Username = peer.Username },
                _ => new Channel { Id = peer.Id, AccessHash = peer.AccessHash, Username = peer.Username },
            });
        }
        var settings = new UpdatesSettings
        {
            State = _data.ToMessageBoxState(),
            CatchUp = _options.CatchUp,
            UpdateQueueLimit = _options.UpdateQueueLimit,
            StateListener = Self,
            PeersListener = Self,
            KnownPeers = known.ToImmutable(),
            BoxOptions = new Telethon.Session.MessageBoxOptions { SelfUserId = _data.User?.Id },
        };
        _updates = Context.ActorOf(UpdatesActor.Props(_sender, _handlers, _account, settings), $"updates-{++_updatesGeneration}");
        Context.Watch(_updates);
    }

    private void StopUpdates()
    {
        if (_updates is null)
            return;
        Context.Unwatch(_updates);
        Context.Stop(_updates);
        _updates = null;
    }

    private sealed record SessionLoaded(SessionData Data);

    private sealed record SessionLoadFailed(Exception Cause);

    private sealed record Stopping(IActorRef ReplyTo);
}
