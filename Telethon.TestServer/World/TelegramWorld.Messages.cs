using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

public sealed partial class TelegramWorld
{
    /// <summary>The longest message text accepted.</summary>
    public const int MessageLengthMax = 4096;

    private const int RecentRandomIds = 1000;

    // ---- messages.sendMessage ----

    /// <summary>
    /// messages.sendMessage. Private chats answer updateShortSentMessage and push updateShortMessage
    /// (each side its own id and pts); small groups answer updates and push updateShortChatMessage;
    /// channels answer and push updates with updateNewChannelMessage (one id, the channel's pts).
    /// </summary>
    public UpdatesBase SendMessage(Caller caller, InputPeer peer, string message, long randomId, MessageEntity[]? entities = null, InputReplyTo? replyTo = null) =>
        Locked(() =>
        {
            var sender = UserOrThrow(caller.UserId);
            CheckText(message);
            if (randomId != 0 && sender.RecentRandomIds.Contains(randomId))
                throw WorldErrors.Bad("RANDOM_ID_DUPLICATE");
            var target = ResolvePeer(sender, peer);
            int? replyId = replyTo is T.InputReplyToMessage r ? r.ReplyToMsgId : null;
            var entityArray = entities is { Length: > 0 } ? entities : null;
            var result = target.Kind switch
            {
                PeerKind.User => SendPrivate(caller, sender, _users[target.Id], message, entityArray, replyId),
                PeerKind.Chat => SendToChat(caller, sender, _chats[target.Id], message, entityArray, replyId, randomId),
                _ => SendToChannel(caller, sender, _channels[target.Id], message, entityArray, replyId, randomId),
            };
            if (randomId != 0)
            {
                sender.RecentRandomIds.Add(randomId);
                sender.RandomIdOrder.Enqueue(randomId);
                if (sender.RandomIdOrder.Count > RecentRandomIds)
                    sender.RecentRandomIds.Remove(sender.RandomIdOrder.Dequeue());
            }
            return result;
        });

    private static void CheckText(string? message)
    {
        if (string.IsNullOrWhiteSpace(message))
            throw WorldErrors.Bad("MESSAGE_EMPTY");
        if (message.Length > MessageLengthMax)
            throw WorldErrors.Bad("MESSAGE_TOO_LONG");
    }

    private UpdatesBase SendPrivate(Caller caller, UserAccount sender, UserAccount recipient, string text, MessageEntity[]? entities, int? replyId)
    {
        if (sender.IsBot && recipient.IsBot)
            throw WorldErrors.Bad("USER_IS_BOT");
        var key = NewKey();
        var date = Now;
        var dialog = new PeerKey(PeerKind.User, recipient.Id);
        var reply = replyId is { } rid && sender.Messages.TryGetValue(rid, out var replied) && replied.Dialog == dialog ? replied : null;
        var own = Store(sender, key, dialog, sender.Id, true, date, text, entities, null, reply?.Id);
        sender.Pts++;
        var ownView = MessageView(own);
        LogPts(sender, 1, new T.UpdateNewMessage { Message = ownView, Pts = sender.Pts, PtsCount = 1 }, ownView, [dialog, new PeerKey(PeerKind.User, sender.Id)]);
        Truth(sender.Id, "updateNewMessage", sender.Pts, 1, null, own.Id);
        if (recipient.Id != sender.Id)
        {
            var back = new PeerKey(PeerKind.User, sender.Id);
            var copy = Store(recipient, key, back, sender.Id, false, date, text, entities, null, reply is null ? null : CopyOf(reply.Key, recipient.Id));
            recipient.Pts++;
            var view = MessageView(copy);
            LogPts(recipient, 1, new T.UpdateNewMessage { Message = view, Pts = recipient.Pts, PtsCount = 1 }, view, [back]);
            Truth(recipient.Id, "updateNewMessage", recipient.Pts, 1, null, copy.Id);
            Push(recipient, new T.UpdateShortMessage
            {
                Id = copy.Id,
                UserId = sender.Id,
                Message = text,
                Pts = recipient.Pts,
                PtsCount = 1,
                Date = date,
                Entities = entities,
                ReplyTo = ReplyHeader(copy.ReplyToId),
            }, null, null, recipient.Pts, recipient.Pts);
        }
        Push(sender, new T.UpdateShortMessage
        {
            Out = true,
            Id = own.Id,
            UserId = recipient.Id,
            Message = text,
            Pts = sender.Pts,
            PtsCount = 1,
            Date = date,
            Entities = entities,
            ReplyTo = ReplyHeader(own.ReplyToId),
        }, caller.Session, null, sender.Pts, sender.Pts);
        return new T.UpdateShortSentMessage { Out = true, Id = own.Id, Pts = sender.Pts, PtsCount = 1, Date = date, Entities = entities };
    }

