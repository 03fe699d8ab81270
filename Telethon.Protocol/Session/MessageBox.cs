using Telethon.Tl.Functions.Updates;
using Telethon.Tl.Types;
using Telethon.Tl.Types.Updates;
using ChannelDifferenceBase = Telethon.Tl.Abcs.Updates.ChannelDifference;
using DifferenceBase = Telethon.Tl.Abcs.Updates.Difference;
using EncryptedMessageBase = Telethon.Tl.Abcs.EncryptedMessage;
using MessageBase = Telethon.Tl.Abcs.Message;
using StateBase = Telethon.Tl.Abcs.Updates.State;
using Update = Telethon.Tl.Abcs.Update;
using UpdatesBase = Telethon.Tl.Abcs.UpdatesBase;

namespace Telethon.Session;

/// <summary>
/// The update ordering of one account (core.telegram.org/api/updates), without I/O or clocks: updates go in with
/// the current time, and out come the updates ready for handlers, each once and in pts order per account and per
/// channel, plus the requests to send (getDifference, getChannelDifference) when a gap has to be filled.
/// </summary>
/// <remarks>
/// <para>An update with pts applies when local_pts + pts_count == pts, is dropped as a duplicate when
/// local_pts + pts_count &gt; pts, and is held when it is ahead; held updates that are still waiting after
/// <see cref="MessageBoxOptions.PossibleGapTimeout"/> make <see cref="CheckDeadlines"/> ask for a difference.
/// qts works the same with a count of 1, and seq on updates / updatesCombined the same with seq_start.</para>
/// <para>While a difference is in flight, the live updates of its sequence are held and re-run when it ends,
/// so those the difference covered are dropped. Not thread-safe: one actor owns one box.</para>
/// </remarks>
public sealed class MessageBox
{
    private const long AccountKey = -1;
    private const long SecretKey = -2;
    private const long SeqKey = -3;

    private readonly MessageBoxOptions _options;
    private readonly ResultBuilder _result = new();
    private readonly DeadlineQueue _deadlines = new();
    private readonly Dictionary<long, PtsEntry> _channels = [];
    private readonly PriorityQueue<HeldContainer, int> _heldContainers = new();
    private PtsEntry _account = new(0);
    private PtsEntry _secret = new(0);
    private int _date;
    private int _seq;
    private bool _inDifference;
    private bool _differenceAgain;
    private long _differenceNotBefore = long.MinValue;

    /// <summary>Creates a box that resumes from <paramref name="state"/>.</summary>
    /// <param name="state">From updates.getState (<see cref="MessageBoxState.FromTl"/>) for a new account, or as persisted.</param>
    /// <param name="now">The current time.</param>
    /// <param name="options">Timeouts and limits; the defaults when null.</param>
    public MessageBox(MessageBoxState state, DateTimeOffset now, MessageBoxOptions? options = null)
    {
        _options = options ?? new MessageBoxOptions();
        SetState(state, now);
    }

    /// <summary>When <see cref="CheckDeadlines"/> has to be called next, or null when nothing waits for time.</summary>
    public DateTimeOffset? NextDeadline => _deadlines.Earliest is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Whether an account difference (updates.getDifference) is in flight.</summary>
    public bool IsGettingDifference => _inDifference;

    /// <summary>Whether a difference of the channel is in flight.</summary>
    public bool IsGettingChannelDifference(long channelId) => _channels.TryGetValue(channelId, out var entry) && entry.InDifference;

    /// <summary>The current state, to persist: the pts of the updates handed out so far (held ones are not counted).</summary>
    public MessageBoxState GetState()
    {
        var channels = new Dictionary<long, int>(_channels.Count);
        foreach (var (id, entry) in _channels)
            channels[id] = entry.Pts;
        return new MessageBoxState(_account.Pts, _secret.Pts, _date, _seq, channels);
    }

    /// <summary>Replaces the whole state: held updates, differences in flight and deadlines are forgotten
    /// (a result of a difference asked for before must not be applied afterwards).</summary>
    /// <param name="state">The new state.</param>
    /// <param name="now">The current time.</param>
    public void SetState(MessageBoxState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        _deadlines.ClearAll();
        _heldContainers.Clear();
        _channels.Clear();
        _inDifference = false;
        _differenceAgain = false;
        _differenceNotBefore = long.MinValue;
        _account = new PtsEntry(state.Pts);
        _secret = new PtsEntry(state.Qts);
        _date = state.Date;
        _seq = state.Seq;
        foreach (var (id, pts) in state.ChannelPts)
            _channels[id] = new PtsEntry(pts);
        var ticks = now.UtcTicks;
        ResetAccountSilence(ticks);
        foreach (var id in _channels.Keys)
            ResetChannelSilence(id, ticks, null);
    }

