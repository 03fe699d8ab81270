using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// Messages of private chats and small groups: every account's <see cref="MessageBox"/> with its own
/// message ids, the copies of one message across boxes, sending, editing, deleting, reading, history
/// and dialogs (channels are handed to the <see cref="ChatsService"/>). Second in the lock order: under
/// its lock it resolves input peers and calls the chats, peers and updates services.
/// </summary>
/// <remarks>
/// Every change of an account's pts comes from here: a box change and the pts it takes are made under
/// this lock, the numbering, logging and pushing under the updates lock taken inside it, so message ids
/// and pts grow in the same order.
/// </remarks>
internal sealed partial class MessagesService
{
    /// <summary>The longest message text accepted.</summary>
    public const int MessageLengthMax = 4096;

    private const int RecentRandomIds = 1000;

    private readonly TelegramWorld _world;
    private readonly ServiceLock _gate;
    private readonly Dictionary<long, MessageBox> _boxes = [];
    private readonly Dictionary<long, List<(long Owner, int Id)>> _copies = [];
    private long _nextKey = 1;

    public MessagesService(TelegramWorld world)
    {
        _world = world;
        _gate = new ServiceLock(LockRank.Messages, world.Deliver);
    }

    private int Now => _world.Now;

    private UpdatesService Updates => _world.Updates;

    /// <summary>Opens the message box of a new account.</summary>
    public void AddBox(long ownerId, bool isBot)
    {
        using (_gate.Enter())
            _boxes[ownerId] = new MessageBox(ownerId, isBot);
    }

    private MessageBox BoxOf(long ownerId) =>
        _boxes.TryGetValue(ownerId, out var box) ? box : throw WorldErrors.AuthKeyUnregistered;

    private long NewKey() => _nextKey++;

    // ---- messages.sendMessage ----

    /// <summary>
    /// messages.sendMessage. Private chats answer updateShortSentMessage and push updateShortMessage
    /// (each side its own id and pts); small groups answer updates and push updateShortChatMessage;
    /// channels answer and push updates with updateNewChannelMessage (one id, the channel's pts).
    /// </summary>
    public UpdatesBase SendMessage(Caller caller, FM.SendMessage request) =>
        ClearDraftOnSend(caller, request.Peer, request.ClearDraft,
            SendMessage(caller, request.Peer, request.Message, request.RandomId, request.Entities, request.ReplyTo, request.Silent, request.ReplyMarkup));

    /// <inheritdoc cref="SendMessage(Caller, FM.SendMessage)"/>
    /// <remarks>
    /// A bot's <paramref name="replyMarkup"/> is checked (<see cref="ReplyMarkups.Check"/>) and kept on every copy; a user's
    /// is ignored, as Telegram does. A message with a keyboard or a via bot cannot travel in the short update forms (they
    /// carry neither the keyboard nor the bot's user), so it is answered and pushed as updates with updateNewMessage.
    /// <paramref name="viaBotId"/> is the inline bot a message
    /// sent with messages.sendInlineBotResult goes through (its markup is the bot's, kept whoever sends).
    /// </remarks>
    public UpdatesBase SendMessage(Caller caller, InputPeer peer, string message, long randomId, MessageEntity[]? entities = null, InputReplyTo? replyTo = null,
        bool silent = false, ReplyMarkup? replyMarkup = null, long? viaBotId = null)
    {
        using (_gate.Enter())
        {
            var sender = BoxOf(caller.UserId);
            CheckText(message);
            var markup = viaBotId is not null || sender.OwnerIsBot ? ReplyMarkups.Check(replyMarkup) : null;
            if (randomId != 0 && sender.RecentRandomIds.Contains(randomId))
                throw WorldErrors.Bad("RANDOM_ID_DUPLICATE");
            var target = _world.Peers.ResolvePeer(sender.OwnerId, peer);
            int? replyId = replyTo is T.InputReplyToMessage r ? r.ReplyToMsgId : null;
            var entityArray = StoredEntities(sender.OwnerId, entities);
            var result = target.Kind switch
            {
                PeerKind.User => SendPrivate(caller, sender, BoxOf(target.Id), message, entityArray, replyId, randomId, silent, markup, viaBotId),
                PeerKind.Chat => SendToChat(caller, sender, target.Id, message, entityArray, replyId, randomId, silent, markup, viaBotId),
                _ => _world.Chats.SendChannelMessage(caller, target.Id, message, entityArray, replyId, randomId, silent, markup, viaBotId),
            };
            Remember(sender, randomId);
            return result;
        }
    }

