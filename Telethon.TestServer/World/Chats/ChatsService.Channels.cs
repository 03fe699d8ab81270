using Telethon.Tl.Abcs;
using FCh = Telethon.Tl.Functions.Channels;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class ChatsService
{
    // ---- administration (seeds and tests) ----

    /// <summary>Creates a supergroup (<paramref name="broadcast"/> false) or broadcast channel with members; returns its id.</summary>
    public long CreateChannel(long creatorId, string title, bool broadcast, string? username, IEnumerable<long>? memberIds, string about)
    {
        using (_gate.Enter())
        {
            if (!_world.Peers.UserExists(creatorId))
                throw new ArgumentException($"No user {creatorId}.", nameof(creatorId));
            _world.Peers.CheckUsernameFree(username);
            var (channel, _) = CreateChannelCore(creatorId, title, about, broadcast, username, null);
            var members = (memberIds ?? []).Where(id => id != creatorId && !channel.Members.ContainsKey(id)).Distinct()
                .Select(id => _world.Peers.UserExists(id) ? id : throw new ArgumentException($"No user {id}.", nameof(memberIds))).ToList();
            if (members.Count > 0)
                AddMembers(channel, creatorId, members, null);
            return channel.Id;
        }
    }

    // ---- channels.* ----

    /// <summary>channels.createChannel.</summary>
    public UpdatesBase CreateChannel(Caller caller, FCh.CreateChannel request)
    {
        if (_world.Peers.IsBot(caller.UserId))
            throw WorldErrors.Bad("USER_BOT_REQUIRED");
        using (_gate.Enter())
            return CreateChannelCore(caller.UserId, request.Title, request.About, request.Broadcast || !request.Megagroup, null, caller.Session).Answer;
    }

    private (ChannelRecord Channel, UpdatesBase Answer) CreateChannelCore(long creatorId, string title, string? about, bool broadcast, string? username, SessionKey? exclude)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw WorldErrors.Bad("CHAT_TITLE_EMPTY");
        if (about is { Length: > AboutLengthMax })
            throw WorldErrors.Bad("CHAT_ABOUT_TOO_LONG");
        var date = Now;
        var channel = new ChannelRecord(_nextChannelId++)
        {
            Title = title.Trim(),
            About = about ?? "",
            Broadcast = broadcast,
            CreatorId = creatorId,
            Date = date,
            Log = new UpdateLog<ChannelLogEntry>(_world.Options.ChannelLogCapacity),
        };
        if (username is not null)
        {
            _world.Peers.ClaimUsername(username, new PeerKey(PeerKind.Channel, channel.Id));
            channel.Username = username;
        }
        _channels[channel.Id] = channel;
        channel.Members[creatorId] = new MemberInfo(creatorId, date, MemberRole.Creator);
        ChannelsOf(creatorId).Add(channel.Id);
        var message = NewChannelMessage(channel, creatorId, "", null, new T.MessageActionChannelCreate { Title = channel.Title }, null);
        var answer = Broadcast(channel, ChannelEvent.NewMessage, message, [], creatorId, exclude, null,
            member => member.Id == creatorId ? [new T.UpdateChannel { ChannelId = channel.Id }] : []);
        channel.ReadInboxMaxId[creatorId] = message.Id;
        return (channel, answer!);
    }

    /// <summary>channels.inviteToChannel.</summary>
    public Tl.Abcs.Messages.InvitedUsers InviteToChannel(Caller caller, FCh.InviteToChannel request)
    {
        var inviterId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(inviterId, request.Channel);
        // Resolved before the lock (a user seen in a message may need the messages service); a bad one
        // fails where Telegram checks it, after the inviter's rights.
        var invitees = new List<(long Id, RpcError? Error)>();
        foreach (var input in request.Users ?? [])
        {
            try
            {
                invitees.Add((_world.Peers.ResolveUser(inviterId, input), null));
            }
            catch (RpcError e)
            {
                invitees.Add((0, e));
            }
        }
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, inviterId);
            if (!channel.Members.TryGetValue(inviterId, out var role) || (channel.Broadcast && role.Role == MemberRole.Member))
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            var invited = new List<long>();
            foreach (var (id, error) in invitees)
            {
                if (error is not null)
                    throw error;
                CheckInvitee(channel, inviterId, id);
                if (!channel.Members.ContainsKey(id) && !invited.Contains(id))
                    invited.Add(id);
            }
            if (invited.Count == 0)
                throw WorldErrors.Bad("USER_ALREADY_PARTICIPANT");
            var answer = AddMembers(channel, inviterId, invited, caller.Session);
            return new T.Messages.InvitedUsers { Updates = answer, MissingInvitees = [] };
        }
    }

    /// <summary>channels.joinChannel (public channels; private ones answer CHANNEL_PRIVATE).</summary>
    public UpdatesBase JoinChannel(Caller caller, FCh.JoinChannel request)
    {
        var userId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(userId, request.Channel);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            if (channel.Members.ContainsKey(userId))
                throw WorldErrors.Bad("USER_ALREADY_PARTICIPANT");
            EnsureCanRead(channel, userId);
            return AddMembers(channel, userId, [userId], caller.Session);
        }
    }

    /// <summary>channels.leaveChannel.</summary>
    public UpdatesBase LeaveChannel(Caller caller, FCh.LeaveChannel request)
    {
        var user = _world.Peers.Facts(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(user.Id, request.Channel);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            if (!channel.Members.TryGetValue(user.Id, out var member))
            {
                EnsureCanRead(channel, user.Id);
                throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
            }
            if (member.Role == MemberRole.Creator)
                throw WorldErrors.Bad("USER_CREATOR");
            channel.Members.Remove(user.Id);
            channel.ReadInboxMaxId.Remove(user.Id);
            ChannelsOf(user.Id).Remove(channel.Id);
            LogAdminActionLocked(channel, user.Id, new T.ChannelAdminLogEventActionParticipantLeave(), []);
            var date = Now;
            if (channel.Megagroup)
            {
                var message = NewChannelMessage(channel, user.Id, "", null, new T.MessageActionChatDeleteUser { UserId = user.Id }, null);
                Broadcast(channel, ChannelEvent.NewMessage, message, [], null, null, null, null);
            }
            PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id)];
            var views = _world.Peers.Views(user.Id, refs);
            using (_world.Updates.Hold())
            {
                var stream = _world.Updates.Stream(user.Id);
                var updates = new List<Update> { new T.UpdateChannel { ChannelId = channel.Id } };
                if (user.IsBot)
                    updates.Add(BotChannelMembership(stream, channel, user.Id, date, member, null, refs));
                var container = stream.Container([.. updates], refs, views);
                stream.Push(container, caller.Session, null, 1, 0);
                return container;
            }
        }
    }

    /// <summary>channels.getMessages.</summary>
    public Tl.Abcs.Messages.Messages GetChannelMessages(Caller caller, FCh.GetMessages request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(viewerId, request.Channel);
        var callbackMessages = _world.Bots.CallbackMessages(viewerId, request.Id, channelId);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            if (request.Id is not { Length: > 0 })
                throw WorldErrors.Bad("MESSAGE_IDS_EMPTY");
            var messages = new List<Message>();
            var refs = new List<PeerKey> { new(PeerKind.Channel, channel.Id) };
            foreach (var inputMessage in request.Id)
            {
                var id = inputMessage switch
                {
                    T.InputMessageID m => m.Id,
                    T.InputMessageReplyTo r => channel.Messages.TryGetValue(r.Id, out var replying) ? replying.ReplyToId ?? 0 : 0,
                    T.InputMessagePinned => channel.Messages.Values.LastOrDefault(m => m.Pinned)?.Id ?? 0,
                    T.InputMessageCallbackQuery q when callbackMessages.Contains(q.Id) => q.Id,
                    _ => 0,
                };
                if (channel.Messages.TryGetValue(id, out var message))
                {
                    messages.Add(ChannelMessageView(channel.Id, channel.Broadcast, message, viewerId));
                    refs.AddRange(ChannelMessageRefs(channel.Id, message));
                }
                else
                {
                    messages.Add(new T.MessageEmpty { Id = id, PeerId = new T.PeerChannel { ChannelId = channel.Id } });
                }
            }
            var (users, chats) = _world.Peers.Views(viewerId, refs);
            return new T.Messages.ChannelMessages { Pts = channel.Pts, Count = messages.Count, Messages = [.. messages], Topics = [], Chats = chats, Users = users };
        }
    }

    /// <summary>
    /// channels.readHistory: updateReadChannelInbox (a seq update) to every session of the reader and, in
    /// supergroups, updateReadChannelOutbox to each member whose messages it has now read.
    /// </summary>
    public bool ReadChannelHistory(Caller caller, FCh.ReadHistory request)
    {
        var readerId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(readerId, request.Channel);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, readerId);
            if (!channel.Members.ContainsKey(readerId) || channel.Messages.Count == 0)
                return true;
            var top = channel.Messages.Keys.Max();
            var upTo = request.MaxId <= 0 ? top : Math.Min(request.MaxId, top);
            var previous = channel.ReadInboxMaxId.GetValueOrDefault(readerId);
            if (upTo <= previous)
                return true;
            channel.ReadInboxMaxId[readerId] = upTo;
            var stillUnread = channel.Messages.Values.Count(m => m.Id > upTo && m.FromId != readerId);
            var update = new T.UpdateReadChannelInbox { ChannelId = channel.Id, MaxId = upTo, StillUnreadCount = stillUnread, Pts = channel.Pts };
            // Supergroup senders learn that their messages were read (broadcast posts count views instead).
            var readOf = new SortedDictionary<long, int>();
            if (channel.Megagroup)
            {
                foreach (var message in channel.Messages.Values)
                {
                    if (message.Id <= previous || message.Id > upTo || message.FromId == readerId || message.Action is not null
                        || !channel.Members.ContainsKey(message.FromId) || message.Id <= channel.ReadOutboxMaxId.GetValueOrDefault(message.FromId))
                        continue;
                    readOf[message.FromId] = message.Id;
                }
            }
            PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id)];
            var views = _world.Peers.Views([readerId, .. readOf.Keys], refs);
            using (_world.Updates.Hold())
            {
                var stream = _world.Updates.Stream(readerId);
                stream.Truth("updateReadChannelInbox", 0, 0, channel.Id, upTo);
                stream.Push(stream.Container([update], refs, views[readerId]), null, null, 1, 0);
                foreach (var (senderId, maxId) in readOf)
                {
                    channel.ReadOutboxMaxId[senderId] = maxId;
                    var senderStream = _world.Updates.Stream(senderId);
                    senderStream.Truth("updateReadChannelOutbox", 0, 0, channel.Id, maxId);
                    var outbox = new T.UpdateReadChannelOutbox { ChannelId = channel.Id, MaxId = maxId };
                    senderStream.Push(senderStream.Container([outbox], refs, views[senderId]), null, null, 1, 0);
                }
            }
            return true;
        }
    }

    /// <summary>
    /// channels.deleteMessages: the author deletes its own messages, the creator and admins with
    /// delete_messages anyone's (403 MESSAGE_DELETE_FORBIDDEN otherwise); one channel pts per deleted
    /// message, for every member. Unknown ids are skipped.
    /// </summary>
    public Tl.Abcs.Messages.AffectedMessages DeleteChannelMessages(Caller caller, FCh.DeleteMessages request)
    {
        var accountId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(accountId, request.Channel);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, accountId);
            var member = channel.Members.ContainsKey(accountId);
            var rights = MessageRightsOf(channel, accountId);
            var found = new List<int>();
            foreach (var id in (request.Id ?? []).Distinct().Order())
            {
                if (!channel.Messages.TryGetValue(id, out var message))
                    continue;
                var own = message.FromId == accountId && (channel.Megagroup || rights?.PostMessages == true);
                if (!member || (!own && rights?.DeleteMessages != true))
                    throw WorldErrors.Forbidden("MESSAGE_DELETE_FORBIDDEN");
                found.Add(id);
            }
            if (found.Count == 0)
                return new T.Messages.AffectedMessages { Pts = channel.Pts, PtsCount = 0 };
            foreach (var id in found)
            {
                var message = channel.Messages[id];
                channel.Messages.Remove(id);
                // Logged as Telegram does: every deletion in a broadcast channel, an admin's of others' messages in a supergroup.
                if (channel.Broadcast || (message.FromId != accountId && rights is not null))
                    LogAdminActionLocked(channel, accountId, new T.ChannelAdminLogEventActionDeleteMessage { Message = AdminLogView(channel, message) }, AuthorOf(message, accountId));
            }
            Broadcast(channel, ChannelEvent.DeleteMessages, null, [.. found], accountId, caller.Session, null, null);
            return new T.Messages.AffectedMessages { Pts = channel.Pts, PtsCount = found.Count };
        }
    }

    // ---- for the messages service (which holds its lock and has resolved the channel) ----

    /// <summary>messages.sendMessage to a channel: updateNewChannelMessage for every member, one id, the channel's pts.</summary>
    public UpdatesBase SendChannelMessage(Caller caller, long channelId, string text, MessageEntity[]? entities, int? replyId, long randomId, bool silent = false,
        ReplyMarkup? markup = null, long? viaBotId = null)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            var senderId = caller.UserId;
            EnsureCanRead(channel, senderId);
            EnsureCanWrite(channel, senderId);
            CheckSendRights(channel, senderId);
            var reply = replyId is { } r && channel.Messages.ContainsKey(r) ? r : (int?)null;
            var message = NewChannelMessage(channel, senderId, text, entities, null, reply, silent);
            message.ReplyMarkup = markup;
            message.ViaBotId = viaBotId;
            channel.ReadInboxMaxId[senderId] = message.Id;
            return Broadcast(channel, ChannelEvent.NewMessage, message, [], senderId, caller.Session,
                new T.UpdateMessageID { Id = message.Id, RandomId = randomId }, null)!;
        }
    }

    /// <summary>
    /// messages.editMessage in a channel: updateEditChannelMessage for every member. Authors edit their
    /// messages (supergroups: within <see cref="MessagesService.EditTimeLimit"/>); in broadcast channels
    /// the creator and admins with edit_messages edit any post, admins with post_messages their own.
    /// With <paramref name="editsMarkup"/> (a bot's edit) the keyboard becomes <paramref name="markup"/>, and a null
    /// <paramref name="text"/> keeps the text and entities.
    /// </summary>
    public UpdatesBase EditChannelMessage(Caller caller, long channelId, int id, string? text, MessageEntity[]? entities, bool editsMarkup = false, ReplyMarkup? markup = null)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            var editorId = caller.UserId;
            EnsureCanRead(channel, editorId);
            if (!channel.Messages.TryGetValue(id, out var message) || message.Action is not null)
                throw WorldErrors.MessageIdInvalid;
            var rights = channel.Members.ContainsKey(editorId) ? MessageRightsOf(channel, editorId) : null;
            var allowed = channel.Broadcast
                ? rights?.EditMessages == true || (message.FromId == editorId && rights?.PostMessages == true)
                : message.FromId == editorId && channel.Members.ContainsKey(editorId);
            if (!allowed)
                throw WorldErrors.Forbidden("MESSAGE_AUTHOR_REQUIRED");
            if (channel.Megagroup && Now - message.Date > MessagesService.EditTimeLimit)
                throw WorldErrors.Bad("MESSAGE_EDIT_TIME_EXPIRED");
            if (text is null)
                (text, entities) = (message.Text, message.Entities);
            if (message.Text == text && MessagesService.SameEntities(message.Entities, entities) && (!editsMarkup || ReplyMarkups.Same(message.ReplyMarkup, markup)))
                throw WorldErrors.Bad("MESSAGE_NOT_MODIFIED");
            // Logged for edits by the creator or an admin: every edit of a post, an admin's edits in a supergroup.
            var before = rights is not null ? message.Snapshot() : null;
            message.Text = text;
            message.Entities = entities;
            message.EditDate = Now;
            if (editsMarkup)
                message.ReplyMarkup = markup;
            if (before is not null)
            {
                LogAdminActionLocked(channel, editorId, new T.ChannelAdminLogEventActionEditMessage
                {
                    PrevMessage = AdminLogView(channel, before), NewMessage = AdminLogView(channel, message),
                }, AuthorOf(message, editorId));
            }
            return Broadcast(channel, ChannelEvent.EditMessage, message, [], editorId, caller.Session, null, null)!;
        }
    }

    /// <summary>messages.getHistory of a channel (channelMessages).</summary>
    public Tl.Abcs.Messages.Messages ChannelHistory(long viewerId, long channelId, int offsetId, int offsetDate, int addOffset, int limit, int maxId, int minId)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            var ids = channel.Messages.Keys.Reverse().ToList();
            var page = MessagesService.Page(ids, id => channel.Messages[id].Date, offsetId, offsetDate, addOffset, limit, maxId, minId);
            var messages = page.Select(id => ChannelMessageView(channel.Id, channel.Broadcast, channel.Messages[id], viewerId)).ToArray();
            var refs = page.SelectMany(id => ChannelMessageRefs(channel.Id, channel.Messages[id])).Append(new PeerKey(PeerKind.Channel, channel.Id));
            var (users, chats) = _world.Peers.Views(viewerId, refs);
            return new T.Messages.ChannelMessages { Pts = channel.Pts, Count = ids.Count, Messages = messages, Topics = [], Chats = chats, Users = users };
        }
    }

    /// <summary>
    /// The dialogs of the channels <paramref name="viewerId"/> is a member of (for messages.getDialogs); the
    /// messages up to the viewer's available_min_id (channels.deleteHistory) are left out, a channel with
    /// none left keeps its dialog without a top message.
    /// </summary>
    public List<DialogEntry> ChannelDialogs(long viewerId)
    {
        var entries = new List<DialogEntry>();
        using (_gate.Enter())
        {
            if (!_channelsOf.TryGetValue(viewerId, out var channelIds))
                return entries;
            foreach (var channelId in channelIds)
            {
                var channel = _channels[channelId];
                if (channel.Messages.Count == 0)
                    continue;
                var last = channel.Messages.Values.Last();
                var hiddenUpTo = channel.AvailableMinId.GetValueOrDefault(viewerId);
                var top = last.Id > hiddenUpTo ? last : null;
                var read = Math.Max(channel.ReadInboxMaxId.GetValueOrDefault(viewerId), hiddenUpTo);
                var unread = channel.Messages.Values.Count(m => m.Id > read && m.FromId != viewerId);
                var peer = new PeerKey(PeerKind.Channel, channelId);
                entries.Add(new DialogEntry(peer, last.Date, top?.Id ?? 0, new T.Dialog
                {
                    Peer = peer.ToPeer(),
                    TopMessage = top?.Id ?? 0,
                    ReadInboxMaxId = read,
                    ReadOutboxMaxId = channel.ReadOutboxMaxId.GetValueOrDefault(viewerId),
                    UnreadCount = unread,
                    NotifySettings = new T.PeerNotifySettings(),
                    Pts = channel.Pts,
                }, top is null ? null : ChannelMessageView(channel.Id, channel.Broadcast, top, viewerId)));
            }
        }
        return entries;
    }

    /// <summary>Whether <paramref name="target"/> is the channel, the sender or the forward origin of its message <paramref name="msgId"/>.</summary>
    public bool SeenInChannelMessage(long channelId, int msgId, PeerKey target)
    {
        using (_gate.Enter())
        {
            return _channels[channelId].Messages.TryGetValue(msgId, out var message) && ChannelMessageRefs(channelId, message).Contains(target);
        }
    }

    // ---- for updates.getChannelDifference (the updates service cuts the difference) ----

    /// <summary>
    /// The channel's log after <paramref name="pts"/> for a reader: <see cref="ChannelLogSlice.Pending"/> is null when
    /// more than <paramref name="maxPending"/> pts are pending or the log no longer reaches back.
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_PRIVATE, PERSISTENT_TIMESTAMP_EMPTY or PERSISTENT_TIMESTAMP_INVALID.</exception>
    public ChannelLogSlice ChannelLogAfter(long viewerId, long channelId, int pts, int maxPending)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            if (pts <= 0)
                throw WorldErrors.Bad("PERSISTENT_TIMESTAMP_EMPTY");
            if (pts > channel.Pts)
                throw WorldErrors.Bad("PERSISTENT_TIMESTAMP_INVALID");
            if (pts == channel.Pts)
                return new ChannelLogSlice(channel.Broadcast, channel.Pts, []);
            if (pts < channel.Log.TrimmedPts || channel.Pts - pts > maxPending)
                return new ChannelLogSlice(channel.Broadcast, channel.Pts, null);
            return new ChannelLogSlice(channel.Broadcast, channel.Pts, channel.Log.Entries.Where(e => e.Pts > pts).ToList());
        }
    }

    /// <summary>The channel's dialog and latest <paramref name="limit"/> messages as <paramref name="viewerId"/> sees them.</summary>
    public ChannelTop ChannelTop(long viewerId, long channelId, int limit)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            var channelPeer = new PeerKey(PeerKind.Channel, channel.Id);
            var latest = channel.Messages.Values.Reverse().Take(limit).ToList();
            var read = channel.ReadInboxMaxId.GetValueOrDefault(viewerId);
            var dialog = new T.Dialog
            {
                Peer = channelPeer.ToPeer(),
                TopMessage = latest.Count > 0 ? latest[0].Id : 0,
                ReadInboxMaxId = read,
                ReadOutboxMaxId = channel.ReadOutboxMaxId.GetValueOrDefault(viewerId),
                UnreadCount = channel.Messages.Values.Count(m => m.Id > read && m.FromId != viewerId),
                NotifySettings = new T.PeerNotifySettings(),
                Pts = channel.Pts,
            };
            var views = _world.Peers.Views(viewerId, latest.Select(m => new PeerKey(PeerKind.User, m.FromId)).Append(channelPeer));
            return new ChannelTop(dialog, [.. latest.Select(m => ChannelMessageView(channel.Id, channel.Broadcast, m, viewerId))], views);
        }
    }

    // ---- helpers (under the lock) ----

    /// <summary>Members read and (in supergroups) write; anyone may read a public channel.</summary>
    private void EnsureCanRead(ChannelRecord channel, long viewerId)
    {
        if (channel.Kicked.TryGetValue(viewerId, out var kicked) && ChatRights.IsActive(kicked.BannedRights, Now))
            throw WorldErrors.ChannelPrivate;
        if (!channel.Members.ContainsKey(viewerId) && channel.Username is null)
            throw WorldErrors.ChannelPrivate;
    }

    private ChannelMessage NewChannelMessage(ChannelRecord channel, long fromId, string text, MessageEntity[]? entities, MessageAction? action, int? replyId,
        bool silent = false, ForwardInfo? forward = null, long? groupedId = null, StoredMedia? media = null)
    {
        var message = new ChannelMessage
        {
            Media = media,
            Id = channel.NextMessageId++,
            FromId = fromId,
            Date = Now,
            Text = text,
            Entities = entities,
            Action = action,
            ReplyToId = replyId,
            Silent = silent,
            Forward = forward,
            GroupedId = groupedId,
            Noforwards = channel.Noforwards && action is null,
        };
        channel.Messages[message.Id] = message;
        return message;
    }

    /// <summary>Adds members (the actor invites them, or joins itself); supergroups get a messageActionChatAddUser.</summary>
    private UpdatesBase AddMembers(ChannelRecord channel, long actorId, List<long> users, SessionKey? exclude)
    {
        var date = Now;
        var top = channel.Messages.Count > 0 ? channel.Messages.Keys.Max() : 0;
        foreach (var user in users)
        {
            channel.Members[user] = new MemberInfo(actorId, date, MemberRole.Member);
            channel.ReadInboxMaxId[user] = top;
            ChannelsOf(user).Add(channel.Id);
            channel.Kicked.Remove(user);
        }
        LogMembership(channel, actorId, users);
        var joined = users.ToHashSet();
        var bots = users.Where(_world.Peers.IsBot).ToHashSet();
        PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id)];
        Update[] Extra(AccountStream member)
        {
            var extra = new List<Update>();
            if (joined.Contains(member.Id) || member.Id == actorId)
                extra.Add(new T.UpdateChannel { ChannelId = channel.Id });
            if (bots.Contains(member.Id))
                extra.Add(BotChannelMembership(member, channel, actorId, date, null, channel.Members[member.Id], refs));
            return [.. extra];
        }
        if (channel.Megagroup)
        {
            var message = NewChannelMessage(channel, actorId, "", null, new T.MessageActionChatAddUser { Users = [.. users] }, null);
            foreach (var user in users)
                channel.ReadInboxMaxId[user] = message.Id;
            return Broadcast(channel, ChannelEvent.NewMessage, message, [], actorId, exclude, null, Extra)!;
        }
        var told = InOrder(joined.Append(actorId).Distinct(), actorId);
        var views = _world.Peers.Views(told, refs);
        UpdatesBase? answer = null;
        using (_world.Updates.Hold())
        {
            foreach (var memberId in told)
            {
                var stream = _world.Updates.Stream(memberId);
                var container = stream.Container(Extra(stream), refs, views[memberId]);
                stream.Push(container, memberId == actorId ? exclude : null, null, 1, 0);
                if (memberId == actorId)
                    answer = container;
            }
        }
        return answer!;
    }

    /// <summary>updateChannelParticipant (a qts update) for a bot that joined or left; needs the updates lock.</summary>
    private static T.UpdateChannelParticipant BotChannelMembership(AccountStream bot, ChannelRecord channel, long actorId, int date, MemberInfo? before, MemberInfo? after, PeerKey[] refs)
    {
        var qts = bot.NextQts();
        var update = new T.UpdateChannelParticipant
        {
            ChannelId = channel.Id,
            Date = date,
            ActorId = actorId,
            UserId = bot.Id,
            PrevParticipant = before is null ? null : new T.ChannelParticipant { UserId = bot.Id, Date = before.Date },
            NewParticipant = after is null ? null : new T.ChannelParticipant { UserId = bot.Id, Date = after.Date },
            Qts = qts,
        };
        bot.LogQts(update, refs);
        bot.Truth("updateChannelParticipant", 0, 0, channel.Id, null, qts);
        return update;
    }

    /// <summary>
    /// Advances the channel pts for one event, logs it and pushes it to every member (the actor's calling
    /// session left out); returns the actor's container, or null when the actor is not a member.
    /// </summary>
    private UpdatesBase? Broadcast(ChannelRecord channel, ChannelEvent kind, ChannelMessage? message, int[] ids, long? actorId,
        SessionKey? exclude, Update? actorFirst, Func<AccountStream, Update[]>? extra) =>
        Broadcast(channel, [new ChannelChange(kind, message, ids)], actorId, exclude, actorFirst is null ? [] : [actorFirst], extra);

    /// <summary>
    /// Advances the channel pts for each event in turn, logs them and pushes them to every member in one
    /// container (the actor's calling session left out; <paramref name="actorFirst"/> opens the actor's);
    /// returns the actor's container, or null when the actor is not a member. The members' views are built
    /// first: the peers service comes before the updates lock in the order.
    /// </summary>
    private UpdatesBase? Broadcast(ChannelRecord channel, IReadOnlyList<ChannelChange> changes, long? actorId,
        SessionKey? exclude, Update[] actorFirst, Func<AccountStream, Update[]>? extra)
    {
        var firstPts = channel.Pts + 1;
        var entries = new List<ChannelLogEntry>(changes.Count);
        var channelPeer = new PeerKey(PeerKind.Channel, channel.Id);
        var refs = new List<PeerKey> { channelPeer };
        foreach (var (kind, message, ids) in changes)
        {
            var count = kind == ChannelEvent.DeleteMessages ? ids.Length : 1;
            channel.Pts += count;
            var entry = new ChannelLogEntry(channel.Pts, count, kind, message?.Snapshot(), ids);
            channel.Log.Add(entry, e => (e.Pts, 0));
            entries.Add(entry);
            if (message is not null)
                refs.AddRange(ChannelMessageRefs(channel.Id, message));
        }
        PeerKey[] refArray = [.. refs.Distinct()];
        var members = InOrder(channel.Members.Keys, actorId ?? 0);
        var views = _world.Peers.Views(members, refArray);
        UpdatesBase? answer = null;
        using (_world.Updates.Hold())
        {
            foreach (var memberId in members)
            {
                var isActor = memberId == actorId;
                var stream = _world.Updates.Stream(memberId);
                var updates = new List<Update>();
                if (isActor)
                    updates.AddRange(actorFirst);
                if (extra is not null)
                    updates.AddRange(extra(stream));
                foreach (var entry in entries)
                {
                    updates.Add(ChannelUpdate(channel.Id, channel.Broadcast, entry.Event, entry.Message, entry.Ids, entry.Pts, entry.PtsCount, memberId));
                    stream.Truth(ChannelKindName(entry.Event), entry.Pts, entry.PtsCount, channel.Id, entry.Message?.Id ?? entry.Ids[0]);
                }
                var container = stream.Container([.. updates], refArray, views[memberId]);
                stream.Push(container, isActor ? exclude : null, channel.Id, firstPts, channel.Pts);
                if (isActor)
                    answer = container;
            }
        }
        return answer;
    }

    /// <summary>The peers a channel message names: the channel, its sender and its forward origin.</summary>
    private static IEnumerable<PeerKey> ChannelMessageRefs(long channelId, ChannelMessage message)
    {
        yield return new PeerKey(PeerKind.Channel, channelId);
        yield return new PeerKey(PeerKind.User, message.FromId);
        if (message.ViaBotId is { } via)
            yield return new PeerKey(PeerKind.User, via);
        if (message.Forward is { } forward)
        {
            foreach (var peer in forward.Refs())
                yield return peer;
        }
    }

    private static string ChannelKindName(ChannelEvent kind) => kind switch
    {
        ChannelEvent.NewMessage => "updateNewChannelMessage",
        ChannelEvent.EditMessage => "updateEditChannelMessage",
        ChannelEvent.PinMessages or ChannelEvent.UnpinMessages => "updatePinnedChannelMessages",
        _ => "updateDeleteChannelMessages",
    };
}