    /// <summary>Starts tracking a channel (joined, or learned from dialogs with its pts). Returns false, changing
    /// nothing, when it is tracked already.</summary>
    /// <param name="channelId">The channel.</param>
    /// <param name="pts">The channel's current pts.</param>
    /// <param name="now">The current time.</param>
    public bool TrackChannel(long channelId, int pts, DateTimeOffset now)
    {
        if (!_channels.TryAdd(channelId, new PtsEntry(pts)))
            return false;
        ResetChannelSilence(channelId, now.UtcTicks, null);
        return true;
    }

    /// <summary>Stops tracking a channel (left, kicked, or CHANNEL_PRIVATE): its pts, held updates, deadlines and a
    /// difference in flight are forgotten. Returns whether it was tracked.</summary>
    public bool ForgetChannel(long channelId)
    {
        if (!_channels.Remove(channelId))
            return false;
        _deadlines.Clear(channelId, DeadlineKind.Gap);
        _deadlines.Clear(channelId, DeadlineKind.Silence);
        return true;
    }

    /// <summary>Takes one Updates object from the server (pushed, or the result of a request) and returns what is
    /// ready for handlers and what to do.</summary>
    /// <param name="updates">The object.</param>
    /// <param name="now">The current time.</param>
    public MessageBoxResult Process(UpdatesBase updates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var ticks = now.UtcTicks;
        if (!_inDifference)
            ResetAccountSilence(ticks);
        switch (updates)
        {
            case UpdatesTooLong:
                BeginDifference(ticks);
                break;
            case UpdateShortMessage s when s.Pts - s.PtsCount < _account.Pts:
            case UpdateShortChatMessage c when c.Pts - c.PtsCount < _account.Pts:
                // A duplicate: not worth rebuilding its message.
                break;
            case UpdateShortMessage s:
                ProcessPts(_account, AccountKey, new PendingUpdate(ShortUpdates.ToUpdate(s, _options.SelfUserId), s.Pts, s.PtsCount), _inDifference, ticks);
                break;
            case UpdateShortChatMessage s:
                ProcessPts(_account, AccountKey, new PendingUpdate(ShortUpdates.ToUpdate(s), s.Pts, s.PtsCount), _inDifference, ticks);
                break;
            case UpdateShortSentMessage s:
                ProcessPts(_account, AccountKey, new PendingUpdate(null, s.Pts, s.PtsCount), _inDifference, ticks);
                break;
            case UpdateShort s:
                ProcessUpdate(s.Update, ticks);
                break;
            case UpdatesConstructor u:
                _result.AddEntities(u.Users, u.Chats);
                ProcessContainer(new HeldContainer(u.Seq, u.Seq, u.Date, u.Updates), ticks);
                break;
            case UpdatesCombined c:
                _result.AddEntities(c.Users, c.Chats);
                ProcessContainer(new HeldContainer(c.SeqStart, c.Seq, c.Date, c.Updates), ticks);
                break;
            default:
                throw new ArgumentException($"Unknown Updates constructor {updates.TlName}.", nameof(updates));
        }
        return _result.Build();
    }

    /// <summary>
    /// Sets aside an Updates object the driver cannot take now (its handler queue is full, or it names a user whose
    /// access hash is unknown) without applying any of it: every sequence it touches is fetched again through a difference,
    /// which brings the same updates with their users. The account difference (and each channel's) starts now, or right
    /// after the one in flight (whose answer may predate this object), or at the retry time of an aborted one. Nothing
    /// advances, so nothing is lost and nothing is handed out twice.
    /// </summary>
    /// <param name="updates">The object set aside.</param>
    /// <param name="now">The current time.</param>
    public MessageBoxResult Skip(UpdatesBase updates, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(updates);
        var ticks = now.UtcTicks;
        switch (updates)
        {
            case UpdateShort s:
                SkipUpdate(s.Update, ticks);
                break;
            case UpdatesConstructor u:
                _result.AddEntities(u.Users, u.Chats);
                SkipContainer(u.Seq, u.Updates, ticks);
                break;
            case UpdatesCombined c:
                _result.AddEntities(c.Users, c.Chats);
                SkipContainer(c.Seq, c.Updates, ticks);
                break;
            default:
                // The short forms and updatesTooLong belong to the account sequence.
                SkipAccount(ticks);
                break;
        }
        return _result.Build();
    }