    private static void CheckText(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw WorldErrors.Bad("MESSAGE_EMPTY");
        if (message.Length > MessageLengthMax)
            throw WorldErrors.Bad("MESSAGE_TOO_LONG");
    }

    private UpdatesBase SendPrivate(Caller caller, MessageBox sender, MessageBox recipient, string text, MessageEntity[]? entities, int? replyId, long randomId,
        bool silent, ReplyMarkup? markup, long? viaBotId)
    {
        if (sender.OwnerIsBot && recipient.OwnerIsBot)
            throw WorldErrors.Bad("USER_IS_BOT");
        var key = NewKey();
        var date = Now;
        var dialog = new PeerKey(PeerKind.User, recipient.OwnerId);
        var back = new PeerKey(PeerKind.User, sender.OwnerId);
        var reply = replyId is { } rid && sender.Messages.TryGetValue(rid, out var replied) && replied.Dialog == dialog ? replied : null;
        if (markup is not null || viaBotId is not null)
            return SendPrivateFull(caller, sender, recipient, key, date, text, entities, reply, randomId, silent, markup, viaBotId);
        using (Updates.Hold())
        {
            var own = Store(sender, key, dialog, sender.OwnerId, true, date, text, entities, null, reply?.Id);
            own.Silent = silent;
            own.ViaBotId = viaBotId;
            var senderStream = Updates.Stream(sender.OwnerId);
            var senderPts = LogNewMessage(senderStream, own, [dialog, back]).Pts;
            if (recipient.OwnerId != sender.OwnerId)
            {
                var copy = Store(recipient, key, back, sender.OwnerId, false, date, text, entities, null, reply is null ? null : CopyOf(reply.Key, recipient.OwnerId));
                copy.Silent = silent;
                copy.ViaBotId = viaBotId;
                var stream = Updates.Stream(recipient.OwnerId);
                var pts = LogNewMessage(stream, copy, [back]).Pts;
                stream.Push(new T.UpdateShortMessage
                {
                    Silent = silent,
                    Id = copy.Id,
                    UserId = sender.OwnerId,
                    Message = text,
                    Pts = pts,
                    PtsCount = 1,
                    Date = date,
                    Entities = entities,
                    ReplyTo = ReplyHeader(copy.ReplyToId),
                    ViaBotId = viaBotId,
                }, null, null, pts, pts);
            }
            senderStream.Push(new T.UpdateShortMessage
            {
                Out = true,
                Silent = silent,
                Id = own.Id,
                UserId = recipient.OwnerId,
                Message = text,
                Pts = senderPts,
                PtsCount = 1,
                Date = date,
                Entities = entities,
                ReplyTo = ReplyHeader(own.ReplyToId),
                ViaBotId = viaBotId,
            }, caller.Session, null, senderPts, senderPts);
            return new T.UpdateShortSentMessage { Out = true, Id = own.Id, Pts = senderPts, PtsCount = 1, Date = date, Entities = entities };
        }
    }

    private UpdatesBase SendToChat(Caller caller, MessageBox sender, long chatId, string text, MessageEntity[]? entities, int? replyId, long randomId, bool silent,
        ReplyMarkup? markup, long? viaBotId)
    {
        var members = _world.Chats.GroupMembers(chatId);
        if (!members.Contains(sender.OwnerId))
            throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
        var noforwards = _world.Chats.GroupNoforwards(chatId);
        _world.Chats.CheckGroupSend(chatId, sender.OwnerId);
        var key = NewKey();
        var date = Now;
        var dialog = new PeerKey(PeerKind.Chat, chatId);
        var reply = replyId is { } rid && sender.Messages.TryGetValue(rid, out var replied) && replied.Dialog == dialog ? replied : null;
        PeerKey[] refs = viaBotId is { } via
            ? [dialog, new PeerKey(PeerKind.User, sender.OwnerId), new PeerKey(PeerKind.User, via)]
            : [dialog, new PeerKey(PeerKind.User, sender.OwnerId)];
        var senderViews = _world.Peers.Views(sender.OwnerId, refs);
        // A keyboard (or the via bot's user) does not fit updateShortChatMessage: then every member gets updates with updateNewMessage.
        var memberViews = markup is not null || viaBotId is not null ? _world.Peers.Views(members, refs) : null;
        UpdatesBase? answer = null;
        using (Updates.Hold())
        {
            foreach (var memberId in ChatsService.InOrder(members, sender.OwnerId))
            {
                var isSender = memberId == sender.OwnerId;
                var copy = Store(BoxOf(memberId), key, dialog, sender.OwnerId, isSender, date, text, entities, null, reply is null ? null : CopyOf(reply.Key, memberId));
                copy.Silent = silent;
                copy.Noforwards = noforwards;
                copy.ReplyMarkup = markup;
                copy.ViaBotId = viaBotId;
                var stream = Updates.Stream(memberId);
                var update = LogNewMessage(stream, copy, refs);
                var pts = update.Pts;
                if (isSender)
                {
                    var container = stream.Container([new T.UpdateMessageID { Id = copy.Id, RandomId = randomId }, update], refs, senderViews);
                    stream.Push(container, caller.Session, null, pts, pts);
                    answer = container;
                }
                else if (memberViews is not null)
                {
                    stream.Push(stream.Container([update], refs, memberViews[memberId]), null, null, pts, pts);
                }
                else
                {
                    stream.Push(new T.UpdateShortChatMessage
                    {
                        Silent = silent,
                        Id = copy.Id,
                        FromId = sender.OwnerId,
                        ChatId = chatId,
                        Message = text,
                        Pts = pts,
                        PtsCount = 1,
                        Date = date,
                        Entities = entities,
                        ReplyTo = ReplyHeader(copy.ReplyToId),
                        ViaBotId = viaBotId,
                    }, null, null, pts, pts);
                }
            }
        }
        return answer!;
    }

