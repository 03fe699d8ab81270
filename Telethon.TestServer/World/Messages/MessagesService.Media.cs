using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class MessagesService
{
    /// <summary>The longest media caption accepted (MEDIA_CAPTION_TOO_LONG).</summary>
    public const int CaptionLengthMax = 1024;

    /// <summary>The most items of one album (messages.sendMultiMedia).</summary>
    public const int AlbumMax = 10;

    /// <summary>
    /// messages.sendMedia: a message with a photo or document (uploaded now, or one the caller was shown) and a
    /// caption. Every side gets the message as an updates container (the media's access hash and file reference
    /// are each viewer's own); the sender's starts with updateMessageID. Channels: updateNewChannelMessage.
    /// </summary>
    public UpdatesBase SendMedia(Caller caller, FM.SendMedia request)
    {
        CheckCaption(request.Message);
        // Resolved before the messages lock: files rank below messages, and the parts are put together there.
        var media = _world.Files.ResolveMedia(caller, request.Media);
        var sent = SendMediaMessages(caller, request.Peer, [new OutgoingMedia(request.Message ?? "", request.Entities, media, request.RandomId, null, request.ReplyMarkup)], request.ReplyTo, request.Silent);
        return ClearDraftOnSend(caller, request.Peer, request.ClearDraft, sent);
    }

    /// <summary>
    /// messages.sendMultiMedia: an album of 2 to <see cref="AlbumMax"/> photos and videos (or of other documents),
    /// each uploaded beforehand with messages.uploadMedia (MEDIA_INVALID otherwise), under one new grouped id, in one
    /// updates answer. MULTI_MEDIA_TOO_LONG past ten, GROUPED_MEDIA_INVALID for photos mixed with other documents.
    /// </summary>
    public UpdatesBase SendMultiMedia(Caller caller, FM.SendMultiMedia request)
    {
        var items = request.MultiMedia ?? [];
        if (items.Length == 0)
            throw WorldErrors.Bad("MEDIA_EMPTY");
        if (items.Length > AlbumMax)
            throw WorldErrors.Bad("MULTI_MEDIA_TOO_LONG");
        if (items.Length < 2)
            throw WorldErrors.Bad("MEDIA_INVALID");
        var randoms = new HashSet<long>();
        var singles = new List<T.InputSingleMedia>(items.Length);
        foreach (var item in items)
        {
            if (item is not T.InputSingleMedia single)
                throw WorldErrors.Bad("MEDIA_INVALID");
            if (single.RandomId == 0)
                throw WorldErrors.Bad("RANDOM_ID_EMPTY");
            if (!randoms.Add(single.RandomId))
                throw WorldErrors.Bad("RANDOM_ID_DUPLICATE");
            CheckCaption(single.Message);
            singles.Add(single);
        }
        var resolved = singles.Select(s => _world.Files.ResolveMedia(caller, s.Media, uploadedAllowed: false)).ToArray();
        if (resolved.Any(m => m.IsVisual) && resolved.Any(m => !m.IsVisual))
            throw WorldErrors.Bad("GROUPED_MEDIA_INVALID");
        long groupedId;
        using (_gate.Enter())
            groupedId = NewKey();
        var outgoing = singles.Select((s, i) => new OutgoingMedia(s.Message ?? "", s.Entities, resolved[i], s.RandomId, groupedId)).ToArray();
        var sent = SendMediaMessages(caller, request.Peer, outgoing, request.ReplyTo, request.Silent);
        return ClearDraftOnSend(caller, request.Peer, request.ClearDraft, sent);
    }

    private static void CheckCaption(string? caption)
    {
        if (caption is { Length: > CaptionLengthMax })
            throw WorldErrors.Bad("MEDIA_CAPTION_TOO_LONG");
    }

    private UpdatesBase SendMediaMessages(Caller caller, InputPeer peer, IReadOnlyList<OutgoingMedia> items, InputReplyTo? replyTo, bool silent)
    {
        using (_gate.Enter())
        {
            var sender = BoxOf(caller.UserId);
            foreach (var item in items)
            {
                if (item.RandomId != 0 && sender.RecentRandomIds.Contains(item.RandomId))
                    throw WorldErrors.Bad("RANDOM_ID_DUPLICATE");
            }
            var target = _world.Peers.ResolvePeer(sender.OwnerId, peer);
            int? replyId = replyTo is T.InputReplyToMessage r ? r.ReplyToMsgId : null;
            // A bot's keyboard is checked and kept; a user's is ignored, as with messages.sendMessage.
            var stored = items.Select(i => i with
            {
                Entities = StoredEntities(sender.OwnerId, i.Entities),
                Markup = sender.OwnerIsBot ? ReplyMarkups.Check(i.Markup) : null,
            }).ToArray();
            var result = target.Kind switch
            {
                PeerKind.User => SendMediaPrivate(caller, sender, BoxOf(target.Id), stored, replyId, silent),
                PeerKind.Chat => SendMediaToChat(caller, sender, target.Id, stored, replyId, silent),
                _ => _world.Chats.SendChannelMedia(caller, target.Id, stored, replyId, silent),
            };
            foreach (var item in items)
                Remember(sender, item.RandomId);
            return result;
        }
    }

    private UpdatesBase SendMediaPrivate(Caller caller, MessageBox sender, MessageBox recipient, OutgoingMedia[] items, int? replyId, bool silent)
    {
        if (sender.OwnerIsBot && recipient.OwnerIsBot)
            throw WorldErrors.Bad("USER_IS_BOT");
        var dialog = new PeerKey(PeerKind.User, recipient.OwnerId);
        var back = new PeerKey(PeerKind.User, sender.OwnerId);
        var reply = replyId is { } rid && sender.Messages.TryGetValue(rid, out var replied) && replied.Dialog == dialog ? replied : null;
        PeerKey[] refs = [.. new[] { dialog, back }.Distinct()];
        var owners = sender.OwnerId == recipient.OwnerId ? [sender.OwnerId] : new[] { sender.OwnerId, recipient.OwnerId };
        var views = _world.Peers.Views(owners, refs);
        return SendMediaToBoxes(caller, sender.OwnerId, owners, owner => owner == sender.OwnerId ? dialog : back, items, reply, silent, false, refs, views);
    }

    private UpdatesBase SendMediaToChat(Caller caller, MessageBox sender, long chatId, OutgoingMedia[] items, int? replyId, bool silent)
    {
        var members = _world.Chats.GroupMembers(chatId);
        if (!members.Contains(sender.OwnerId))
            throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
        _world.Chats.CheckGroupSend(chatId, sender.OwnerId);
        var dialog = new PeerKey(PeerKind.Chat, chatId);
        var reply = replyId is { } rid && sender.Messages.TryGetValue(rid, out var replied) && replied.Dialog == dialog ? replied : null;
        PeerKey[] refs = [dialog, new PeerKey(PeerKind.User, sender.OwnerId)];
        var order = ChatsService.InOrder(members, sender.OwnerId);
        var views = _world.Peers.Views(order, refs);
        var noforwards = _world.Chats.GroupNoforwards(chatId);
        return SendMediaToBoxes(caller, sender.OwnerId, order, _ => dialog, items, reply, silent, noforwards, refs, views);
    }

    /// <summary>
    /// Stores each owner's copies of the messages (one key per message across boxes) and pushes each owner one
    /// container of updateNewMessage (its own ids and pts); the sender's opens with an updateMessageID per message
    /// and is the answer.
    /// </summary>
    private UpdatesBase SendMediaToBoxes(Caller caller, long senderId, IReadOnlyList<long> owners, Func<long, PeerKey> dialogOf, OutgoingMedia[] items,
        BoxMessage? reply, bool silent, bool noforwards, PeerKey[] refs, Dictionary<long, PeerViews> views)
    {
        var date = Now;
        var keys = items.Select(_ => NewKey()).ToArray();
        UpdatesBase? answer = null;
        using (Updates.Hold())
        {
            foreach (var ownerId in owners)
            {
                var isSender = ownerId == senderId;
                var box = BoxOf(ownerId);
                var stream = Updates.Stream(ownerId);
                var updates = new List<Update>();
                var firstPts = stream.Pts + 1;
                for (var i = 0; i < items.Length; i++)
                {
                    var item = items[i];
                    var replyToId = reply is null ? null : isSender ? reply.Id : CopyOf(reply.Key, ownerId);
                    var copy = Store(box, keys[i], dialogOf(ownerId), senderId, isSender, date, item.Caption, item.Entities, null, replyToId);
                    copy.Media = item.Media;
                    copy.ReplyMarkup = item.Markup;
                    copy.GroupedId = item.GroupedId;
                    copy.Silent = silent;
                    copy.Noforwards = noforwards;
                    var update = LogNewMessage(stream, copy, refs);
                    if (isSender)
                        updates.Add(new T.UpdateMessageID { Id = copy.Id, RandomId = item.RandomId });
                    updates.Add(update);
                }
                var container = stream.Container([.. updates], refs, views[ownerId]);
                stream.Push(container, isSender ? caller.Session : null, null, firstPts, stream.Pts);
                if (isSender)
                    answer = container;
            }
        }
        return answer!;
    }
}