    private UpdatesBase SendToChat(Caller caller, UserAccount sender, BasicGroup group, string text, MessageEntity[]? entities, int? replyId, long randomId)
    {
        if (!group.Members.ContainsKey(sender.Id))
            throw WorldErrors.Bad("CHAT_WRITE_FORBIDDEN");
        var key = NewKey();
        var date = Now;
        var dialog = new PeerKey(PeerKind.Chat, group.Id);
        var reply = replyId is { } rid && sender.Messages.TryGetValue(rid, out var replied) && replied.Dialog == dialog ? replied : null;
        UpdatesBase? answer = null;
        foreach (var member in MembersInOrder(group.Members.Keys, sender.Id))
        {
            var isSender = member.Id == sender.Id;
            var copy = Store(member, key, dialog, sender.Id, isSender, date, text, entities, null, reply is null ? null : CopyOf(reply.Key, member.Id));
            member.Pts++;
            var view = MessageView(copy);
            var update = new T.UpdateNewMessage { Message = view, Pts = member.Pts, PtsCount = 1 };
            PeerKey[] refs = [dialog, new PeerKey(PeerKind.User, sender.Id)];
            LogPts(member, 1, update, view, refs);
            Truth(member.Id, "updateNewMessage", member.Pts, 1, null, copy.Id);
            if (isSender)
            {
                var container = Container(member, [new T.UpdateMessageID { Id = copy.Id, RandomId = randomId }, update], refs);
                Push(member, container, caller.Session, null, member.Pts, member.Pts);
                answer = container;
            }
            else
            {
                Push(member, new T.UpdateShortChatMessage
                {
                    Id = copy.Id,
                    FromId = sender.Id,
                    ChatId = group.Id,
                    Message = text,
                    Pts = member.Pts,
                    PtsCount = 1,
                    Date = date,
                    Entities = entities,
                    ReplyTo = ReplyHeader(copy.ReplyToId),
                }, null, null, member.Pts, member.Pts);
            }
        }
        return answer!;
    }

    /// <summary>The accounts of <paramref name="ids"/>, <paramref name="first"/> first, then by id (a reproducible order).</summary>
    private IEnumerable<UserAccount> MembersInOrder(IEnumerable<long> ids, long first)
    {
        var list = ids.Order().ToList();
        if (list.Remove(first))
            list.Insert(0, first);
        return list.Select(id => _users[id]);
    }

    private BoxMessage Store(UserAccount owner, long key, PeerKey dialog, long fromId, bool isOut, int date, string text, MessageEntity[]? entities, MessageAction? action, int? replyToId)
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
        copies.Add((owner.Id, message.Id));
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

    private void RemoveCopy(UserAccount owner, BoxMessage message)
    {
        owner.Messages.Remove(message.Id);
        if (owner.Dialogs.TryGetValue(message.Dialog, out var state))
            state.MessageIds.Remove(message.Id);
        if (_copies.TryGetValue(message.Key, out var copies))
        {
            copies.Remove((owner.Id, message.Id));
            if (copies.Count == 0)
                _copies.Remove(message.Key);
        }
    }

    // ---- messages.editMessage ----