    /// <summary>
    /// The updateNewMessage of a copy just stored in its owner's box: it takes the owner's next pts and goes in the owner's
    /// log (for differences) and in the ground truth. The caller pushes it in whatever form the method answers with.
    /// </summary>
    private static T.UpdateNewMessage LogNewMessage(AccountStream stream, BoxMessage copy, PeerKey[] refs)
    {
        var pts = stream.NextPts();
        var view = MessageView(copy, stream.Id);
        var update = new T.UpdateNewMessage { Message = view, Pts = pts, PtsCount = 1 };
        stream.LogPts(1, update, view, refs);
        stream.Truth("updateNewMessage", pts, 1, null, copy.Id);
        return update;
    }

    private BoxMessage Store(MessageBox owner, long key, PeerKey dialog, long fromId, bool isOut, int date, string text, MessageEntity[]? entities, MessageAction? action, int? replyToId)
    {
        var message = new BoxMessage
        {
            Id = owner.NextMessageId++,
            Key = key,
            Dialog = dialog,
            FromId = fromId,
            Out = isOut,
            Date = date,
            Text = text,
            Entities = entities,
            Action = action,
            ReplyToId = replyToId,
        };
        owner.Messages[message.Id] = message;
        if (!owner.Dialogs.TryGetValue(dialog, out var state))
            owner.Dialogs[dialog] = state = new DialogState();
        state.MessageIds.Add(message.Id);
        if (!_copies.TryGetValue(key, out var copies))
            _copies[key] = copies = [];
        copies.Add((owner.OwnerId, message.Id));
        return message;
    }

    private int? CopyOf(long key, long ownerId)
    {
        if (_copies.TryGetValue(key, out var copies))
        {
            foreach (var (owner, id) in copies)
            {
                if (owner == ownerId)
                    return id;
            }
        }
        return null;
    }

    private void RemoveCopy(MessageBox owner, BoxMessage message)
    {
        owner.Messages.Remove(message.Id);
        if (owner.Dialogs.TryGetValue(message.Dialog, out var state))
            state.MessageIds.Remove(message.Id);
        if (_copies.TryGetValue(message.Key, out var copies))
        {
            copies.Remove((owner.OwnerId, message.Id));
            if (copies.Count == 0)
                _copies.Remove(message.Key);
        }
    }

    // ---- messages.editMessage ----

    /// <summary>How long after sending a message its author may edit it (config's edit_time_limit).</summary>
    public const int EditTimeLimit = 172_800;