    private void SkipContainer(int seq, Update[] updates, long now)
    {
        if (seq != 0)
            SkipAccount(now);
        foreach (var update in updates)
            SkipUpdate(update, now);
    }

    private void SkipUpdate(Update update, long now)
    {
        var info = PtsInfo.Of(update);
        switch (info.Kind)
        {
            case PtsKind.Account or PtsKind.Secret:
                SkipAccount(now);
                break;
            case PtsKind.Channel or PtsKind.ChannelTooLong:
                if (!_channels.TryGetValue(info.ChannelId, out var entry))
                {
                    // Not tracked yet: it starts where this update would have applied.
                    entry = new PtsEntry(Math.Max(0, info.Pts - info.Count));
                    _channels[info.ChannelId] = entry;
                }
                if (entry.InDifference)
                    entry.DifferenceAgain = true;
                else
                    BeginChannelDifference(info.ChannelId, entry, now);
                break;
        }
    }

    private void SkipAccount(long now)
    {
        if (_inDifference)
            _differenceAgain = true;
        else
            BeginDifference(now);
    }

    /// <summary>Asks for the deadlines that have passed: held updates still behind a gap, a long silence, a retry.
    /// Returns the difference requests to send.</summary>
    /// <param name="now">The current time.</param>
    public MessageBoxResult CheckDeadlines(DateTimeOffset now)
    {
        var ticks = now.UtcTicks;
        while (_deadlines.TryPopDue(ticks, out var key, out _))
        {
            if (key < 0)
                BeginDifference(ticks);
            else if (_channels.TryGetValue(key, out var entry))
                BeginChannelDifference(key, entry, ticks);
        }
        return _result.Build();
    }

    /// <summary>Asks for updates.getDifference now (catching up after a restart or a reconnection), ignoring the retry time
    /// of an aborted difference. When one is in flight, its answer may predate this call: another is asked for when it ends.</summary>
    public MessageBoxResult RequestDifference()
    {
        if (_inDifference)
            _differenceAgain = true;
        else
            BeginDifference(long.MaxValue);
        return _result.Build();
    }

    /// <summary>Asks for updates.getChannelDifference of a tracked channel now unless one is in flight for it;
    /// this ignores the retry time of an aborted difference.</summary>
    /// <param name="channelId">The channel.</param>
    /// <exception cref="InvalidOperationException">The channel is not tracked.</exception>
    public MessageBoxResult RequestChannelDifference(long channelId)
    {
        BeginChannelDifference(channelId, TrackedChannel(channelId), long.MaxValue);
        return _result.Build();
    }

    /// <summary>Applies the result of the updates.getDifference asked for by <see cref="GetDifferenceNeeded"/>.
    /// A slice or differenceTooLong asks for the next part; the final part re-runs the live updates held meanwhile.</summary>
    /// <param name="difference">The server's answer.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="InvalidOperationException">No account difference is in flight.</exception>
    public MessageBoxResult ApplyDifference(DifferenceBase difference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (!_inDifference)
            throw new InvalidOperationException("No updates.getDifference is in flight.");
        var ticks = now.UtcTicks;
        switch (difference)
        {
            case DifferenceEmpty empty:
                _date = empty.Date;
                _seq = empty.Seq;
                EndDifference(ticks);
                break;
            case Difference full:
                _result.AddEntities(full.Users, full.Chats);
                ApplyDifferencePart(full.NewMessages, full.NewEncryptedMessages, full.OtherUpdates, full.State, ticks);
                EndDifference(ticks);
                break;
            case DifferenceSlice slice:
                _result.AddEntities(slice.Users, slice.Chats);
                ApplyDifferencePart(slice.NewMessages, slice.NewEncryptedMessages, slice.OtherUpdates, slice.IntermediateState, ticks);
                _result.Act(new GetDifferenceNeeded(CreateDifferenceRequest()));
                break;
            case DifferenceTooLong tooLong:
                _result.Act(new AccountResyncNeeded(_account.Pts, tooLong.Pts));
                _account.Pts = tooLong.Pts;
                _result.Act(new GetDifferenceNeeded(CreateDifferenceRequest()));
                break;
            default:
                throw new ArgumentException($"Unknown updates.Difference constructor {difference.TlName}.", nameof(difference));
        }
        return _result.Build();
    }