    /// <summary>messages.editMessage: every copy changes; each owner gets updateEditMessage with its own pts (channels: one channel pts).</summary>
    public UpdatesBase EditMessage(Caller caller, InputPeer peer, int id, string? message, MessageEntity[]? entities) => Locked(() =>
    {
        var editor = UserOrThrow(caller.UserId);
        var target = ResolvePeer(editor, peer);
        if (message is null)
            throw WorldErrors.Bad("MESSAGE_NOT_MODIFIED");
        CheckText(message);
        var entityArray = entities is { Length: > 0 } ? entities : null;
        if (target.Kind == PeerKind.Channel)
            return EditChannelMessage(caller, editor, _channels[target.Id], id, message, entityArray);
        if (!editor.Messages.TryGetValue(id, out var original) || original.Dialog != target || original.Action is not null)
            throw WorldErrors.MessageIdInvalid;
        if (!original.Out)
            throw WorldErrors.Bad("MESSAGE_AUTHOR_REQUIRED");
        if (original.Text == message && SameEntities(original.Entities, entityArray))
            throw WorldErrors.Bad("MESSAGE_NOT_MODIFIED");
        var date = Now;
        UpdatesBase? answer = null;
        foreach (var (ownerId, copyId) in _copies[original.Key].ToArray())
        {
            var owner = _users[ownerId];
            var copy = owner.Messages[copyId];
            copy.Text = message;
            copy.Entities = entityArray;
            copy.EditDate = date;
            owner.Pts++;
            var update = new T.UpdateEditMessage { Message = MessageView(copy), Pts = owner.Pts, PtsCount = 1 };
            PeerKey[] refs = [copy.Dialog, new PeerKey(PeerKind.User, copy.FromId)];
            LogPts(owner, 1, update, null, refs);
            Truth(owner.Id, "updateEditMessage", owner.Pts, 1, null, copy.Id);
            var container = Container(owner, [update], refs);
            if (owner.Id == editor.Id)
            {
                Push(owner, container, caller.Session, null, owner.Pts, owner.Pts);
                answer = container;
            }
            else
            {
                Push(owner, container, null, null, owner.Pts, owner.Pts);
            }
        }
        return answer!;
    });

    private static bool SameEntities(MessageEntity[]? a, MessageEntity[]? b)
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
    /// chats, and in small groups for own messages (or everything, for the creator). Each owner's pts
    /// advances by the number of its copies deleted.
    /// </summary>
    public Tl.Abcs.Messages.AffectedMessages DeleteMessages(Caller caller, int[] ids, bool revoke) => Locked<Tl.Abcs.Messages.AffectedMessages>(() =>
    {
        var account = UserOrThrow(caller.UserId);
        var doomed = new Dictionary<long, List<BoxMessage>> { [account.Id] = [] };
        foreach (var id in (ids ?? []).Distinct())
        {
            if (!account.Messages.TryGetValue(id, out var message))
                continue;
            doomed[account.Id].Add(message);
            var everywhere = revoke && message.Dialog.Kind switch
            {
                PeerKind.User => true,
                PeerKind.Chat => message.Out || _chats[message.Dialog.Id].CreatorId == account.Id,
                _ => false,
            };
            if (!everywhere)
                continue;
            foreach (var (ownerId, copyId) in _copies[message.Key])
            {
                if (ownerId == account.Id)
                    continue;
                if (!doomed.TryGetValue(ownerId, out var list))
                    doomed[ownerId] = list = [];
                list.Add(_users[ownerId].Messages[copyId]);
            }
        }
        var ptsCount = 0;
        foreach (var (ownerId, messages) in doomed.OrderBy(d => d.Key == account.Id ? 0 : 1).ThenBy(d => d.Key))
        {
            if (messages.Count == 0)
                continue;
            var owner = _users[ownerId];
            foreach (var message in messages)
                RemoveCopy(owner, message);
            owner.Pts += messages.Count;
            var deleted = messages.Select(m => m.Id).ToArray();
            var update = new T.UpdateDeleteMessages { Messages = deleted, Pts = owner.Pts, PtsCount = deleted.Length };
            LogPts(owner, deleted.Length, update, null, []);
            Truth(owner.Id, "updateDeleteMessages", owner.Pts, deleted.Length, null, deleted[0]);
            Push(owner, Container(owner, [update], []), owner.Id == account.Id ? caller.Session : null, null, owner.Pts - deleted.Length + 1, owner.Pts);
            if (owner.Id == account.Id)
                ptsCount = deleted.Length;
        }
        return new T.Messages.AffectedMessages { Pts = account.Pts, PtsCount = ptsCount };
    });