    /// <summary>
    /// messages.editMessage: the author's message changes in every box that has a copy, each owner gets
    /// updateEditMessage with its own pts (channels: updateEditChannelMessage with one channel pts, see
    /// <see cref="ChatsService.EditChannelMessage"/>). Only the author edits (403 MESSAGE_AUTHOR_REQUIRED),
    /// within <see cref="EditTimeLimit"/> but in Saved Messages; service messages cannot be edited.
    /// A bot's edit also sets the message's inline keyboard: the one given, or none when reply_markup is left out
    /// (a reply keyboard: REPLY_MARKUP_INVALID); a bot may leave the text out to change only the keyboard. Users'
    /// reply_markup is ignored.
    /// </summary>
    public UpdatesBase EditMessage(Caller caller, FM.EditMessage request)
    {
        using (_gate.Enter())
        {
            var editor = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(editor.OwnerId, request.Peer);
            var message = request.Message;
            var editsMarkup = editor.OwnerIsBot;
            if (message is null && !editsMarkup)
                throw WorldErrors.Bad("MESSAGE_NOT_MODIFIED");
            if (message is not null)
                CheckText(message);
            var markup = editsMarkup ? ReplyMarkups.CheckInline(request.ReplyMarkup) : null;
            var entities = message is null ? null : StoredEntities(editor.OwnerId, request.Entities);
            if (target.Kind == PeerKind.Channel)
                return _world.Chats.EditChannelMessage(caller, target.Id, request.Id, message, entities, editsMarkup, markup);
            if (!editor.Messages.TryGetValue(request.Id, out var original) || original.Dialog != target || original.Action is not null)
                throw WorldErrors.MessageIdInvalid;
            if (!original.Out)
                throw WorldErrors.Forbidden("MESSAGE_AUTHOR_REQUIRED");
            if (target.Kind == PeerKind.Chat && !_world.Chats.GroupMembers(target.Id).Contains(editor.OwnerId))
                throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
            if (target != new PeerKey(PeerKind.User, editor.OwnerId) && Now - original.Date > EditTimeLimit)
                throw WorldErrors.Bad("MESSAGE_EDIT_TIME_EXPIRED");
            if (message is null)
                (message, entities) = (original.Text, original.Entities);
            if (original.Text == message && SameEntities(original.Entities, entities) && (!editsMarkup || ReplyMarkups.Same(original.ReplyMarkup, markup)))
                throw WorldErrors.Bad("MESSAGE_NOT_MODIFIED");
            var date = Now;
            var copies = _copies[original.Key].Select(c => (Owner: c.Owner, Copy: BoxOf(c.Owner).Messages[c.Id])).ToArray();
            var views = copies.ToDictionary(c => c.Owner, c => _world.Peers.Views(c.Owner, CopyRefs(c.Copy)));
            UpdatesBase? answer = null;
            using (Updates.Hold())
            {
                foreach (var (ownerId, copy) in copies)
                {
                    copy.Text = message;
                    copy.Entities = entities;
                    copy.EditDate = date;
                    if (editsMarkup)
                        copy.ReplyMarkup = markup;
                    var stream = Updates.Stream(ownerId);
                    var pts = stream.NextPts();
                    var update = new T.UpdateEditMessage { Message = MessageView(copy, ownerId), Pts = pts, PtsCount = 1 };
                    var refs = CopyRefs(copy);
                    stream.LogPts(1, update, null, refs);
                    stream.Truth("updateEditMessage", pts, 1, null, copy.Id);
                    var container = stream.Container([update], refs, views[ownerId]);
                    if (ownerId == editor.OwnerId)
                    {
                        stream.Push(container, caller.Session, null, pts, pts);
                        answer = container;
                    }
                    else
                    {
                        stream.Push(container, null, null, pts, pts);
                    }
                }
            }
            return answer!;
        }
    }

    private static PeerKey[] CopyRefs(BoxMessage copy) => [.. MessageRefs(copy)];

    /// <summary>Whether two entity lists serialize the same.</summary>
    /// <summary>
    /// The entities of a text as Telegram keeps them: none for an empty list, and a mention of a user by input
    /// (inputMessageEntityMentionName, whose user must be one the sender may address: ENTITY_MENTION_USER_INVALID
    /// otherwise) turned into messageEntityMentionName with the bare user id, which is what every viewer gets.
    /// </summary>
    public MessageEntity[]? StoredEntities(long senderId, MessageEntity[]? entities)
    {
        if (entities is not { Length: > 0 })
            return null;
        MessageEntity[]? stored = null;
        for (var i = 0; i < entities.Length; i++)
        {
            if (entities[i] is not T.InputMessageEntityMentionName mention)
                continue;
            long userId;
            try
            {
                userId = _world.Peers.ResolveUser(senderId, mention.UserId);
            }
            catch (RpcError)
            {
                throw WorldErrors.Bad("ENTITY_MENTION_USER_INVALID");
            }
            stored ??= (MessageEntity[])entities.Clone();
            stored[i] = new T.MessageEntityMentionName { Offset = mention.Offset, Length = mention.Length, UserId = userId };
        }
        return stored ?? entities;
    }