    /// <summary>Ends an account difference that failed: the live updates held meanwhile are re-run, and the
    /// difference is asked for again at <paramref name="retryAt"/> (through <see cref="CheckDeadlines"/>), not before,
    /// whatever gaps, silences or updatesTooLong come meanwhile.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="retryAt">When to ask again (e.g. now plus a backoff, or the end of a FLOOD_WAIT).</param>
    /// <exception cref="InvalidOperationException">No account difference is in flight.</exception>
    public MessageBoxResult AbortDifference(DateTimeOffset now, DateTimeOffset retryAt)
    {
        if (!_inDifference)
            throw new InvalidOperationException("No updates.getDifference is in flight.");
        _differenceNotBefore = retryAt.UtcTicks;
        EndDifference(now.UtcTicks);
        _deadlines.Set(AccountKey, DeadlineKind.Gap, _differenceNotBefore);
        return _result.Build();
    }

    /// <summary>Applies the result of the updates.getChannelDifference asked for by <see cref="GetChannelDifferenceNeeded"/>.
    /// A part that is not final asks for the next one; the final part re-runs the live updates held meanwhile.</summary>
    /// <param name="channelId">The channel the request was for.</param>
    /// <param name="difference">The server's answer.</param>
    /// <param name="now">The current time.</param>
    /// <exception cref="InvalidOperationException">No difference of this channel is in flight.</exception>
    public MessageBoxResult ApplyChannelDifference(long channelId, ChannelDifferenceBase difference, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(difference);
        if (!_channels.TryGetValue(channelId, out var entry) || !entry.InDifference)
            throw new InvalidOperationException($"No updates.getChannelDifference is in flight for channel {channelId}.");
        var ticks = now.UtcTicks;
        bool final;
        int? timeout;
        switch (difference)
        {
            case ChannelDifferenceEmpty empty:
                entry.Pts = empty.Pts;
                (final, timeout) = (empty.Final, empty.Timeout);
                break;
            case ChannelDifferenceTooLong tooLong:
                _result.AddEntities(tooLong.Users, tooLong.Chats);
                var serverPts = (tooLong.Dialog as Dialog)?.Pts ?? entry.Pts;
                _result.Act(new ChannelResyncNeeded(channelId, entry.Pts, serverPts, tooLong));
                entry.Pts = serverPts;
                (final, timeout) = (tooLong.Final, tooLong.Timeout);
                break;
            case ChannelDifference part:
                _result.AddEntities(part.Users, part.Chats);
                foreach (var message in part.NewMessages)
                    _result.Deliver(new UpdateNewChannelMessage { Message = message });
                foreach (var update in part.OtherUpdates)
                {
                    var info = PtsInfo.Of(update);
                    if (info.Kind == PtsKind.Channel && info.ChannelId == channelId)
                    {
                        if (info.Pts > entry.Pts)
                            _result.Deliver(update);
                    }
                    else if (info.Kind != PtsKind.ChannelTooLong || info.ChannelId != channelId)
                    {
                        ProcessUpdate(update, ticks);
                    }
                }
                entry.Pts = part.Pts;
                (final, timeout) = (part.Final, part.Timeout);
                break;
            default:
                throw new ArgumentException($"Unknown updates.ChannelDifference constructor {difference.TlName}.", nameof(difference));
        }
        if (final)
            EndChannelDifference(channelId, entry, ticks, timeout);
        else
            _result.Act(new GetChannelDifferenceNeeded(channelId, entry.Pts, _options.ChannelDifferenceLimit));
        return _result.Build();
    }

    /// <summary>Ends a channel difference that failed for a passing reason: the live updates held meanwhile are re-run
    /// and the difference is asked for again at <paramref name="retryAt"/>, not before. For a channel that is gone
    /// (CHANNEL_PRIVATE, CHANNEL_INVALID) call <see cref="ForgetChannel"/> instead.</summary>
    /// <param name="channelId">The channel the request was for.</param>
    /// <param name="now">The current time.</param>
    /// <param name="retryAt">When to ask again.</param>
    /// <exception cref="InvalidOperationException">No difference of this channel is in flight.</exception>
    public MessageBoxResult AbortChannelDifference(long channelId, DateTimeOffset now, DateTimeOffset retryAt)
    {
        if (!_channels.TryGetValue(channelId, out var entry) || !entry.InDifference)
            throw new InvalidOperationException($"No updates.getChannelDifference is in flight for channel {channelId}.");
        entry.DifferenceNotBefore = retryAt.UtcTicks;
        EndChannelDifference(channelId, entry, now.UtcTicks, null);
        _deadlines.Set(channelId, DeadlineKind.Gap, entry.DifferenceNotBefore);
        return _result.Build();
    }

