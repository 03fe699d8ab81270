using Akka.Actor;
using Akka.Event;
using Akka.Persistence;

namespace Telethon.Session;

/// <summary>
/// The event-sourced session of one account (persistence id <c>telethon-session-&lt;key&gt;</c>): the only copy of the
/// session's facts. It answers <see cref="GetSessionData"/> and <see cref="GetSessionStats"/>; persists <see cref="SaveAuthKey"/>,
/// <see cref="DropAuthKey"/>, <see cref="SetHomeDc"/>, <see cref="RecordSignIn"/>, <see cref="RecordSignOut"/> and
/// <see cref="RecordPeers"/> right away and answers <see cref="SessionAck"/> once written (every command is idempotent: a
/// command sent again after a failure changes nothing twice); coalesces <see cref="AdvanceUpdateState"/> and
/// <see cref="AdvanceChannelPts"/> (the handled watermark) in memory and writes the latest values at most every
/// <see cref="SessionActorSettings.UpdateStateFlushInterval"/> or <see cref="SessionActorSettings.UpdateStateFlushCount"/>
/// commands, and on <see cref="Flush"/> / <see cref="FlushAndStop"/>. When it stops with unwritten update state it saves
/// it as a snapshot (best effort). Every <see cref="SessionActorSettings.SnapshotEveryEvents"/> events it saves a snapshot
/// and deletes the older events and snapshots. Writes never block: they use PersistAllAsync.
/// </summary>
/// <remarks>
/// <para>At most one coalesced update-state write is in flight: while it is, new values gather in memory. So what a crash
/// can lose of the watermark is bounded: the commands since the last write plus those of the write in flight, at most
/// twice <see cref="SessionActorSettings.UpdateStateFlushCount"/> (or what came in one flush interval and one write).
/// Losing them only means handling those updates again after the restart, never skipping one.</para>
/// <para>A journal write that fails or is rejected stops the actor (its state may hold an event the journal does not);
/// its owner makes it again, it recovers from the journal, and the owner sends again what was not acknowledged.
/// A recovery failure stops it the same way.</para>
/// <para>At most one deletion of old events is in flight; a later snapshot raises the target, and a failed deletion is
/// tried again, so the journal never keeps events a snapshot made useless.</para>
/// </remarks>
internal sealed class SessionActor : ReceivePersistentActor, IWithTimers
{
    /// <summary>The prefix of every session persistence id.</summary>
    public const string PersistenceIdPrefix = "telethon-session-";

    private const string FlushTimerKey = "flush-update-state";
    private const string DeleteRetryTimerKey = "delete-retry";

    private readonly SessionActorSettings _settings;
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly Dictionary<long, int> _pendingChannels = [];
    private SessionData _state = SessionData.Empty;
    private UpdateState? _pendingState;
    private int _pendingCount;
    private int _inFlight;
    private long _sinceSnapshot;
    private bool _snapshotting;
    private bool _stateWriteInFlight;
    private bool _deleting;
    private long _deleteTarget;
    private bool _recoveredFromSnapshot;
    private long _snapshotSequenceNr;
    private long _lastSnapshotSequenceNr;
    private long _eventsDeletedTo;
    private long _eventsReplayed;
    private long _eventsPersisted;
    private long _writes;
    private long _updateCommands;
    private long _snapshotsSaved;

    /// <summary>Creates the actor; use <see cref="Props(string, SessionActorSettings?)"/>.</summary>
    /// <param name="sessionKey">The account's session key.</param>
    /// <param name="settings">Coalescing, snapshots and plugins.</param>
    public SessionActor(string sessionKey, SessionActorSettings settings)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        _settings = settings;
        PersistenceId = PersistenceIdPrefix + sessionKey;
        if (settings.JournalPluginId is { } journal)
            JournalPluginId = journal;
        if (settings.SnapshotPluginId is { } snapshots)
            SnapshotPluginId = snapshots;