    public static bool SameEntities(MessageEntity[]? a, MessageEntity[]? b)
    {
        if ((a?.Length ?? 0) != (b?.Length ?? 0))
            return false;
        for (var i = 0; i < (a?.Length ?? 0); i++)
        {
            if (!a![i].ToBytes().AsSpan().SequenceEqual(b![i].ToBytes()))
                return false;
        }
        return true;
    }

    // ---- messages.deleteMessages ----

    /// <summary>
    /// messages.deleteMessages: the caller's copies go; with revoke, also the other side's in private
    /// chats, and in small groups for own messages (or anyone's, for the creator and admins). Each
    /// owner's pts advances by the number of its copies deleted; unknown ids are skipped.
    /// </summary>
    public Tl.Abcs.Messages.AffectedMessages DeleteMessages(Caller caller, FM.DeleteMessages request)
    {
        using (_gate.Enter())
        {
            var account = BoxOf(caller.UserId);
            var doomed = new Dictionary<long, List<BoxMessage>> { [account.OwnerId] = [] };
            foreach (var id in (request.Id ?? []).Distinct())
            {
                if (!account.Messages.TryGetValue(id, out var message))
                    continue;
                doomed[account.OwnerId].Add(message);
                var everywhere = request.Revoke && message.Dialog.Kind switch
                {
                    PeerKind.User => true,
                    PeerKind.Chat => message.Out || _world.Chats.GroupRole(message.Dialog.Id, account.OwnerId) is MemberRole.Creator or MemberRole.Admin,
                    _ => false,
                };
                if (!everywhere)
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
            var ptsCount = 0;
            using (Updates.Hold())
            {
                foreach (var (ownerId, messages) in doomed.OrderBy(d => d.Key == account.OwnerId ? 0 : 1).ThenBy(d => d.Key))
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
                    var own = ownerId == account.OwnerId;
                    stream.Push(stream.Container([update], [], PeerViews.None), own ? caller.Session : null, null, pts - deleted.Length + 1, pts);
                    if (own)
                        ptsCount = deleted.Length;
                }
                return new T.Messages.AffectedMessages { Pts = Updates.Stream(account.OwnerId).Pts, PtsCount = ptsCount };
            }
        }
    }

    // ---- messages.readHistory ----

    /// <summary>messages.readHistory: updateReadHistoryInbox for the reader, updateReadHistoryOutbox for the senders read.</summary>
    public Tl.Abcs.Messages.AffectedMessages ReadHistory(Caller caller, FM.ReadHistory request)
    {
        using (_gate.Enter())
        {
            var reader = BoxOf(caller.UserId);
            var target = _world.Peers.ResolvePeer(reader.OwnerId, request.Peer);
            if (target.Kind == PeerKind.Channel)
                throw WorldErrors.PeerIdInvalid;
            if (!reader.Dialogs.TryGetValue(target, out var dialog) || dialog.MessageIds.Count == 0)
                return new T.Messages.AffectedMessages { Pts = Updates.CurrentPts(reader.OwnerId), PtsCount = 0 };
            var top = dialog.MessageIds.Max;
            var upTo = request.MaxId <= 0 ? top : Math.Min(request.MaxId, top);
            if (upTo <= dialog.ReadInboxMaxId)
                return new T.Messages.AffectedMessages { Pts = Updates.CurrentPts(reader.OwnerId), PtsCount = 0 };
            var previous = dialog.ReadInboxMaxId;
            dialog.ReadInboxMaxId = upTo;
            var stillUnread = dialog.MessageIds.Count(id => id > upTo && !reader.Messages[id].Out);
            var readBySender = new Dictionary<long, int>();
            foreach (var id in dialog.MessageIds.GetViewBetween(previous + 1, upTo))
            {
                var message = reader.Messages[id];
                if (message.Out || CopyOf(message.Key, message.FromId) is not { } senderCopy)
                    continue;
                readBySender[message.FromId] = Math.Max(readBySender.GetValueOrDefault(message.FromId), senderCopy);
            }
            var senderDialog = target.Kind == PeerKind.User ? new PeerKey(PeerKind.User, reader.OwnerId) : target;
            var readerViews = _world.Peers.Views(reader.OwnerId, [target]);
            var senderViews = _world.Peers.Views(readBySender.Keys, [senderDialog]);
            using (Updates.Hold())
            {
                var readerStream = Updates.Stream(reader.OwnerId);
                var readerPts = readerStream.NextPts();
                var inbox = new T.UpdateReadHistoryInbox { Peer = target.ToPeer(), MaxId = upTo, StillUnreadCount = stillUnread, Pts = readerPts, PtsCount = 1 };
                readerStream.LogPts(1, inbox, null, [target]);
                readerStream.Truth("updateReadHistoryInbox", readerPts, 1, null, upTo);
                readerStream.Push(readerStream.Container([inbox], [target], readerViews), caller.Session, null, readerPts, readerPts);
                foreach (var (senderId, senderMax) in readBySender.OrderBy(p => p.Key))
                {
                    var sender = BoxOf(senderId);
                    if (!sender.Dialogs.TryGetValue(senderDialog, out var state) || senderMax <= state.ReadOutboxMaxId)
                        continue;
                    state.ReadOutboxMaxId = senderMax;
                    var stream = Updates.Stream(senderId);
                    var pts = stream.NextPts();
                    var outbox = new T.UpdateReadHistoryOutbox { Peer = senderDialog.ToPeer(), MaxId = senderMax, Pts = pts, PtsCount = 1 };
                    stream.LogPts(1, outbox, null, [senderDialog]);
                    stream.Truth("updateReadHistoryOutbox", pts, 1, null, senderMax);
                    stream.Push(stream.Container([outbox], [senderDialog], senderViews[senderId]), null, null, pts, pts);
                }
                return new T.Messages.AffectedMessages { Pts = readerPts, PtsCount = 1 };
            }
        }
    }