    // ---- messages.readHistory ----

    /// <summary>messages.readHistory: updateReadHistoryInbox for the reader, updateReadHistoryOutbox for the senders read.</summary>
    public Tl.Abcs.Messages.AffectedMessages ReadHistory(Caller caller, InputPeer peer, int maxId) => Locked<Tl.Abcs.Messages.AffectedMessages>(() =>
    {
        var reader = UserOrThrow(caller.UserId);
        var target = ResolvePeer(reader, peer);
        if (target.Kind == PeerKind.Channel)
            throw WorldErrors.PeerIdInvalid;
        if (!reader.Dialogs.TryGetValue(target, out var dialog) || dialog.MessageIds.Count == 0)
            return new T.Messages.AffectedMessages { Pts = reader.Pts, PtsCount = 0 };
        var top = dialog.MessageIds.Max;
        var upTo = maxId <= 0 ? top : Math.Min(maxId, top);
        if (upTo <= dialog.ReadInboxMaxId)
            return new T.Messages.AffectedMessages { Pts = reader.Pts, PtsCount = 0 };
        var previous = dialog.ReadInboxMaxId;
        dialog.ReadInboxMaxId = upTo;
        var stillUnread = dialog.MessageIds.Count(id => id > upTo && !reader.Messages[id].Out);
        reader.Pts++;
        var inbox = new T.UpdateReadHistoryInbox { Peer = target.ToPeer(), MaxId = upTo, StillUnreadCount = stillUnread, Pts = reader.Pts, PtsCount = 1 };
        LogPts(reader, 1, inbox, null, [target]);
        Truth(reader.Id, "updateReadHistoryInbox", reader.Pts, 1, null, upTo);
        Push(reader, Container(reader, [inbox], [target]), caller.Session, null, reader.Pts, reader.Pts);

        var readBySender = new Dictionary<long, int>();
        foreach (var id in dialog.MessageIds.GetViewBetween(previous + 1, upTo))
        {
            var message = reader.Messages[id];
            if (message.Out || CopyOf(message.Key, message.FromId) is not { } senderCopy)
                continue;
            readBySender[message.FromId] = Math.Max(readBySender.GetValueOrDefault(message.FromId), senderCopy);
        }
        foreach (var (senderId, senderMax) in readBySender.OrderBy(p => p.Key))
        {
            var sender = _users[senderId];
            var senderDialog = target.Kind == PeerKind.User ? new PeerKey(PeerKind.User, reader.Id) : target;
            if (!sender.Dialogs.TryGetValue(senderDialog, out var state) || senderMax <= state.ReadOutboxMaxId)
                continue;
            state.ReadOutboxMaxId = senderMax;
            sender.Pts++;
            var outbox = new T.UpdateReadHistoryOutbox { Peer = senderDialog.ToPeer(), MaxId = senderMax, Pts = sender.Pts, PtsCount = 1 };
            LogPts(sender, 1, outbox, null, [senderDialog]);
            Truth(sender.Id, "updateReadHistoryOutbox", sender.Pts, 1, null, senderMax);
            Push(sender, Container(sender, [outbox], [senderDialog]), null, null, sender.Pts, sender.Pts);
        }
        return new T.Messages.AffectedMessages { Pts = reader.Pts, PtsCount = 1 };
    });

    // ---- messages.getHistory / getMessages ----