    private PtsEntry TrackedChannel(long channelId) =>
        _channels.TryGetValue(channelId, out var entry)
            ? entry
            : throw new InvalidOperationException($"Channel {channelId} is not tracked.");

    private GetDifference CreateDifferenceRequest() => new()
    {
        Pts = _account.Pts,
        PtsTotalLimit = _options.DifferencePtsTotalLimit,
        Date = _date,
        Qts = _secret.Pts,
    };

    private void ProcessContainer(in HeldContainer container, long now)
    {
        if (container.SeqEnd == 0)
        {
            foreach (var update in container.Updates)
                ProcessUpdate(update, now);
            return;
        }
        if (_inDifference)
        {
            _heldContainers.Enqueue(container, container.SeqStart);
        }
        else if (container.SeqStart == _seq + 1)
        {
            ApplyContainer(container, now);
            DrainContainers(now);
        }
        else if (container.SeqStart <= _seq)
        {
            ReplayContainer(container, now);
        }
        else
        {
            _heldContainers.Enqueue(container, container.SeqStart);
            _deadlines.SetIfAbsent(SeqKey, DeadlineKind.Gap, now + _options.PossibleGapTimeout.Ticks);
        }
    }

    private void ApplyContainer(in HeldContainer container, long now)
    {
        foreach (var update in container.Updates)
            ProcessUpdate(update, now);
        _seq = container.SeqEnd;
        _date = container.Date;
    }

    /// <summary>A container whose seq is already applied: its pts-less updates were handed out with it, and those
    /// with pts go through their own check (which drops the ones applied).</summary>
    private void ReplayContainer(in HeldContainer container, long now)
    {
        foreach (var update in container.Updates)
        {
            if (PtsInfo.Of(update).Kind != PtsKind.None)
                ProcessUpdate(update, now);
        }
    }

    private void DrainContainers(long now)
    {
        while (_heldContainers.TryPeek(out var next, out var start) && start <= _seq + 1)
        {
            _heldContainers.Dequeue();
            if (start == _seq + 1)
                ApplyContainer(next, now);
            else
                ReplayContainer(next, now);
        }
        if (_heldContainers.Count == 0)
            _deadlines.Clear(SeqKey, DeadlineKind.Gap);
    }

    private void ProcessUpdate(Update update, long now)
    {
        var info = PtsInfo.Of(update);
        switch (info.Kind)
        {
            case PtsKind.Account:
                ProcessPts(_account, AccountKey, new PendingUpdate(update, info.Pts, info.Count), _inDifference, now);
                break;
            case PtsKind.Secret:
                ProcessPts(_secret, SecretKey, new PendingUpdate(update, info.Pts, info.Count), _inDifference, now);
                break;
            case PtsKind.Channel:
                if (_channels.TryGetValue(info.ChannelId, out var entry))
                {
                    ProcessPts(entry, info.ChannelId, new PendingUpdate(update, info.Pts, info.Count), entry.InDifference, now);
                }
                else
                {
                    // The first update of a channel that is not tracked yet sets its pts.
                    _channels[info.ChannelId] = new PtsEntry(info.Pts);
                    _result.Deliver(update);
                }
                if (!_channels[info.ChannelId].InDifference)
                    ResetChannelSilence(info.ChannelId, now, null);
                break;
            case PtsKind.ChannelTooLong:
                if (_channels.TryGetValue(info.ChannelId, out var tooLong))
                    BeginChannelDifference(info.ChannelId, tooLong, now);
                else
                    _result.Deliver(update);
                break;
            default:
                _result.Deliver(update);
                break;
        }
    }

    private void ProcessPts(PtsEntry entry, long key, in PendingUpdate update, bool inDifference, long now)
    {
        var start = update.Start;
        if (start < entry.Pts)
            return;
        if (start == entry.Pts && !inDifference)
        {
            _result.Deliver(update.Update);
            entry.Pts = update.Pts;
            entry.Drain(_result);
            if (entry.PendingCount == 0)
                _deadlines.Clear(key, DeadlineKind.Gap);
            return;
        }
        entry.Hold(update);
        if (!inDifference)
            _deadlines.SetIfAbsent(key, DeadlineKind.Gap, now + _options.PossibleGapTimeout.Ticks);
    }