    // ---- for the other services ----

    /// <summary>The unread incoming messages of an account's private chats and small groups (updates.getState).</summary>
    public int UnreadCount(long ownerId)
    {
        using (_gate.Enter())
        {
            var box = BoxOf(ownerId);
            var unread = 0;
            foreach (var state in box.Dialogs.Values)
            {
                foreach (var id in state.MessageIds.GetViewBetween(state.ReadInboxMaxId + 1, int.MaxValue))
                {
                    if (!box.Messages[id].Out)
                        unread++;
                }
            }
            return unread;
        }
    }

    /// <summary>Whether <paramref name="target"/> is the dialog, the sender or the forward origin of message <paramref name="msgId"/> of <paramref name="where"/> in the viewer's box.</summary>
    public bool SeenInMessage(long viewerId, PeerKey where, int msgId, PeerKey target)
    {
        using (_gate.Enter())
        {
            return BoxOf(viewerId).Messages.TryGetValue(msgId, out var m) && m.Dialog == where && MessageRefs(m).Contains(target);
        }
    }

    // ---- views ----

    private static Message MessageView(BoxMessage m, long viewerId)
    {
        var peer = m.Dialog.ToPeer();
        Peer? from = m.Dialog.Kind == PeerKind.Chat || m.Out ? new T.PeerUser { UserId = m.FromId } : null;
        var reply = ReplyHeader(m.ReplyToId);
        if (m.Action is { } action)
            return new T.MessageService { Id = m.Id, Out = m.Out, Silent = m.Silent, FromId = from, PeerId = peer, ReplyTo = reply, Date = m.Date, Action = action };
        return new T.Message
        {
            Id = m.Id,
            Out = m.Out,
            Silent = m.Silent,
            Pinned = m.Pinned,
            Noforwards = m.Noforwards,
            FromId = from,
            PeerId = peer,
            FwdFrom = m.Forward?.ToHeader(),
            ViaBotId = m.ViaBotId,
            ReplyMarkup = m.ReplyMarkup,
            Date = m.Date,
            MessageValue = m.Text,
            Entities = m.Entities,
            EditDate = m.EditDate,
            ReplyTo = reply,
            GroupedId = m.GroupedId,
            Media = m.Media?.View(viewerId),
        };
    }

    /// <summary>The peers a box message names: its dialog, its sender and its forward origin.</summary>
    private static IEnumerable<PeerKey> MessageRefs(BoxMessage m)
    {
        yield return m.Dialog;
        yield return new PeerKey(PeerKind.User, m.FromId);
        if (m.ViaBotId is { } via)
            yield return new PeerKey(PeerKind.User, via);
        if (m.Forward is { } forward)
        {
            foreach (var peer in forward.Refs())
                yield return peer;
        }
    }

    /// <summary>The reply header of a message answering <paramref name="replyToId"/>, or null.</summary>
    public static T.MessageReplyHeader? ReplyHeader(int? replyToId) =>
        replyToId is { } id ? new T.MessageReplyHeader { ReplyToMsgId = id } : null;
}