    /// <summary>messages.getHistory (messages.messages, messagesSlice, or channelMessages for channels).</summary>
    public Tl.Abcs.Messages.Messages GetHistory(Caller caller, InputPeer peer, int offsetId, int offsetDate, int addOffset, int limit, int maxId, int minId) =>
        Locked<Tl.Abcs.Messages.Messages>(() =>
        {
            var viewer = UserOrThrow(caller.UserId);
            var target = ResolvePeer(viewer, peer);
            limit = Math.Clamp(limit, 0, 100);
            if (target.Kind == PeerKind.Channel)
            {
                var channel = _channels[target.Id];
                EnsureCanRead(channel, viewer);
                var ids = channel.Messages.Keys.Reverse().ToList();
                var page = Page(ids, id => channel.Messages[id].Date, offsetId, offsetDate, addOffset, limit, maxId, minId);
                var messages = page.Select(id => ChannelMessageView(channel, channel.Messages[id], viewer.Id)).ToArray();
                var refs = page.Select(id => new PeerKey(PeerKind.User, channel.Messages[id].FromId)).Append(target);
                var (users, chats) = Entities(viewer, refs);
                return new T.Messages.ChannelMessages { Pts = channel.Pts, Count = ids.Count, Messages = messages, Topics = [], Chats = chats, Users = users };
            }
            var all = viewer.Dialogs.TryGetValue(target, out var dialog) ? dialog.MessageIds.Reverse().ToList() : [];
            var selected = Page(all, id => viewer.Messages[id].Date, offsetId, offsetDate, addOffset, limit, maxId, minId);
            return BoxMessages(viewer, selected, all.Count, [target]);
        });

    /// <summary>messages.getMessages: the caller's messages by its ids (messageEmpty for unknown ones).</summary>
    public Tl.Abcs.Messages.Messages GetMessages(Caller caller, InputMessage[] ids) => Locked<Tl.Abcs.Messages.Messages>(() =>
    {
        var viewer = UserOrThrow(caller.UserId);
        var messages = new List<Message>();
        var refs = new List<PeerKey>();
        foreach (var input in ids ?? [])
        {
            var id = input switch
            {
                T.InputMessageID m => m.Id,
                T.InputMessageReplyTo r => viewer.Messages.TryGetValue(r.Id, out var replying) ? replying.ReplyToId ?? 0 : 0,
                _ => 0,
            };
            if (viewer.Messages.TryGetValue(id, out var message))
            {
                messages.Add(MessageView(message));
                refs.Add(message.Dialog);
                refs.Add(new PeerKey(PeerKind.User, message.FromId));
            }
            else
            {
                messages.Add(new T.MessageEmpty { Id = id });
            }
        }
        var (users, chats) = Entities(viewer, refs);
        return new T.Messages.Messages { MessagesValue = [.. messages], Topics = [], Chats = chats, Users = users };
    });

    private Tl.Abcs.Messages.Messages BoxMessages(UserAccount viewer, List<int> ids, int total, IEnumerable<PeerKey> extraRefs)
    {
        var messages = ids.Select(id => MessageView(viewer.Messages[id])).ToArray();
        var refs = ids.Select(id => new PeerKey(PeerKind.User, viewer.Messages[id].FromId)).Concat(extraRefs);
        var (users, chats) = Entities(viewer, refs);
        if (messages.Length == total)
            return new T.Messages.Messages { MessagesValue = messages, Topics = [], Chats = chats, Users = users };
        return new T.Messages.MessagesSlice { Count = total, Messages = messages, Topics = [], Chats = chats, Users = users };
    }

    /// <summary>Telegram's history paging over ids sorted newest first (core.telegram.org/api/offsets).</summary>
    internal static List<int> Page(List<int> newestFirst, Func<int, int> dateOf, int offsetId, int offsetDate, int addOffset, int limit, int maxId, int minId)
    {
        var start = 0;
        if (offsetId > 0)
        {
            start = newestFirst.FindIndex(id => id < offsetId);
            if (start < 0)
                start = newestFirst.Count;
        }
        else if (offsetDate > 0)
        {
            start = newestFirst.FindIndex(id => dateOf(id) < offsetDate);
            if (start < 0)
                start = newestFirst.Count;
        }
        var from = start + addOffset;
        var to = from + limit;
        from = Math.Max(0, from);
        to = Math.Min(newestFirst.Count, to);
        var page = new List<int>();
        for (var i = from; i < to; i++)
        {
            var id = newestFirst[i];
            if ((maxId <= 0 || id < maxId) && (minId <= 0 || id > minId))
                page.Add(id);
        }
        return page;
    }

    // ---- messages.getDialogs ----

