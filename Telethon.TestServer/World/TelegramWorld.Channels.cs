using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

public sealed partial class TelegramWorld
{
    /// <summary>The longest channel description accepted.</summary>
    public const int AboutLengthMax = 255;

    // ---- administration (seeds and tests) ----

    /// <summary>Creates a supergroup (<paramref name="broadcast"/> false) or broadcast channel with members; returns its id.</summary>
    public long CreateChannel(long creatorId, string title, bool broadcast, string? username = null, IEnumerable<long>? memberIds = null, string about = "") =>
        Locked(() =>
        {
            var creator = _users.TryGetValue(creatorId, out var c) ? c : throw new ArgumentException($"No user {creatorId}.", nameof(creatorId));
            CheckUsernameFree(username);
            var (channel, _) = CreateChannelCore(creator, title, about, broadcast, username, null);
            var members = (memberIds ?? []).Where(id => id != creatorId && !channel.Members.ContainsKey(id)).Distinct()
                .Select(id => _users.TryGetValue(id, out var u) ? u : throw new ArgumentException($"No user {id}.", nameof(memberIds))).ToList();
            if (members.Count > 0)
                AddMembers(channel, creator, members, null);
            return channel.Id;
        });

    /// <summary>Makes a member an administrator of a channel (with full rights unless given).</summary>
    public void PromoteToAdmin(long channelId, long userId, T.ChatAdminRights? rights = null) => Locked(() =>
    {
        if (!_channels.TryGetValue(channelId, out var channel) || !channel.Members.TryGetValue(userId, out var member))
            throw new ArgumentException($"User {userId} is not a member of channel {channelId}.");
        if (member.Role != MemberRole.Creator)
            channel.Members[userId] = member with { Role = MemberRole.Admin, AdminRights = rights };
    });

    // ---- channels.* ----

    /// <summary>channels.createChannel.</summary>
    public UpdatesBase CreateChannel(Caller caller, string title, string about, bool broadcast, bool megagroup) => Locked(() =>
    {
        var creator = UserOrThrow(caller.UserId);
        if (creator.IsBot)
            throw WorldErrors.Bad("USER_BOT_REQUIRED");
        var (_, answer) = CreateChannelCore(creator, title, about, broadcast || !megagroup, null, caller.Session);
        return answer;
    });

