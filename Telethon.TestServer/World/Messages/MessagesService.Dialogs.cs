using Telethon.Tl.Abcs;
using FF = Telethon.Tl.Functions.Folders;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    /// <summary>The most dialogs one messages.getDialogs answers (and the number a limit of 0 asks for).</summary>
    public const int DialogsLimitMax = 100;

    /// <summary>How many dialogs the main list may pin (pinned_dialogs_count_max of a user without Premium).</summary>
    public const int PinnedDialogsMax = 5;

    /// <summary>How many dialogs the archive may pin (pinned_infolder_count_max).</summary>
    public const int PinnedArchivedDialogsMax = 100;

    /// <summary>How many messages one messages.deleteHistory deletes before it asks to be called again (offset &gt; 0).</summary>
    public const int DeleteHistoryChunk = 1000;

    // ---- messages.getDialogs ----

    /// <summary>
    /// messages.getDialogs: the folder's pinned dialogs first (in pin order, unless exclude_pinned), then
    /// the others by the date of their top message, newest first. A page continues after the dialog
    /// named by (offset_date, offset_id, offset_peer), the last one of the page before; the answer is
    /// messages.dialogs when it holds the whole list, else messages.dialogsSlice with the total count.
    /// </summary>
    /// <exception cref="RpcError">FOLDER_ID_INVALID or OFFSET_PEER_ID_INVALID.</exception>
    public Tl.Abcs.Messages.Dialogs GetDialogs(Caller caller, FM.GetDialogs request)
    {
        var folder = CheckFolder(request.FolderId ?? DialogMarks.MainFolder);
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var byPeer = DialogEntries(viewer).Where(e => viewer.Marks.FolderOf(e.Peer) == folder).ToDictionary(e => e.Peer);
            var pinned = request.ExcludePinned ? [] : viewer.Marks.Pinned(folder).Where(byPeer.ContainsKey).Select(p => byPeer[p]).ToList();
            var pinnedSet = viewer.Marks.Pinned(folder).ToHashSet();
            var rest = byPeer.Values.Where(e => !pinnedSet.Contains(e.Peer)).ToList();
            rest.Sort(CompareDialogs);
            var ordered = pinned.Concat(rest).ToList();

            PeerKey? offsetPeer = null;
            if (request.OffsetPeer is not null and not T.InputPeerEmpty)
            {
                try
                {
                    offsetPeer = _world.Peers.ResolvePeer(viewer.OwnerId, request.OffsetPeer);
                }
                catch (RpcError)
                {
                    throw WorldErrors.Bad("OFFSET_PEER_ID_INVALID");
                }
            }
            var start = 0;
            var pinnedIndex = offsetPeer is { } op ? pinned.FindIndex(e => e.Peer == op) : -1;
            if (pinnedIndex >= 0)
            {
                start = pinnedIndex + 1;
            }
            else if (request.OffsetDate > 0 || request.OffsetId > 0)
            {
                var cursorDate = request.OffsetDate > 0 ? request.OffsetDate : int.MaxValue;
                start = pinned.Count;
                while (start < ordered.Count && !After(ordered[start], cursorDate, request.OffsetId, offsetPeer))
                    start++;
            }
            else if (offsetPeer is { } peer && ordered.FindIndex(e => e.Peer == peer) is var index and >= 0)
            {
                start = index + 1;
            }

            var limit = request.Limit <= 0 ? DialogsLimitMax : Math.Min(request.Limit, DialogsLimitMax);
            var selected = ordered.Skip(start).Take(limit).ToList();
            var (dialogs, messages, users, chats) = DialogsAnswer(viewer, selected);
            if (start == 0 && selected.Count == ordered.Count)
                return new T.Messages.Dialogs { DialogsValue = dialogs, Messages = messages, Chats = chats, Users = users };
            return new T.Messages.DialogsSlice { Count = ordered.Count, Dialogs = dialogs, Messages = messages, Chats = chats, Users = users };
        }
    }

    /// <summary>Newest top message first; same date: higher top message id first; then by peer (a total order).</summary>
    private static int CompareDialogs(DialogEntry a, DialogEntry b)
    {
        if (a.Date != b.Date)
            return b.Date.CompareTo(a.Date);
        if (a.TopId != b.TopId)
            return b.TopId.CompareTo(a.TopId);
        return ComparePeers(b.Peer, a.Peer);
    }

    private static int ComparePeers(PeerKey a, PeerKey b) =>
        a.Kind != b.Kind ? a.Kind.CompareTo(b.Kind) : a.Id.CompareTo(b.Id);

    /// <summary>Whether <paramref name="entry"/> comes after the dialog the offsets name (in <see cref="CompareDialogs"/> order).</summary>
    private static bool After(DialogEntry entry, int offsetDate, int offsetId, PeerKey? offsetPeer)
    {
        if (entry.Date != offsetDate)
            return entry.Date < offsetDate;
        if (entry.TopId != offsetId)
            return entry.TopId < offsetId;
        return offsetPeer is { } peer && ComparePeers(entry.Peer, peer) < 0;
    }

    /// <summary>Every dialog of the account (private chats and small groups with messages, channels it is in), with its draft, pin and folder.</summary>
    private List<DialogEntry> DialogEntries(MessageBox viewer)
    {
        var entries = new List<DialogEntry>();
        foreach (var (peer, state) in viewer.Dialogs)
        {
            if (state.MessageIds.Count == 0)
            {
                if (viewer.Marks.Cleared.TryGetValue(peer, out var clearedAt))
                    entries.Add(new DialogEntry(peer, clearedAt, 0, EmptyDialog(peer, state), null));
                continue;
            }
            var top = viewer.Messages[state.MessageIds.Max];
            var unread = 0;
            foreach (var id in state.MessageIds.GetViewBetween(state.ReadInboxMaxId + 1, int.MaxValue))
            {
                if (!viewer.Messages[id].Out)
                    unread++;
            }
            entries.Add(new DialogEntry(peer, top.Date, top.Id, new T.Dialog
            {
                Peer = peer.ToPeer(),
                TopMessage = top.Id,
                ReadInboxMaxId = state.ReadInboxMaxId,
                ReadOutboxMaxId = state.ReadOutboxMaxId,
                UnreadCount = unread,
                NotifySettings = new T.PeerNotifySettings(),
            }, MessageView(top, viewer.OwnerId)));
        }
        entries.AddRange(_world.Chats.ChannelDialogs(viewer.OwnerId));
        var marks = viewer.Marks;
        foreach (var entry in entries)
        {
            var dialog = (T.Dialog)entry.Dialog;
            var folder = marks.FolderOf(entry.Peer);
            dialog.Pinned = marks.Pinned(folder).Contains(entry.Peer);
            dialog.Draft = marks.DraftOf(entry.Peer);
            dialog.FolderId = folder == DialogMarks.MainFolder ? null : folder;
        }
        return entries;
    }

    /// <summary>A dialog whose history was cleared for the viewer (just_clear): it stays, without a top message.</summary>
    private static T.Dialog EmptyDialog(PeerKey peer, DialogState state) => new()
    {
        Peer = peer.ToPeer(),
        TopMessage = 0,
        ReadInboxMaxId = state.ReadInboxMaxId,
        ReadOutboxMaxId = state.ReadOutboxMaxId,
        UnreadCount = 0,
        NotifySettings = new T.PeerNotifySettings(),
    };

    /// <summary>The dialogs, top messages, users and chats of an answer listing <paramref name="selected"/>.</summary>
    private (Dialog[] Dialogs, Message[] Messages, User[] Users, Chat[] Chats) DialogsAnswer(MessageBox viewer, List<DialogEntry> selected)
    {
        var refs = selected.Select(e => e.Peer).Concat(selected.Select(e => e.Top switch
        {
            T.Message { FromId: T.PeerUser u } => new PeerKey(PeerKind.User, u.UserId),
            T.MessageService { FromId: T.PeerUser u } => new PeerKey(PeerKind.User, u.UserId),
            _ => e.Peer,
        }));
        var (users, chats) = _world.Peers.Views(viewer.OwnerId, refs);
        return ([.. selected.Select(e => e.Dialog)], [.. selected.Where(e => e.Top is not null).Select(e => e.Top!)], users, chats);
    }

    private static int CheckFolder(int folder) =>
        folder is DialogMarks.MainFolder or DialogMarks.ArchiveFolder ? folder : throw WorldErrors.Bad("FOLDER_ID_INVALID");

    // ---- pinned dialogs ----

    /// <summary>
    /// messages.toggleDialogPin: pins (first in its folder's pinned list) or unpins a dialog; the
    /// account's other sessions get updateDialogPinned.
    /// </summary>
    /// <exception cref="RpcError">PEER_ID_INVALID, CHANNEL_PRIVATE, PEER_HISTORY_EMPTY or PINNED_DIALOGS_TOO_MUCH.</exception>
    public bool ToggleDialogPin(Caller caller, FM.ToggleDialogPin request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            if (request.Peer is not T.InputDialogPeer { Peer: var input })
                throw WorldErrors.PeerIdInvalid;
            var target = _world.Peers.ResolvePeer(viewer.OwnerId, input);
            if (!DialogEntries(viewer).Exists(e => e.Peer == target))
                throw target.Kind == PeerKind.Channel ? WorldErrors.ChannelPrivate : WorldErrors.Bad("PEER_HISTORY_EMPTY");
            var folder = viewer.Marks.FolderOf(target);
            var pinned = viewer.Marks.Pinned(folder);
            if (request.Pinned == pinned.Contains(target))
                return true;
            if (request.Pinned)
            {
                if (pinned.Count >= (folder == DialogMarks.MainFolder ? PinnedDialogsMax : PinnedArchivedDialogsMax))
                    throw WorldErrors.Bad("PINNED_DIALOGS_TOO_MUCH");
                pinned.Insert(0, target);
            }
            else
            {
                pinned.Remove(target);
            }
            var update = new T.UpdateDialogPinned
            {
                Pinned = request.Pinned,
                FolderId = folder == DialogMarks.MainFolder ? null : folder,
                Peer = new T.DialogPeer { Peer = target.ToPeer() },
            };
            PushToOtherSessions(caller, "updateDialogPinned", update, [target]);
            return true;
        }
    }

    /// <summary>messages.getPinnedDialogs: the pinned dialogs of a folder, in pin order, with the account's update state.</summary>
    /// <exception cref="RpcError">FOLDER_ID_INVALID.</exception>
    public Tl.Abcs.Messages.PeerDialogs GetPinnedDialogs(Caller caller, FM.GetPinnedDialogs request)
    {
        var folder = CheckFolder(request.FolderId);
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var byPeer = DialogEntries(viewer).ToDictionary(e => e.Peer);
            var selected = viewer.Marks.Pinned(folder).Where(byPeer.ContainsKey).Select(p => byPeer[p]).ToList();
            var (dialogs, messages, users, chats) = DialogsAnswer(viewer, selected);
            return new T.Messages.PeerDialogs { Dialogs = dialogs, Messages = messages, Chats = chats, Users = users, State = _world.Updates.GetState(caller) };
        }
    }

    // ---- folders.editPeerFolders ----

    /// <summary>
    /// folders.editPeerFolders: moves dialogs to the archive (1) or back to the main list (0); a moved
    /// dialog loses its pin. One updateFolderPeers (one pts) answers and goes to the other sessions.
    /// </summary>
    /// <exception cref="RpcError">FOLDER_ID_INVALID or the peer's resolution error.</exception>
    public UpdatesBase EditPeerFolders(Caller caller, FF.EditPeerFolders request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var moves = new List<(PeerKey Peer, int Folder)>();
            foreach (var item in request.FolderPeers ?? [])
            {
                if (item is not T.InputFolderPeer folderPeer)
                    throw WorldErrors.PeerIdInvalid;
                var folder = CheckFolder(folderPeer.FolderId);
                moves.Add((_world.Peers.ResolvePeer(viewer.OwnerId, folderPeer.Peer), folder));
            }
            if (moves.Count == 0)
                throw WorldErrors.Bad("FOLDER_PEERS_EMPTY");
            var marks = viewer.Marks;
            foreach (var (peer, folder) in moves)
            {
                if (marks.FolderOf(peer) == folder)
                    continue;
                marks.Pinned(marks.FolderOf(peer)).Remove(peer);
                if (folder == DialogMarks.ArchiveFolder)
                    marks.Archived.Add(peer);
                else
                    marks.Archived.Remove(peer);
            }
            PeerKey[] refs = [.. moves.Select(m => m.Peer)];
            var views = _world.Peers.Views(viewer.OwnerId, refs);
            using (Updates.Hold())
            {
                var stream = Updates.Stream(viewer.OwnerId);
                var pts = stream.NextPts();
                var update = new T.UpdateFolderPeers
                {
                    FolderPeers = [.. moves.Select(m => (FolderPeer)new T.FolderPeer { Peer = m.Peer.ToPeer(), FolderId = m.Folder })],
                    Pts = pts,
                    PtsCount = 1,
                };
                stream.LogPts(1, update, null, refs);
                stream.Truth("updateFolderPeers", pts, 1, null, null);
                var container = stream.Container([update], refs, views);
                stream.Push(container, caller.Session, null, pts, pts);
                return container;
            }
        }
    }

    // ---- messages.deleteHistory ----

    /// <summary>
    /// messages.deleteHistory of a private chat or small group: the caller's messages up to max_id (all
    /// when 0) go, at most <see cref="DeleteHistoryChunk"/> per call (offset &gt; 0 asks for another
    /// call). With revoke (and not just_clear) the other side's copies go too in private chats, and in
    /// small groups the caller's own messages (every message, for the creator). Each owner gets
    /// updateDeleteMessages with its own pts. A dialog emptied with just_clear stays listed (without a
    /// top message); one emptied without it leaves the list and loses its pin.
    /// </summary>
    /// <exception cref="RpcError">PEER_ID_INVALID (also for channels: channels.deleteHistory serves them) or CHAT_REVOKE_DATE_UNSUPPORTED.</exception>
    public Tl.Abcs.Messages.AffectedHistory DeleteHistory(Caller caller, FM.DeleteHistory request)
    {
        using (_gate.Enter())
        {
            var account = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(account.OwnerId, request.Peer);
            if (target.Kind == PeerKind.Channel)
                throw WorldErrors.PeerIdInvalid;
            if (target.Kind == PeerKind.Chat && (request.MinDate is not null || request.MaxDate is not null))
                throw WorldErrors.Bad("CHAT_REVOKE_DATE_UNSUPPORTED");
            if (!account.Dialogs.TryGetValue(target, out var state))
                return new T.Messages.AffectedHistory { Pts = Updates.CurrentPts(account.OwnerId), PtsCount = 0, Offset = 0 };
            var upTo = request.MaxId <= 0 ? int.MaxValue : request.MaxId;
            var candidates = state.MessageIds.GetViewBetween(1, upTo).Reverse()
                .Where(id => InDateRange(account.Messages[id].Date, request.MinDate, request.MaxDate)).ToList();
            var chunk = candidates.Take(DeleteHistoryChunk).Select(id => account.Messages[id]).ToList();
            var revoke = request.Revoke && !request.JustClear;
            var creator = target.Kind == PeerKind.Chat && _world.Chats.GroupCreator(target.Id) == account.OwnerId;
            var doomed = new Dictionary<long, List<BoxMessage>> { [account.OwnerId] = chunk };
            foreach (var message in chunk)
            {
                if (!revoke || (target.Kind == PeerKind.Chat && !message.Out && !creator))
                    continue;
                foreach (var (ownerId, copyId) in _copies[message.Key])
                {
                    if (ownerId == account.OwnerId)
                        continue;
                    if (!doomed.TryGetValue(ownerId, out var list))
                        doomed[ownerId] = list = [];
                    list.Add(BoxOf(ownerId).Messages[copyId]);
                }
            }
            var answer = DeleteCopies(caller.Session, account.OwnerId, doomed);
            var more = candidates.Count > chunk.Count;
            if (request.JustClear && state.MessageIds.Count == 0)
                account.Marks.Cleared[target] = Now;
            if (!request.JustClear && !more && state.MessageIds.Count == 0)
            {
                account.Marks.Cleared.Remove(target);
                account.Marks.Pinned(account.Marks.FolderOf(target)).Remove(target);
            }
            return new T.Messages.AffectedHistory { Pts = answer.Pts, PtsCount = answer.PtsCount, Offset = more ? candidates[chunk.Count] : 0 };
        }
    }

    private static bool InDateRange(int date, int? minDate, int? maxDate) =>
        (minDate is not { } min || date > min) && (maxDate is not { } max || date < max);

    /// <summary>
    /// Deletes copies from their owners' boxes (the actor first, then by id): each owner's pts advances
    /// by the number of its copies, with one updateDeleteMessages (<paramref name="exclude"/>, the actor's
    /// calling session, left out). Holds the messages lock; returns the actor's pts and pts_count.
    /// </summary>
    private (int Pts, int PtsCount) DeleteCopies(SessionKey? exclude, long actorId, Dictionary<long, List<BoxMessage>> doomed)
    {
        var ptsCount = 0;
        using (Updates.Hold())
        {
            foreach (var (ownerId, messages) in doomed.OrderBy(d => d.Key == actorId ? 0 : 1).ThenBy(d => d.Key))
            {
                if (messages.Count == 0)
                    continue;
                var owner = BoxOf(ownerId);
                foreach (var message in messages)
                    RemoveCopy(owner, message);
                var stream = Updates.Stream(ownerId);
                var pts = stream.NextPts(messages.Count);
                var deleted = messages.Select(m => m.Id).ToArray();
                var update = new T.UpdateDeleteMessages { Messages = deleted, Pts = pts, PtsCount = deleted.Length };
                stream.LogPts(deleted.Length, update, null, []);
                stream.Truth("updateDeleteMessages", pts, deleted.Length, null, deleted[0]);
                var own = ownerId == actorId;
                stream.Push(stream.Container([update], [], PeerViews.None), own ? exclude : null, null, pts - deleted.Length + 1, pts);
                if (own)
                    ptsCount = deleted.Length;
            }
            return (Updates.Stream(actorId).Pts, ptsCount);
        }
    }

    /// <summary>
    /// Pushes one update without pts (or seq) to the account's sessions but the calling one, and records
    /// it as ground truth. Holds the messages lock; builds the views before the updates lock.
    /// </summary>
    private void PushToOtherSessions(Caller caller, string kind, Update update, PeerKey[] refs)
    {
        var views = _world.Peers.Views(caller.UserId, refs);
        using (Updates.Hold())
        {
            var stream = Updates.Stream(caller.UserId);
            stream.Truth(kind, 0, 0, null, null);
            stream.Push(stream.Container([update], refs, views), caller.Session, null, 1, 0);
        }
    }
}
