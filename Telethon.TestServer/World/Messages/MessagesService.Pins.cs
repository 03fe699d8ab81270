using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    /// <summary>
    /// messages.updatePinnedMessage. Private chats: both sides pin (only the caller with
    /// <c>pm_oneside</c>); small groups: every member, pinned by the creator or an admin
    /// (CHAT_ADMIN_REQUIRED otherwise); channels: see <see cref="ChatsService.UpdatePinnedChannelMessage"/>.
    /// Each owner gets updatePinnedMessages with its own ids and pts, and when pinning for everybody a
    /// messageActionPinMessage service message replying to the pinned one (flagged silent when asked).
    /// Unpinning a message that is not pinned, or pinning a pinned one, answers CHAT_NOT_MODIFIED.
    /// </summary>
    public UpdatesBase UpdatePinnedMessage(Caller caller, FM.UpdatePinnedMessage request)
    {
        using (_gate.Enter())
        {
            var actor = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(actor.OwnerId, request.Peer);
            if (target.Kind == PeerKind.Channel)
                return _world.Chats.UpdatePinnedChannelMessage(caller, target.Id, request.Id, request.Unpin, request.Silent);
            if (!actor.Messages.TryGetValue(request.Id, out var message) || message.Dialog != target || message.Action is not null)
                throw WorldErrors.MessageIdInvalid;
            var oneSide = false;
            if (target.Kind == PeerKind.Chat)
            {
                CheckCanPinInGroup(target.Id, actor.OwnerId);
            }
            else if (request.PmOneside)
            {
                if (actor.OwnerIsBot)
                    throw WorldErrors.Bad("BOT_ONESIDE_NOT_AVAIL");
                oneSide = true;
            }
            if (message.Pinned != request.Unpin)
                throw WorldErrors.Bad("CHAT_NOT_MODIFIED");
            var copies = oneSide ? [(actor.OwnerId, message.Id)] : _copies[message.Key].ToList();
            var withService = !request.Unpin && !oneSide;
            return ChangePins(caller, actor, [.. copies.Select(c => (c.Item1, new[] { c.Item2 }))], !request.Unpin, withService, request.Silent);
        }
    }

    /// <summary>
    /// messages.unpinAllMessages: unpins the newest <see cref="ChatsService.UnpinBatch"/> pinned messages of
    /// the chat for everybody (a positive offset in the answer asks for another call); CHAT_NOT_MODIFIED
    /// when nothing is pinned.
    /// </summary>
    public Tl.Abcs.Messages.AffectedHistory UnpinAllMessages(Caller caller, FM.UnpinAllMessages request)
    {
        using (_gate.Enter())
        {
            var actor = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(actor.OwnerId, request.Peer);
            if (target.Kind == PeerKind.Channel)
                return _world.Chats.UnpinAllChannelMessages(caller, target.Id);
            if (target.Kind == PeerKind.Chat)
                CheckCanPinInGroup(target.Id, actor.OwnerId);
            var pinned = actor.Dialogs.TryGetValue(target, out var dialog)
                ? dialog.MessageIds.Reverse().Where(id => actor.Messages[id].Pinned).ToList()
                : [];
            if (pinned.Count == 0)
                throw WorldErrors.Bad("CHAT_NOT_MODIFIED");
            var batch = pinned.Take(ChatsService.UnpinBatch).Order().ToList();
            var perOwner = new SortedDictionary<long, List<int>>();
            foreach (var id in batch)
            {
                foreach (var (ownerId, copyId) in _copies[actor.Messages[id].Key])
                {
                    if (!BoxOf(ownerId).Messages[copyId].Pinned)
                        continue;
                    if (!perOwner.TryGetValue(ownerId, out var list))
                        perOwner[ownerId] = list = [];
                    list.Add(copyId);
                }
            }
            var owners = perOwner.Select(p => (p.Key, p.Value.ToArray())).ToList();
            ChangePins(caller, actor, owners, false, false, false);
            var pts = Updates.CurrentPts(actor.OwnerId);
            return new T.Messages.AffectedHistory { Pts = pts, PtsCount = 1, Offset = pinned.Count > batch.Count ? batch[0] : 0 };
        }
    }

    private void CheckCanPinInGroup(long chatId, long userId)
    {
        switch (_world.Chats.GroupRole(chatId, userId))
        {
            case null:
                throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
            case MemberRole.Member:
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
        }
    }

    /// <summary>
    /// Pins or unpins each owner's copies (updatePinnedMessages, one pts each) and, <paramref name="withService"/>,
    /// adds the pin service message to each owner's box; the caller's calling session gets the caller's
    /// container as the answer, every other session a push. <paramref name="owners"/> include the actor.
    /// </summary>
    private UpdatesBase ChangePins(Caller caller, MessageBox actor, List<(long Owner, int[] Ids)> owners, bool pin, bool withService, bool silent)
    {
        var ordered = owners.OrderBy(o => o.Owner == actor.OwnerId ? 0 : 1).ThenBy(o => o.Owner).ToList();
        var refsOf = new Dictionary<long, PeerKey[]>();
        foreach (var (ownerId, ids) in ordered)
        {
            var dialog = BoxOf(ownerId).Messages[ids[0]].Dialog;
            refsOf[ownerId] = [dialog, new PeerKey(PeerKind.User, actor.OwnerId)];
        }
        var views = _world.Peers.Views([.. refsOf.Keys], refsOf.Values.SelectMany(r => r));
        var key = withService ? NewKey() : 0;
        var date = Now;
        UpdatesBase? answer = null;
        using (Updates.Hold())
        {
            foreach (var (ownerId, ids) in ordered)
            {
                var box = BoxOf(ownerId);
                var dialog = box.Messages[ids[0]].Dialog;
                foreach (var id in ids)
                    box.Messages[id].Pinned = pin;
                var stream = Updates.Stream(ownerId);
                var firstPts = stream.Pts + 1;
                var pts = stream.NextPts();
                var pinUpdate = new T.UpdatePinnedMessages { Pinned = pin, Peer = dialog.ToPeer(), Messages = ids, Pts = pts, PtsCount = 1 };
                stream.LogPts(1, pinUpdate, null, refsOf[ownerId]);
                stream.Truth("updatePinnedMessages", pts, 1, null, ids[0]);
                var updates = new List<Update> { pinUpdate };
                if (withService)
                {
                    var service = Store(box, key, dialog, actor.OwnerId, ownerId == actor.OwnerId, date, "", null, new T.MessageActionPinMessage(), ids[0]);
                    service.Silent = silent;
                    var newMessage = LogNewMessage(stream, service, refsOf[ownerId]);
                    updates.Add(newMessage);
                }
                var container = stream.Container([.. updates], refsOf[ownerId], views[ownerId]);
                var isActor = ownerId == actor.OwnerId;
                stream.Push(container, isActor ? caller.Session : null, null, firstPts, stream.Pts);
                if (isActor)
                    answer = container;
            }
        }
        // The actor always has a copy among the owners: its own message is what is pinned.
        return answer!;
    }
}