    private void ApplyDifferencePart(MessageBase[] messages, EncryptedMessageBase[] encrypted, Update[] others, StateBase state, long now)
    {
        foreach (var message in messages)
        {
            _result.Deliver(PtsInfo.ChannelIdOf(message) is null
                ? new UpdateNewMessage { Message = message }
                : new UpdateNewChannelMessage { Message = message });
        }
        foreach (var message in encrypted)
            _result.Deliver(new UpdateNewEncryptedMessage { Message = message });
        foreach (var update in others)
        {
            var info = PtsInfo.Of(update);
            switch (info.Kind)
            {
                case PtsKind.Account:
                    if (info.Pts > _account.Pts)
                        _result.Deliver(update);
                    break;
                case PtsKind.Secret:
                    if (info.Pts > _secret.Pts)
                        _result.Deliver(update);
                    break;
                default:
                    ProcessUpdate(update, now);
                    break;
            }
        }
        var s = (State)state;
        _account.Pts = s.Pts;
        _secret.Pts = s.Qts;
        _date = s.Date;
        _seq = s.Seq;
    }

    /// <summary>Starts the account difference unless one is in flight; before the retry time of an aborted one,
    /// only makes sure <see cref="CheckDeadlines"/> starts it then.</summary>
    private void BeginDifference(long now)
    {
        if (_inDifference)
            return;
        if (now < _differenceNotBefore)
        {
            _deadlines.Set(AccountKey, DeadlineKind.Gap, _differenceNotBefore);
            return;
        }
        _inDifference = true;
        _deadlines.Clear(AccountKey, DeadlineKind.Gap);
        _deadlines.Clear(AccountKey, DeadlineKind.Silence);
        _deadlines.Clear(SecretKey, DeadlineKind.Gap);
        _deadlines.Clear(SeqKey, DeadlineKind.Gap);
        _result.Act(new GetDifferenceNeeded(CreateDifferenceRequest()));
    }

    private void EndDifference(long now)
    {
        _inDifference = false;
        DrainContainers(now);
        DrainHeld(_account, AccountKey, now);
        DrainHeld(_secret, SecretKey, now);
        if (_heldContainers.Count > 0)
            _deadlines.SetIfAbsent(SeqKey, DeadlineKind.Gap, now + _options.PossibleGapTimeout.Ticks);
        ResetAccountSilence(now);
        if (_differenceAgain)
        {
            // Something was set aside while this difference was in flight: its answer may not hold it.
            _differenceAgain = false;
            BeginDifference(now);
        }
    }

    private void BeginChannelDifference(long channelId, PtsEntry entry, long now)
    {
        if (entry.InDifference)
            return;
        if (now < entry.DifferenceNotBefore)
        {
            _deadlines.Set(channelId, DeadlineKind.Gap, entry.DifferenceNotBefore);
            return;
        }
        entry.InDifference = true;
        _deadlines.Clear(channelId, DeadlineKind.Gap);
        _deadlines.Clear(channelId, DeadlineKind.Silence);
        _result.Act(new GetChannelDifferenceNeeded(channelId, entry.Pts, _options.ChannelDifferenceLimit));
    }

    private void EndChannelDifference(long channelId, PtsEntry entry, long now, int? timeoutSeconds)
    {
        entry.InDifference = false;
        DrainHeld(entry, channelId, now);
        ResetChannelSilence(channelId, now, timeoutSeconds);
        if (entry.DifferenceAgain)
        {
            entry.DifferenceAgain = false;
            BeginChannelDifference(channelId, entry, now);
        }
    }

    private void DrainHeld(PtsEntry entry, long key, long now)
    {
        entry.Drain(_result);
        if (entry.PendingCount == 0)
            _deadlines.Clear(key, DeadlineKind.Gap);
        else
            _deadlines.SetIfAbsent(key, DeadlineKind.Gap, now + _options.PossibleGapTimeout.Ticks);
    }

    private void ResetAccountSilence(long now) =>
        _deadlines.Set(AccountKey, DeadlineKind.Silence, now + _options.NoUpdatesTimeout.Ticks);

    private void ResetChannelSilence(long channelId, long now, int? timeoutSeconds)
    {
        if (_options.ChannelPollInterval is not { } interval)
            return;
        var wait = timeoutSeconds is > 0 ? TimeSpan.FromSeconds(timeoutSeconds.Value) : interval;
        _deadlines.Set(channelId, DeadlineKind.Silence, now + wait.Ticks);
    }

    /// <summary>An updates or updatesCombined container waiting for its seq.</summary>
    private readonly record struct HeldContainer(int SeqStart, int SeqEnd, int Date, Update[] Updates);
}