    /// <summary>messages.getDialogs, newest top message first.</summary>
    public Tl.Abcs.Messages.Dialogs GetDialogs(Caller caller, int offsetDate, int offsetId, InputPeer? offsetPeer, int limit, int? folderId) =>
        Locked<Tl.Abcs.Messages.Dialogs>(() =>
        {
            var viewer = UserOrThrow(caller.UserId);
            var entries = new List<(PeerKey Peer, int Date, int TopId, Dialog Dialog, Message Top)>();
            if (folderId is null or 0)
            {
                foreach (var (peer, state) in viewer.Dialogs)
                {
                    if (state.MessageIds.Count == 0)
                        continue;
                    var top = viewer.Messages[state.MessageIds.Max];
                    var unread = state.MessageIds.Count(id => id > state.ReadInboxMaxId && !viewer.Messages[id].Out);
                    entries.Add((peer, top.Date, top.Id, new T.Dialog
                    {
                        Peer = peer.ToPeer(),
                        TopMessage = top.Id,
                        ReadInboxMaxId = state.ReadInboxMaxId,
                        ReadOutboxMaxId = state.ReadOutboxMaxId,
                        UnreadCount = unread,
                        NotifySettings = new T.PeerNotifySettings(),
                    }, MessageView(top)));
                }
                foreach (var channelId in viewer.Channels)
                {
                    var channel = _channels[channelId];
                    if (channel.Messages.Count == 0)
                        continue;
                    var top = channel.Messages.Values.Last();
                    var read = channel.ReadInboxMaxId.GetValueOrDefault(viewer.Id);
                    var unread = channel.Messages.Values.Count(m => m.Id > read && m.FromId != viewer.Id);
                    var peer = new PeerKey(PeerKind.Channel, channelId);
                    entries.Add((peer, top.Date, top.Id, new T.Dialog
                    {
                        Peer = peer.ToPeer(),
                        TopMessage = top.Id,
                        ReadInboxMaxId = read,
                        ReadOutboxMaxId = channel.ReadOutboxMaxId,
                        UnreadCount = unread,
                        NotifySettings = new T.PeerNotifySettings(),
                        Pts = channel.Pts,
                    }, ChannelMessageView(channel, top, viewer.Id)));
                }
            }
            entries.Sort((a, b) => a.Date != b.Date ? b.Date.CompareTo(a.Date) : b.TopId.CompareTo(a.TopId));
            var total = entries.Count;
            IEnumerable<(PeerKey Peer, int Date, int TopId, Dialog Dialog, Message Top)> page = entries;
            if (offsetDate > 0)
                page = page.Where(e => e.Date < offsetDate || (e.Date == offsetDate && offsetId > 0 && e.TopId < offsetId));
            if (offsetPeer is not null and not T.InputPeerEmpty)
            {
                var after = ResolvePeer(viewer, offsetPeer);
                var list = page.ToList();
                var index = list.FindIndex(e => e.Peer == after);
                page = index >= 0 ? list.Skip(index + 1) : list;
            }
            var selected = page.Take(limit <= 0 ? 100 : Math.Min(limit, 100)).ToList();
            var refs = selected.Select(e => e.Peer).Concat(selected.Select(e => e.Top switch
            {
                T.Message { FromId: T.PeerUser u } => new PeerKey(PeerKind.User, u.UserId),
                T.MessageService { FromId: T.PeerUser u } => new PeerKey(PeerKind.User, u.UserId),
                _ => e.Peer,
            }));
            var (users, chats) = Entities(viewer, refs);
            var dialogs = selected.Select(e => e.Dialog).ToArray();
            var messages = selected.Select(e => e.Top).ToArray();
            if (selected.Count == total)
                return new T.Messages.Dialogs { DialogsValue = dialogs, Messages = messages, Chats = chats, Users = users };
            return new T.Messages.DialogsSlice { Count = total, Dialogs = dialogs, Messages = messages, Chats = chats, Users = users };
        });

    // ---- messages.createChat ----

    /// <summary>messages.createChat: a small group; every member gets its own copy of the messageActionChatCreate.</summary>
    public Tl.Abcs.Messages.InvitedUsers CreateChat(Caller caller, InputUser[] users, string title) => Locked<Tl.Abcs.Messages.InvitedUsers>(() =>
    {
        var creator = UserOrThrow(caller.UserId);
        var members = new List<UserAccount>();
        foreach (var input in users ?? [])
        {
            var user = ResolveUser(creator, input);
            if (user.Id != creator.Id && !members.Contains(user))
                members.Add(user);
        }
        var (_, answer) = CreateChatCore(creator, members, title, caller.Session);
        return new T.Messages.InvitedUsers { Updates = answer, MissingInvitees = [] };
    });

