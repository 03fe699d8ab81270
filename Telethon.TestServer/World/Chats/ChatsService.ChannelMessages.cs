using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class ChatsService
{
    /// <summary>The most pinned messages one messages.unpinAllMessages call unpins; the answer's offset asks for another call.</summary>
    public const int UnpinBatch = 100;

    // ---- rights over messages ----

    /// <summary>
    /// The rights a member has over a channel's messages: everything for the creator, its admin rights
    /// (all of them when none were given) for an admin, null for an ordinary member or a non-member.
    /// </summary>
    private static T.ChatAdminRights? MessageRightsOf(ChannelRecord channel, long userId)
    {
        if (!channel.Members.TryGetValue(userId, out var member))
            return null;
        return member.Role switch
        {
            MemberRole.Creator => new T.ChatAdminRights { PostMessages = true, EditMessages = true, DeleteMessages = true, PinMessages = true },
            MemberRole.Admin => member.AdminRights ?? FullAdminRights(channel.Broadcast),
            _ => null,
        };
    }

    /// <summary>Members write in supergroups; in broadcast channels only those with post_messages (403 CHAT_WRITE_FORBIDDEN).</summary>
    private static void EnsureCanWrite(ChannelRecord channel, long userId)
    {
        if (!channel.Members.ContainsKey(userId) || (channel.Broadcast && MessageRightsOf(channel, userId)?.PostMessages != true))
            throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
    }

    /// <summary>Pinning needs pin_messages in supergroups and edit_messages in broadcast channels.</summary>
    private static bool CanPin(ChannelRecord channel, long userId) =>
        MessageRightsOf(channel, userId) is { } rights && (channel.Broadcast ? rights.EditMessages : rights.PinMessages);

    /// <summary>The role of a member of a small group, or null for a non-member.</summary>
    public MemberRole? GroupRole(long chatId, long userId)
    {
        using (_gate.Enter())
            return _chats.TryGetValue(chatId, out var group) && group.Members.TryGetValue(userId, out var member) ? member.Role : null;
    }

    /// <summary>Whether a small group protects its content (no forwarding).</summary>
    public bool GroupNoforwards(long chatId)
    {
        using (_gate.Enter())
            return _chats.TryGetValue(chatId, out var group) && group.Noforwards;
    }

    /// <summary>Turns content protection of a small group or channel on or off (seeds and tests).</summary>
    public void SetNoforwards(PeerKey chat, bool enabled)
    {
        using (_gate.Enter())
        {
            switch (chat.Kind)
            {
                case PeerKind.Chat when _chats.TryGetValue(chat.Id, out var group):
                    group.Noforwards = enabled;
                    break;
                case PeerKind.Channel when _channels.TryGetValue(chat.Id, out var channel):
                    channel.Noforwards = enabled;
                    break;
                default:
                    throw new ArgumentException($"No chat or channel {chat}.", nameof(chat));
            }
        }
    }

    // ---- pins (the messages service resolved the channel) ----

    /// <summary>
    /// messages.updatePinnedMessage in a channel: updatePinnedChannelMessages for every member and, when
    /// pinning, a messageActionPinMessage service message replying to the pinned one (silent when asked).
    /// </summary>
    public UpdatesBase UpdatePinnedChannelMessage(Caller caller, long channelId, int id, bool unpin, bool silent)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            var actorId = caller.UserId;
            EnsureCanRead(channel, actorId);
            if (!channel.Messages.TryGetValue(id, out var message) || message.Action is not null)
                throw WorldErrors.MessageIdInvalid;
            if (!CanPin(channel, actorId))
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            if (message.Pinned != unpin)
                throw WorldErrors.Bad("CHAT_NOT_MODIFIED");
            message.Pinned = !unpin;
            LogAdminActionLocked(channel, actorId, new T.ChannelAdminLogEventActionUpdatePinned { Message = AdminLogView(channel, message) }, AuthorOf(message, actorId));
            if (unpin)
                return Broadcast(channel, [new ChannelChange(ChannelEvent.UnpinMessages, null, [id])], actorId, caller.Session, [], null)!;
            var service = NewChannelMessage(channel, actorId, "", null, new T.MessageActionPinMessage(), id, silent);
            channel.ReadInboxMaxId[actorId] = service.Id;
            return Broadcast(channel, [new ChannelChange(ChannelEvent.PinMessages, null, [id]), new ChannelChange(ChannelEvent.NewMessage, service, [])],
                actorId, caller.Session, [], null)!;
        }
    }

    /// <summary>
    /// messages.unpinAllMessages in a channel: unpins the newest <see cref="UnpinBatch"/> pinned messages
    /// (one updatePinnedChannelMessages); a positive offset in the answer asks for another call.
    /// </summary>
    public Tl.Abcs.Messages.AffectedHistory UnpinAllChannelMessages(Caller caller, long channelId)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, caller.UserId);
            if (!CanPin(channel, caller.UserId))
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            var pinned = channel.Messages.Values.Where(m => m.Pinned).Select(m => m.Id).Reverse().ToList();
            if (pinned.Count == 0)
                throw WorldErrors.Bad("CHAT_NOT_MODIFIED");
            var batch = pinned.Take(UnpinBatch).Order().ToArray();
            foreach (var id in batch)
            {
                var message = channel.Messages[id];
                message.Pinned = false;
                LogAdminActionLocked(channel, caller.UserId, new T.ChannelAdminLogEventActionUpdatePinned { Message = AdminLogView(channel, message) }, AuthorOf(message, caller.UserId));
            }
            Broadcast(channel, [new ChannelChange(ChannelEvent.UnpinMessages, null, batch)], caller.UserId, caller.Session, [], null);
            return new T.Messages.AffectedHistory { Pts = channel.Pts, PtsCount = 1, Offset = pinned.Count > batch.Length ? batch[0] : 0 };
        }
    }

    // ---- forwarding (the messages service resolved both ends and holds its lock) ----

    /// <summary>
    /// The messages of a channel to forward, in the order of <paramref name="ids"/>: null where an id is
    /// unknown or a service message (skipped, as Telegram does).
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_PRIVATE; CHAT_FORWARDS_RESTRICTED when the channel or a message is protected.</exception>
    public (bool Broadcast, ChannelMessage?[] Messages) ForwardSources(long viewerId, long channelId, int[] ids)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            var found = new ChannelMessage?[ids.Length];
            for (var i = 0; i < ids.Length; i++)
            {
                if (!channel.Messages.TryGetValue(ids[i], out var message) || message.Action is not null)
                    continue;
                if (channel.Noforwards || message.Noforwards)
                    throw WorldErrors.Bad("CHAT_FORWARDS_RESTRICTED");
                found[i] = message.Snapshot();
            }
            return (channel.Broadcast, found);
        }
    }

    /// <summary>
    /// messages.forwardMessages into a channel: one new message (and channel pts) per forwarded message,
    /// all in one container for every member; the sender's starts with an updateMessageID per message.
    /// </summary>
    public UpdatesBase ForwardToChannel(Caller caller, long channelId, IReadOnlyList<ForwardedMessage> messages, bool silent)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            var senderId = caller.UserId;
            EnsureCanRead(channel, senderId);
            EnsureCanWrite(channel, senderId);
            CheckSendRights(channel, senderId);
            var changes = new List<ChannelChange>(messages.Count);
            var ids = new List<Update>(messages.Count);
            foreach (var forwarded in messages)
            {
                var message = NewChannelMessage(channel, senderId, forwarded.Text, forwarded.Entities, null, null, silent, forwarded.Forward, forwarded.GroupedId, forwarded.Media);
                changes.Add(new ChannelChange(ChannelEvent.NewMessage, message, []));
                ids.Add(new T.UpdateMessageID { Id = message.Id, RandomId = forwarded.RandomId });
                channel.ReadInboxMaxId[senderId] = message.Id;
            }
            return Broadcast(channel, changes, senderId, caller.Session, [.. ids], null)!;
        }
    }

    // ---- search ----

    /// <summary>messages.search in a channel: the matching messages, paged like the history, counted in full.</summary>
    public Tl.Abcs.Messages.Messages SearchChannel(long viewerId, long channelId, MessageQuery query, int offsetId, int addOffset, int limit, int maxId, int minId)
    {
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            var matching = new List<int>();
            foreach (var message in channel.Messages.Values.Reverse())
            {
                if (query.Matches(message.Text, message.Entities, message.Action is not null, message.Pinned, message.FromId, message.Date, message.Media))
                    matching.Add(message.Id);
            }
            var page = MessagesService.Page(matching, id => channel.Messages[id].Date, offsetId, 0, addOffset, limit, maxId, minId);
            var messages = page.Select(id => ChannelMessageView(channel.Id, channel.Broadcast, channel.Messages[id], viewerId)).ToArray();
            var refs = page.SelectMany(id => ChannelMessageRefs(channel.Id, channel.Messages[id])).Append(new PeerKey(PeerKind.Channel, channel.Id));
            var (users, chats) = _world.Peers.Views(viewerId, refs);
            return new T.Messages.ChannelMessages { Pts = channel.Pts, Count = matching.Count, Messages = messages, Topics = [], Chats = chats, Users = users };
        }
    }

    /// <summary>The matching messages of the channels <paramref name="viewerId"/> is a member of (messages.searchGlobal).</summary>
    public List<SearchedMessage> SearchChannelsOf(long viewerId, MessageQuery query, bool broadcastsOnly, bool groupsOnly)
    {
        var found = new List<SearchedMessage>();
        using (_gate.Enter())
        {
            if (!_channelsOf.TryGetValue(viewerId, out var channelIds))
                return found;
            foreach (var channelId in channelIds)
            {
                var channel = _channels[channelId];
                if ((broadcastsOnly && !channel.Broadcast) || (groupsOnly && channel.Broadcast))
                    continue;
                var peer = new PeerKey(PeerKind.Channel, channel.Id);
                foreach (var message in channel.Messages.Values)
                {
                    if (!query.Matches(message.Text, message.Entities, message.Action is not null, message.Pinned, message.FromId, message.Date, message.Media))
                        continue;
                    found.Add(new SearchedMessage(peer, message.Date, message.Id, ChannelMessageView(channel.Id, channel.Broadcast, message, viewerId),
                        [.. ChannelMessageRefs(channel.Id, message)]));
                }
            }
        }
        return found;
    }
}
