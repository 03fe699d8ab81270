using Telethon.TestServer.Config;
using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// The update stream of one account: its pts, qts and seq, the log differences are served from, the
/// auth keys its pushes go to, and the pushes a reorder fault holds back. Owned by the
/// <see cref="UpdatesService"/>: every member needs the updates lock, so that numbering an update,
/// logging it, recording it as ground truth and queueing its push happen as one step per account.
/// </summary>
internal sealed class AccountStream
{
    private readonly UpdatesService _owner;
    private List<(UpdatesBase Updates, SessionKey? Exclude)>? _held;

    public AccountStream(UpdatesService owner, long id, int homeDc, AccountIdentity identity, int logCapacity)
    {
        _owner = owner;
        Id = id;
        HomeDc = homeDc;
        Identity = identity;
        Log = new UpdateLog<AccountLogEntry>(logCapacity);
    }

    public long Id { get; }

    public int HomeDc { get; }

    /// <summary>What the update faults match the account by.</summary>
    public AccountIdentity Identity { get; }

    public int Pts { get; private set; }

    public int Qts { get; private set; }

    public int Seq { get; private set; }

    public UpdateLog<AccountLogEntry> Log { get; }

    public PushRoute[] Routes { get; set; } = [];

    /// <summary>Advances the pts by <paramref name="count"/>; returns the new pts.</summary>
    public int NextPts(int count = 1)
    {
        _owner.EnsureHeld();
        Pts += count;
        return Pts;
    }

    /// <summary>Advances the qts by one; returns the new qts.</summary>
    public int NextQts()
    {
        _owner.EnsureHeld();
        return ++Qts;
    }

    /// <summary>Logs a pts update; <see cref="NextPts"/> has already advanced the pts by <paramref name="count"/>.</summary>
    public void LogPts(int count, Update update, Message? newMessage, PeerKey[] refs)
    {
        _owner.EnsureHeld();
        Log.Add(new AccountLogEntry(LogKind.Pts, Pts, count, Qts, _owner.Now, update, newMessage, refs), LogPosition);
    }

    /// <summary>Logs a qts update; <see cref="NextQts"/> has already advanced the qts.</summary>
    public void LogQts(Update update, PeerKey[] refs)
    {
        _owner.EnsureHeld();
        Log.Add(new AccountLogEntry(LogKind.Qts, Pts, 0, Qts, _owner.Now, update, null, refs), LogPosition);
    }

    /// <summary>
    /// The updates container for this account. Its seq is non-zero (and the account's seq advances) only
    /// when it carries an update without pts or qts (updateChannel, updateChatParticipants,
    /// updateReadChannelInbox, ...); those updates are also logged for differences. Build it once per
    /// account and operation: the caller's answer and the pushes to its other sessions share it.
    /// <paramref name="views"/> are the users and chats of <paramref name="refs"/> as this account sees them.
    /// </summary>
    public T.UpdatesConstructor Container(Update[] updates, PeerKey[] refs, PeerViews views)
    {
        _owner.EnsureHeld();
        var refArray = refs.Distinct().ToArray();
        var now = _owner.Now;
        var seqBearing = false;
        foreach (var update in updates)
        {
            if (!IsSeqUpdate(update))
                continue;
            seqBearing = true;
            Log.Add(new AccountLogEntry(LogKind.Seq, Pts, 0, Qts, now, update, null, refArray), LogPosition);
        }
        if (seqBearing)
            Seq++;
        return new T.UpdatesConstructor { Updates = updates, Users = views.Users, Chats = views.Chats, Date = now, Seq = seqBearing ? Seq : 0 };
    }

    /// <summary>Records that this account is given an update (delivered with the pushes, in their order).</summary>
    public void Truth(string kind, int pts, int ptsCount, long? channel, int? messageId, int? qts = null)
    {
        _owner.EnsureHeld();
        _owner.QueueTruth(new GroundTruthRecord(Id, kind, pts, ptsCount, channel, messageId, qts));
    }

    /// <summary>
    /// Queues a push to every session of the account but <paramref name="exclude"/>, through the update
    /// faults; a push without pts has <paramref name="fromPts"/> &gt; <paramref name="toPts"/>.
    /// </summary>
    public void Push(UpdatesBase updates, SessionKey? exclude, long? channel, int fromPts, int toPts)
    {
        _owner.EnsureHeld();
        var fate = _owner.Faults?.Decide(Identity, channel, fromPts, toPts) ?? PushFate.Deliver;
        switch (fate)
        {
            case PushFate.Withhold:
                return;
            case PushFate.Reorder:
                (_held ??= []).Add((updates, exclude));
                return;
        }
        _owner.QueuePush(this, updates, exclude);
        if (fate == PushFate.Duplicate)
            _owner.QueuePush(this, updates, exclude);
        if (_held is { } late)
        {
            _held = null;
            foreach (var (u, x) in late)
                _owner.QueuePush(this, u, x);
        }
    }

    private static bool IsSeqUpdate(Update update) =>
        update is T.UpdateChannel or T.UpdateChatParticipants or T.UpdateReadChannelInbox or T.UpdateReadChannelOutbox or T.UpdateUserName
        or T.UpdateChatParticipantAdmin or T.UpdateChatDefaultBannedRights;

    private static (int, int) LogPosition(AccountLogEntry e) => (e.Pts, e.Qts);
}