    /// <summary>Creates a small group (seeds and tests); returns its id.</summary>
    public long CreateChat(long creatorId, string title, IEnumerable<long> memberIds) => Locked(() =>
    {
        var creator = _users.TryGetValue(creatorId, out var c) ? c : throw new ArgumentException($"No user {creatorId}.", nameof(creatorId));
        var members = memberIds.Where(id => id != creatorId).Distinct()
            .Select(id => _users.TryGetValue(id, out var u) ? u : throw new ArgumentException($"No user {id}.", nameof(memberIds))).ToList();
        return CreateChatCore(creator, members, title, null).Id;
    });

    private (long Id, UpdatesBase Answer) CreateChatCore(UserAccount creator, List<UserAccount> members, string title, SessionKey? exclude)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw WorldErrors.Bad("CHAT_TITLE_EMPTY");
        var date = Now;
        var group = new BasicGroup(_nextChatId++) { Title = title.Trim(), CreatorId = creator.Id, Date = date };
        group.Members[creator.Id] = new MemberInfo(creator.Id, date, MemberRole.Creator);
        foreach (var member in members)
            group.Members[member.Id] = new MemberInfo(creator.Id, date, MemberRole.Member);
        _chats[group.Id] = group;
        var dialog = new PeerKey(PeerKind.Chat, group.Id);
        var action = new T.MessageActionChatCreate { Title = group.Title, Users = [.. group.Members.Keys.Order()] };
        var key = NewKey();
        var participants = ParticipantsOf(group);
        UpdatesBase? answer = null;
        foreach (var member in MembersInOrder(group.Members.Keys, creator.Id))
        {
            member.Chats.Add(group.Id);
            var copy = Store(member, key, dialog, creator.Id, member.Id == creator.Id, date, "", null, action, null);
            member.Pts++;
            var view = MessageView(copy);
            var newMessage = new T.UpdateNewMessage { Message = view, Pts = member.Pts, PtsCount = 1 };
            PeerKey[] refs = [dialog, .. group.Members.Keys.Select(id => new PeerKey(PeerKind.User, id))];
            LogPts(member, 1, newMessage, view, refs);
            Truth(member.Id, "updateNewMessage", member.Pts, 1, null, copy.Id);
            var updates = new List<Update>();
            if (member.Id == creator.Id)
                updates.Add(new T.UpdateChatParticipants { Participants = participants });
            updates.Add(newMessage);
            if (member.IsBot)
                updates.Add(BotJoinedChat(member, group, creator.Id, date, refs));
            var container = Container(member, [.. updates], refs);
            Push(member, container, member.Id == creator.Id ? exclude : null, null, member.Pts, member.Pts);
            if (member.Id == creator.Id)
                answer = container;
        }
        return (group.Id, answer!);
    }

    private T.UpdateChatParticipant BotJoinedChat(UserAccount bot, BasicGroup group, long actorId, int date, PeerKey[] refs)
    {
        bot.Qts++;
        var update = new T.UpdateChatParticipant
        {
            ChatId = group.Id,
            Date = date,
            ActorId = actorId,
            UserId = bot.Id,
            NewParticipant = new T.ChatParticipant { UserId = bot.Id, InviterId = actorId, Date = date },
            Qts = bot.Qts,
        };
        LogQts(bot, update, refs);
        Truth(bot.Id, "updateChatParticipant", 0, 0, null, null, bot.Qts);
        return update;
    }

    private static T.ChatParticipants ParticipantsOf(BasicGroup group) => new()
    {
        ChatId = group.Id,
        Version = group.Version,
        Participants = group.Members.OrderBy(m => m.Key).Select(m => m.Value.Role == MemberRole.Creator
            ? (ChatParticipant)new T.ChatParticipantCreator { UserId = m.Key }
            : new T.ChatParticipant { UserId = m.Key, InviterId = m.Value.InviterId, Date = m.Value.Date }).ToArray(),
    };
}
