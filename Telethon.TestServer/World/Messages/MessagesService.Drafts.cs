using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    // Drafts sync an account's typing between its devices: saving one pushes updateDraftMessage to the
    // account's other sessions (core.telegram.org/api/drafts); dialogs carry them; a message sent with
    // clear_draft clears the dialog's draft.

    /// <summary>
    /// messages.saveDraft: keeps the draft of a dialog (text, entities, no_webpage, invert_media, reply_to);
    /// an empty text clears it. The account's other sessions get updateDraftMessage (draftMessageEmpty
    /// for a cleared one).
    /// </summary>
    /// <exception cref="RpcError">PEER_ID_INVALID, CHANNEL_INVALID, CHANNEL_PRIVATE, MESSAGE_TOO_LONG or MSG_ID_INVALID.</exception>
    public bool SaveDraft(Caller caller, FM.SaveDraft request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(viewer.OwnerId, request.Peer);
            if (target.Kind == PeerKind.Channel && !_world.Chats.ChannelDialogs(viewer.OwnerId).Exists(e => e.Peer == target))
                throw WorldErrors.ChannelPrivate;
            var text = request.Message ?? "";
            if (text.Length > MessageLengthMax)
                throw WorldErrors.Bad("MESSAGE_TOO_LONG");
            int? replyId = request.ReplyTo switch
            {
                null => null,
                T.InputReplyToMessage r => r.ReplyToMsgId,
                _ => throw WorldErrors.Bad("MSG_ID_INVALID"),
            };
            if (replyId is { } rid && !MessageExists(viewer, target, rid))
                throw WorldErrors.Bad("MSG_ID_INVALID");
            var marks = viewer.Marks;
            DraftMessage draft;
            if (text.Length == 0)
            {
                if (!marks.Drafts.Remove(target))
                    return true;
                draft = new T.DraftMessageEmpty { Date = Now };
            }
            else
            {
                var saved = new T.DraftMessage
                {
                    NoWebpage = request.NoWebpage,
                    InvertMedia = request.InvertMedia,
                    ReplyTo = replyId is { } id ? new T.InputReplyToMessage { ReplyToMsgId = id } : null,
                    Message = text,
                    Entities = StoredEntities(caller.UserId, request.Entities),
                    Date = Now,
                };
                marks.Drafts[target] = saved;
                draft = saved;
            }
            PushToOtherSessions(caller, "updateDraftMessage", new T.UpdateDraftMessage { Peer = target.ToPeer(), Draft = draft }, [target]);
            return true;
        }
    }

    /// <summary>messages.getAllDrafts: updates with one updateDraftMessage per saved draft (answered, not pushed).</summary>
    public UpdatesBase GetAllDrafts(Caller caller, FM.GetAllDrafts request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var drafts = viewer.Marks.Drafts.OrderByDescending(d => d.Value.Date).ThenBy(d => d.Key.Kind).ThenBy(d => d.Key.Id).ToList();
            PeerKey[] refs = [.. drafts.Select(d => d.Key)];
            var views = _world.Peers.Views(viewer.OwnerId, refs);
            Update[] updates = [.. drafts.Select(d => (Update)new T.UpdateDraftMessage { Peer = d.Key.ToPeer(), Draft = d.Value })];
            using (Updates.Hold())
                return Updates.Stream(viewer.OwnerId).Container(updates, refs, views);
        }
    }

    /// <summary>messages.clearAllDrafts: every draft goes; the other sessions get updateDraftMessage (draftMessageEmpty) for each.</summary>
    public bool ClearAllDrafts(Caller caller, FM.ClearAllDrafts request)
    {
        using (_gate.Enter())
        {
            var viewer = BoxOf(caller.UserId);
            var peers = viewer.Marks.Drafts.Keys.OrderBy(p => p.Kind).ThenBy(p => p.Id).ToList();
            viewer.Marks.Drafts.Clear();
            foreach (var peer in peers)
                PushToOtherSessions(caller, "updateDraftMessage", new T.UpdateDraftMessage { Peer = peer.ToPeer(), Draft = new T.DraftMessageEmpty { Date = Now } }, [peer]);
            return true;
        }
    }

    /// <summary>
    /// After messages.sendMessage with clear_draft: the dialog's draft goes and the account's other
    /// sessions get updateDraftMessage (draftMessageEmpty). Returns <paramref name="sent"/>.
    /// </summary>
    private UpdatesBase ClearDraftOnSend(Caller caller, InputPeer peer, bool clearDraft, UpdatesBase sent)
    {
        if (!clearDraft)
            return sent;
        using (_gate.Enter())
        {
            var target = _world.Peers.ResolvePeer(caller.UserId, peer);
            if (BoxOf(caller.UserId).Marks.Drafts.Remove(target))
                PushToOtherSessions(caller, "updateDraftMessage", new T.UpdateDraftMessage { Peer = target.ToPeer(), Draft = new T.DraftMessageEmpty { Date = Now } }, [target]);
        }
        return sent;
    }

    /// <summary>Whether message <paramref name="id"/> of the dialog exists for the viewer.</summary>
    private bool MessageExists(MessageBox viewer, PeerKey dialog, int id) => dialog.Kind == PeerKind.Channel
        ? _world.Chats.SeenInChannelMessage(dialog.Id, id, dialog)
        : viewer.Messages.TryGetValue(id, out var message) && message.Dialog == dialog;
}