    private (ChannelRecord Channel, UpdatesBase Answer) CreateChannelCore(UserAccount creator, string title, string? about, bool broadcast, string? username, SessionKey? exclude)
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
            CreatorId = creator.Id,
            Date = date,
            Log = new UpdateLog<ChannelLogEntry>(_options.ChannelLogCapacity),
        };
        _channels[channel.Id] = channel;
        if (username is not null)
        {
            channel.Username = username;
            _byUsername[username] = new PeerKey(PeerKind.Channel, channel.Id);
        }
        channel.Members[creator.Id] = new MemberInfo(creator.Id, date, MemberRole.Creator);
        creator.Channels.Add(channel.Id);
        var message = NewChannelMessage(channel, creator.Id, "", null, new T.MessageActionChannelCreate { Title = channel.Title }, null);
        var answer = Broadcast(channel, ChannelEvent.NewMessage, message, [], creator, exclude, null,
            member => member.Id == creator.Id ? [new T.UpdateChannel { ChannelId = channel.Id }] : []);
        channel.ReadInboxMaxId[creator.Id] = message.Id;
        return (channel, answer!);
    }

    /// <summary>channels.inviteToChannel.</summary>
    public Tl.Abcs.Messages.InvitedUsers InviteToChannel(Caller caller, InputChannel input, InputUser[] users) => Locked<Tl.Abcs.Messages.InvitedUsers>(() =>
    {
        var inviter = UserOrThrow(caller.UserId);
        var channel = ResolveChannel(inviter, input);
        EnsureCanRead(channel, inviter);
        if (!channel.Members.TryGetValue(inviter.Id, out var role) || (channel.Broadcast && role.Role == MemberRole.Member))
            throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
        var invited = new List<UserAccount>();
        foreach (var inputUser in users ?? [])
        {
            var user = ResolveUser(inviter, inputUser);
            if (!channel.Members.ContainsKey(user.Id) && !invited.Contains(user))
                invited.Add(user);
        }
        if (invited.Count == 0)
            throw WorldErrors.Bad("USER_ALREADY_PARTICIPANT");
        var answer = AddMembers(channel, inviter, invited, caller.Session);
        return new T.Messages.InvitedUsers { Updates = answer, MissingInvitees = [] };
    });

    /// <summary>channels.joinChannel (public channels; private ones answer CHANNEL_PRIVATE).</summary>
    public UpdatesBase JoinChannel(Caller caller, InputChannel input) => Locked(() =>
    {
        var user = UserOrThrow(caller.UserId);
        var channel = ResolveChannel(user, input);
        if (channel.Members.ContainsKey(user.Id))
            throw WorldErrors.Bad("USER_ALREADY_PARTICIPANT");
        EnsureCanRead(channel, user);
        return AddMembers(channel, user, [user], caller.Session);
    });

    /// <summary>channels.leaveChannel.</summary>
    public UpdatesBase LeaveChannel(Caller caller, InputChannel input) => Locked(() =>
    {
        var user = UserOrThrow(caller.UserId);
        var channel = ResolveChannel(user, input);
        if (!channel.Members.TryGetValue(user.Id, out var member))
        {
            EnsureCanRead(channel, user);
            throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
        }
        if (member.Role == MemberRole.Creator)
            throw WorldErrors.Bad("USER_CREATOR");
        channel.Members.Remove(user.Id);
        channel.ReadInboxMaxId.Remove(user.Id);
        user.Channels.Remove(channel.Id);
        var date = Now;
        if (channel.Megagroup)
        {
            var message = NewChannelMessage(channel, user.Id, "", null, new T.MessageActionChatDeleteUser { UserId = user.Id }, null);
            Broadcast(channel, ChannelEvent.NewMessage, message, [], null, null, null, null);
        }
        var updates = new List<Update> { new T.UpdateChannel { ChannelId = channel.Id } };
        PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id)];
        if (user.IsBot)
            updates.Add(BotChannelMembership(user, channel, user.Id, date, member, null, refs));
        var container = Container(user, [.. updates], refs);
        Push(user, container, caller.Session, null, 1, 0);
        return container;
    });

    /// <summary>channels.getMessages.</summary>
    public Tl.Abcs.Messages.Messages GetChannelMessages(Caller caller, InputChannel input, InputMessage[] ids) => Locked<Tl.Abcs.Messages.Messages>(() =>
    {
        var viewer = UserOrThrow(caller.UserId);
        var channel = ResolveChannel(viewer, input);
        EnsureCanRead(channel, viewer);
        var messages = new List<Message>();
        var refs = new List<PeerKey> { new(PeerKind.Channel, channel.Id) };
        foreach (var inputMessage in ids ?? [])
        {
            var id = inputMessage switch
            {
                T.InputMessageID m => m.Id,
                T.InputMessageReplyTo r => channel.Messages.TryGetValue(r.Id, out var replying) ? replying.ReplyToId ?? 0 : 0,
                _ => 0,
            };
            if (channel.Messages.TryGetValue(id, out var message))
            {
                messages.Add(ChannelMessageView(channel, message, viewer.Id));
                refs.Add(new PeerKey(PeerKind.User, message.FromId));
            }
            else
            {
                messages.Add(new T.MessageEmpty { Id = id, PeerId = new T.PeerChannel { ChannelId = channel.Id } });
            }
        }
        var (users, chats) = Entities(viewer, refs);
        return new T.Messages.ChannelMessages { Pts = channel.Pts, Count = messages.Count, Messages = [.. messages], Topics = [], Chats = chats, Users = users };
    });

    /// <summary>channels.readHistory: updateReadChannelInbox (a seq update) to every session of the reader.</summary>
    public bool ReadChannelHistory(Caller caller, InputChannel input, int maxId) => Locked(() =>
    {
        var reader = UserOrThrow(caller.UserId);
        var channel = ResolveChannel(reader, input);
        EnsureCanRead(channel, reader);
        if (!channel.Members.ContainsKey(reader.Id) || channel.Messages.Count == 0)
            return true;
        var top = channel.Messages.Keys.Max();
        var upTo = maxId <= 0 ? top : Math.Min(maxId, top);
        if (upTo <= channel.ReadInboxMaxId.GetValueOrDefault(reader.Id))
            return true;
        channel.ReadInboxMaxId[reader.Id] = upTo;
        var stillUnread = channel.Messages.Values.Count(m => m.Id > upTo && m.FromId != reader.Id);
        var update = new T.UpdateReadChannelInbox { ChannelId = channel.Id, MaxId = upTo, StillUnreadCount = stillUnread, Pts = channel.Pts };
        Truth(reader.Id, "updateReadChannelInbox", 0, 0, channel.Id, upTo);
        Push(reader, Container(reader, [update], [new PeerKey(PeerKind.Channel, channel.Id)]), null, null, 1, 0);
        return true;
    });

    /// <summary>channels.deleteMessages: one channel pts per deleted message, for every member.</summary>
    public Tl.Abcs.Messages.AffectedMessages DeleteChannelMessages(Caller caller, InputChannel input, int[] ids) => Locked<Tl.Abcs.Messages.AffectedMessages>(() =>
    {
        var account = UserOrThrow(caller.UserId);
        var channel = ResolveChannel(account, input);
        EnsureCanRead(channel, account);
        var role = channel.Members.TryGetValue(account.Id, out var member) ? member.Role : (MemberRole?)null;
        var found = new List<int>();
        foreach (var id in (ids ?? []).Distinct().Order())
        {
            if (!channel.Messages.TryGetValue(id, out var message))
                continue;
            if (role is null || (message.FromId != account.Id && role == MemberRole.Member))
                throw WorldErrors.Forbidden("MESSAGE_DELETE_FORBIDDEN");
            found.Add(id);
        }
        if (found.Count == 0)
            return new T.Messages.AffectedMessages { Pts = channel.Pts, PtsCount = 0 };
        foreach (var id in found)
            channel.Messages.Remove(id);
        Broadcast(channel, ChannelEvent.DeleteMessages, null, [.. found], account, caller.Session, null, null);
        return new T.Messages.AffectedMessages { Pts = channel.Pts, PtsCount = found.Count };
    });

    // ---- helpers (under the lock) ----

    private UpdatesBase SendToChannel(Caller caller, UserAccount sender, ChannelRecord channel, string text, MessageEntity[]? entities, int? replyId, long randomId)
    {
        EnsureCanRead(channel, sender);
        if (!channel.Members.TryGetValue(sender.Id, out var member) || (channel.Broadcast && member.Role == MemberRole.Member))
            throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
        var reply = replyId is { } r && channel.Messages.ContainsKey(r) ? r : (int?)null;
        var message = NewChannelMessage(channel, sender.Id, text, entities, null, reply);
        channel.ReadInboxMaxId[sender.Id] = message.Id;
        return Broadcast(channel, ChannelEvent.NewMessage, message, [], sender, caller.Session,
            new T.UpdateMessageID { Id = message.Id, RandomId = randomId }, null)!;
    }

    private UpdatesBase EditChannelMessage(Caller caller, UserAccount editor, ChannelRecord channel, int id, string text, MessageEntity[]? entities)
    {
        EnsureCanRead(channel, editor);
        if (!channel.Messages.TryGetValue(id, out var message) || message.Action is not null)
            throw WorldErrors.MessageIdInvalid;
        var role = channel.Members.TryGetValue(editor.Id, out var member) ? member.Role : (MemberRole?)null;
        if (message.FromId != editor.Id && !(channel.Broadcast && role is MemberRole.Admin or MemberRole.Creator))
            throw WorldErrors.Forbidden("MESSAGE_AUTHOR_REQUIRED");
        if (message.Text == text && SameEntities(message.Entities, entities))
            throw WorldErrors.Bad("MESSAGE_NOT_MODIFIED");
        message.Text = text;
        message.Entities = entities;
        message.EditDate = Now;
        var answer = Broadcast(channel, ChannelEvent.EditMessage, message, [], editor, caller.Session, null, null);
        return answer ?? Container(editor, [ChannelUpdate(channel, ChannelEvent.EditMessage, message, [], channel.Pts, 1, editor.Id)], [new PeerKey(PeerKind.Channel, channel.Id)]);
    }

    private ChannelMessage NewChannelMessage(ChannelRecord channel, long fromId, string text, MessageEntity[]? entities, MessageAction? action, int? replyId)
    {
        var message = new ChannelMessage
        {
            Id = channel.NextMessageId++,
            FromId = fromId,
            Date = Now,
            Text = text,
            Entities = entities,
            Action = action,
            ReplyToId = replyId,
        };
        channel.Messages[message.Id] = message;
        return message;
    }

    /// <summary>Adds members (the actor invites them, or joins itself); supergroups get a messageActionChatAddUser.</summary>
    private UpdatesBase AddMembers(ChannelRecord channel, UserAccount actor, List<UserAccount> users, SessionKey? exclude)
    {
        var date = Now;
        var top = channel.Messages.Count > 0 ? channel.Messages.Keys.Max() : 0;
        foreach (var user in users)
        {
            channel.Members[user.Id] = new MemberInfo(actor.Id, date, MemberRole.Member);
            channel.ReadInboxMaxId[user.Id] = top;
            user.Channels.Add(channel.Id);
        }
        var joined = users.Select(u => u.Id).ToHashSet();
        PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id)];
        Update[] Extra(UserAccount member)
        {
            var extra = new List<Update>();
            if (joined.Contains(member.Id) || member.Id == actor.Id)
                extra.Add(new T.UpdateChannel { ChannelId = channel.Id });
            if (member.IsBot && joined.Contains(member.Id))
                extra.Add(BotChannelMembership(member, channel, actor.Id, date, null, channel.Members[member.Id], refs));
            return [.. extra];
        }
        if (channel.Megagroup)
        {
            var message = NewChannelMessage(channel, actor.Id, "", null, new T.MessageActionChatAddUser { Users = [.. users.Select(u => u.Id)] }, null);
            foreach (var user in users)
                channel.ReadInboxMaxId[user.Id] = message.Id;
            return Broadcast(channel, ChannelEvent.NewMessage, message, [], actor, exclude, null, Extra)!;
        }
        UpdatesBase? answer = null;
        foreach (var member in MembersInOrder(joined.Append(actor.Id).Distinct(), actor.Id))
        {
            var container = Container(member, Extra(member), refs);
            Push(member, container, member.Id == actor.Id ? exclude : null, null, 1, 0);
            if (member.Id == actor.Id)
                answer = container;
        }
        return answer!;
    }

    private T.UpdateChannelParticipant BotChannelMembership(UserAccount bot, ChannelRecord channel, long actorId, int date, MemberInfo? before, MemberInfo? after, PeerKey[] refs)
    {
        bot.Qts++;
        var update = new T.UpdateChannelParticipant
        {
            ChannelId = channel.Id,
            Date = date,
            ActorId = actorId,
            UserId = bot.Id,
            PrevParticipant = before is null ? null : new T.ChannelParticipant { UserId = bot.Id, Date = before.Date },
            NewParticipant = after is null ? null : new T.ChannelParticipant { UserId = bot.Id, Date = after.Date },
            Qts = bot.Qts,
        };
        LogQts(bot, update, refs);
        Truth(bot.Id, "updateChannelParticipant", 0, 0, channel.Id, null, bot.Qts);
        return update;
    }

    /// <summary>
    /// Advances the channel pts for one event, logs it and pushes it to every member (the actor's
    /// calling session left out); returns the actor's container, or null when the actor is not a member.
    /// </summary>
    private UpdatesBase? Broadcast(ChannelRecord channel, ChannelEvent kind, ChannelMessage? message, int[] ids, UserAccount? actor,
        SessionKey? exclude, Update? actorFirst, Func<UserAccount, Update[]>? extra)
    {
        var count = kind == ChannelEvent.DeleteMessages ? ids.Length : 1;
        channel.Pts += count;
        AddChannelEntry(channel, new ChannelLogEntry(channel.Pts, count, kind, message?.Snapshot(), ids));
        var channelPeer = new PeerKey(PeerKind.Channel, channel.Id);
        UpdatesBase? answer = null;
        foreach (var member in MembersInOrder(channel.Members.Keys, actor?.Id ?? 0))
        {
            var isActor = member.Id == actor?.Id;
            var updates = new List<Update>();
            if (isActor && actorFirst is not null)
                updates.Add(actorFirst);
            if (extra is not null)
                updates.AddRange(extra(member));
            updates.Add(ChannelUpdate(channel, kind, message, ids, channel.Pts, count, member.Id));
            Truth(member.Id, ChannelKindName(kind), channel.Pts, count, channel.Id, message?.Id ?? ids[0]);
            PeerKey[] refs = message is null ? [channelPeer] : [channelPeer, new PeerKey(PeerKind.User, message.FromId)];
            var container = Container(member, [.. updates], refs);
            Push(member, container, isActor ? exclude : null, channel.Id, channel.Pts - count + 1, channel.Pts);
            if (isActor)
                answer = container;
        }
        return answer;
    }

    private static string ChannelKindName(ChannelEvent kind) => kind switch
    {
        ChannelEvent.NewMessage => "updateNewChannelMessage",
        ChannelEvent.EditMessage => "updateEditChannelMessage",
        _ => "updateDeleteChannelMessages",
    };

    private static Update ChannelUpdate(ChannelRecord channel, ChannelEvent kind, ChannelMessage? message, int[] ids, int pts, int count, long viewerId) => kind switch
    {
        ChannelEvent.NewMessage => new T.UpdateNewChannelMessage { Message = ChannelMessageView(channel, message!, viewerId), Pts = pts, PtsCount = count },
        ChannelEvent.EditMessage => new T.UpdateEditChannelMessage { Message = ChannelMessageView(channel, message!, viewerId), Pts = pts, PtsCount = count },
        _ => new T.UpdateDeleteChannelMessages { ChannelId = channel.Id, Messages = ids, Pts = pts, PtsCount = count },
    };
}