        Recover<SnapshotOffer>(offer =>
        {
            if (offer.Snapshot is SessionData data)
            {
                _state = data;
                _recoveredFromSnapshot = true;
                _snapshotSequenceNr = offer.Metadata.SequenceNr;
                _lastSnapshotSequenceNr = offer.Metadata.SequenceNr;
            }
        });
        Recover<ISessionEvent>(e =>
        {
            _state = _state.Apply(e);
            _eventsReplayed++;
            _sinceSnapshot++;
        });

        Command<GetSessionData>(_ => Sender.Tell(View()));
        Command<LookupPeer>(c => Sender.Tell(new PeerLookupResult(Lookup(c))));
        Command<GetSessionStats>(_ => Sender.Tell(new SessionStats(
            _recoveredFromSnapshot, _snapshotSequenceNr, _eventsReplayed, LastSequenceNr, _lastSnapshotSequenceNr, _eventsDeletedTo,
            _eventsPersisted, _writes, _updateCommands, _snapshotsSaved)));

        Command<SaveAuthKey>(c =>
        {
            var key = new DcAuthKey(c.DcId, c.Key, c.Salt, c.Temporary);
            WriteIfChanged(key.Equals(_state.GetAuthKey(c.DcId, c.Temporary)) ? [] : [new AuthKeyCreated(c.DcId, c.Key, c.Salt, c.Temporary)]);
        });
        Command<DropAuthKey>(c =>
            WriteIfChanged(_state.GetAuthKey(c.DcId, c.Temporary) is null && (c.Temporary || _state.GetAuthKey(c.DcId, true) is null)
                ? []
                : [new AuthKeyDropped(c.DcId, c.Temporary)]));
        Command<SetHomeDc>(c => WriteIfChanged(_state.HomeDcId == c.DcId ? [] : [new HomeDcChanged(c.DcId)]));
        Command<RecordSignIn>(c =>
        {
            var user = new SessionUser(c.UserId, c.Bot, c.DcId, c.Username);
            WriteIfChanged(user.Equals(_state.User) && _state.HomeDcId == c.DcId ? [] : [new SignedIn(c.UserId, c.Bot, c.DcId, c.Username)]);
        });
        Command<RecordSignOut>(_ =>
        {
            DiscardPending();
            WriteIfChanged(_state.Apply(SignedOut.Instance).Equals(_state) ? [] : [SignedOut.Instance]);
        });
        Command<RecordPeers>(c =>
        {
            var changed = new Dictionary<(PeerKind, long), PeerSeen>();
            foreach (var peer in c.Peers ?? [])
            {
                if (peer is not null && !peer.Equals(_state.GetPeer(peer.Kind, peer.Id)))
                    changed[(peer.Kind, peer.Id)] = new PeerSeen(peer.Id, peer.Kind, peer.AccessHash, peer.Username);
                else if (peer is not null)
                    changed.Remove((peer.Kind, peer.Id));
            }
            WriteIfChanged([.. changed.Values]);
        });

        Command<AdvanceUpdateState>(c =>
        {
            _pendingState = new UpdateState(c.Pts, c.Qts, c.Date, c.Seq);
            Pend();
        });
        Command<AdvanceChannelPts>(c =>
        {
            _pendingChannels[c.ChannelId] = c.Pts;
            Pend();
        });
        Command<FlushTick>(_ => WritePending(force: false));
        Command<RetryDelete>(_ => DeleteOldEvents(0));
        Command<Flush>(_ =>
        {
            WritePending(force: true);
            var replyTo = Sender;
            DeferAsync(Flush.Instance, _ => Reply(replyTo));
        });
        Command<FlushAndStop>(_ =>
        {
            WritePending(force: true);
            var replyTo = Sender;
            DeferAsync(FlushAndStop.Instance, _ =>
            {
                Reply(replyTo);
                Context.Stop(Self);
            });
        });

        Command<SaveSnapshotSuccess>(s =>
        {
            _snapshotting = false;
            _snapshotsSaved++;
            _lastSnapshotSequenceNr = s.Metadata.SequenceNr;
            DeleteOldEvents(s.Metadata.SequenceNr);
            if (s.Metadata.SequenceNr > 1)
                DeleteSnapshots(new SnapshotSelectionCriteria(s.Metadata.SequenceNr - 1));
            // Events written while this snapshot was being saved may already call for the next one.
            MaybeSnapshot();
        });
        Command<SaveSnapshotFailure>(f =>
        {
            _snapshotting = false;
            _log.Warning("{0}: saving a snapshot at {1} failed: {2}", PersistenceId, f.Metadata.SequenceNr, f.Cause.Message);
        });
        Command<DeleteMessagesSuccess>(d =>
        {
            _deleting = false;
            _eventsDeletedTo = Math.Max(_eventsDeletedTo, d.ToSequenceNr);
            DeleteOldEvents(0);
        });
        Command<DeleteMessagesFailure>(f =>
        {
            _deleting = false;
            _log.Warning("{0}: deleting events up to {1} failed ({2}); trying again", PersistenceId, f.ToSequenceNr, f.Cause.Message);
            Timers.StartSingleTimer(DeleteRetryTimerKey, RetryDelete.Instance, _settings.UpdateStateFlushInterval);
        });
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(f =>
            _log.Warning("{0}: deleting old snapshots failed: {1}", PersistenceId, f.Cause.Message));
    }

    /// <inheritdoc />
    public override string PersistenceId { get; }

    /// <inheritdoc />
    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of the session actor of an account.</summary>
    /// <param name="sessionKey">The account's session key (the persistence id is <c>telethon-session-&lt;key&gt;</c>).</param>
    /// <param name="settings">Coalescing, snapshots and plugins; null for <see cref="SessionActorSettings.Default"/>.</param>
    public static Props Props(string sessionKey, SessionActorSettings? settings = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionKey);
        var resolved = settings ?? SessionActorSettings.Default;
        resolved.Validate();
        return Akka.Actor.Props.Create(() => new SessionActor(sessionKey, resolved));
    }

    /// <inheritdoc />
    protected override void OnPersistRejected(Exception cause, object @event, long sequenceNr)
    {
        // The in-memory state already holds the rejected event: start over from what the journal has.
        _log.Error("{0}: the journal rejected a {1} at {2} ({3}); the session stops and recovers on its next start.",
            PersistenceId, @event.GetType().Name, sequenceNr, cause.GetType().Name);
        Context.Stop(Self);
    }

    /// <inheritdoc />
    protected override void OnPersistFailure(Exception cause, object @event, long sequenceNr)
    {
        _log.Error("{0}: writing a {1} at {2} failed ({3}: {4}); the session stops.",
            PersistenceId, @event.GetType().Name, sequenceNr, cause.GetType().Name, cause.Message);
        Context.Stop(Self);
    }

    /// <inheritdoc />
    protected override void PostStop()
    {
        if (_pendingCount > 0 && !IsRecovering)
        {
            // A journal write from here could race with the next incarnation's first write for the same sequence
            // number; a snapshot at the last sequence number cannot, and recovery prefers it when it lands in time.
            var snapshot = View();
            _pendingCount = 0;
            SnapshotStore.Tell(new SaveSnapshot(new SnapshotMetadata(PersistenceId, LastSequenceNr, DateTime.UtcNow), snapshot), ActorRefs.Nobody);
        }
        base.PostStop();
    }

    private SessionData View()
    {
        var view = _state;
        if (_pendingState is { } state)
            view = view.Apply(new UpdateStateAdvanced(state.Pts, state.Qts, state.Date, state.Seq));
        if (_pendingChannels.Count > 0)
            view = view with { ChannelPts = view.ChannelPts.SetItems(_pendingChannels) };
        return view;
    }

    private void Pend()
    {
        _updateCommands++;
        _pendingCount++;
        SchedulePendingWrite();
    }

    /// <summary>Writes the pending update state now when enough has gathered, else makes sure the flush timer runs.</summary>
    private void SchedulePendingWrite()
    {
        if (_pendingCount >= _settings.UpdateStateFlushCount)
            WritePending(force: false);
        else if (_pendingCount > 0 && !Timers.IsTimerActive(FlushTimerKey))
            Timers.StartSingleTimer(FlushTimerKey, FlushTick.Instance, _settings.UpdateStateFlushInterval);
    }

    /// <summary>Writes the coalesced update state; unless <paramref name="force"/>d, waits while a previous one is in flight
    /// (it is written when that one lands).</summary>
    private void WritePending(bool force)
    {
        if (_stateWriteInFlight && !force)
            return;
        Timers.Cancel(FlushTimerKey);
        var events = new List<ISessionEvent>(_pendingChannels.Count + 1);
        if (_pendingState is { } s && !s.Equals(_state.UpdateState))
            events.Add(new UpdateStateAdvanced(s.Pts, s.Qts, s.Date, s.Seq));
        foreach (var (channel, pts) in _pendingChannels.OrderBy(p => p.Key))
        {
            if (!_state.ChannelPts.TryGetValue(channel, out var known) || known != pts)
                events.Add(new ChannelPtsAdvanced(channel, pts));
        }
        DiscardPending();
        if (events.Count == 0)
            return;
        _stateWriteInFlight = true;
        Write(events, ActorRefs.Nobody, StateWritten);
    }

    private void StateWritten()
    {
        _stateWriteInFlight = false;
        SchedulePendingWrite();
    }

    /// <summary>Deletes the events up to <paramref name="toSequenceNr"/> (or up to the target already set, when 0), one
    /// deletion at a time.</summary>
    private void DeleteOldEvents(long toSequenceNr)
    {
        _deleteTarget = Math.Max(_deleteTarget, toSequenceNr);
        if (_deleting || _deleteTarget <= _eventsDeletedTo)
            return;
        _deleting = true;
        DeleteMessages(_deleteTarget);
    }

    private void DiscardPending()
    {
        Timers.Cancel(FlushTimerKey);
        _pendingState = null;
        _pendingChannels.Clear();
        _pendingCount = 0;
    }

    private void WriteIfChanged(IReadOnlyList<ISessionEvent> events)
    {
        var replyTo = Sender;
        if (events.Count == 0)
            DeferAsync(Flush.Instance, _ => Reply(replyTo));
        else
            Write(events, replyTo);
    }

    private void Write(IReadOnlyList<ISessionEvent> events, IActorRef replyTo, Action? written = null)
    {
        foreach (var e in events)
            _state = _state.Apply(e);
        _inFlight += events.Count;
        _writes++;
        var remaining = events.Count;
        PersistAllAsync(events, _ =>
        {
            _inFlight--;
            _eventsPersisted++;
            _sinceSnapshot++;
            if (--remaining == 0)
            {
                Reply(replyTo);
                written?.Invoke();
            }
            MaybeSnapshot();
        });
    }

    private void MaybeSnapshot()
    {
        if (_settings.SnapshotEveryEvents <= 0 || _inFlight != 0 || _snapshotting || _sinceSnapshot < _settings.SnapshotEveryEvents)
            return;
        // Nothing is in flight, so the state holds exactly the events up to LastSequenceNr.
        _snapshotting = true;
        _sinceSnapshot = 0;
        SaveSnapshot(_state);
    }

    private void Reply(IActorRef replyTo)
    {
        if (!replyTo.IsNobody())
            replyTo.Tell(new SessionAck(LastSequenceNr));
    }

    private sealed record FlushTick
    {
        public static FlushTick Instance { get; } = new();
    }

    private sealed record RetryDelete
    {
        public static RetryDelete Instance { get; } = new();
    }

    private PeerInfo? Lookup(LookupPeer query)
    {
        if (query.Kind is { } kind && query.Id is { } id)
            return _state.GetPeer(kind, id);
        if (string.IsNullOrEmpty(query.Username))
            return null;
        foreach (var peer in _state.Peers.Values)
        {
            if (string.Equals(peer.Username, query.Username, StringComparison.OrdinalIgnoreCase))
                return peer;
        }
        return null;
    }
}
