using Telethon.Tl.Abcs;
using FCh = Telethon.Tl.Functions.Channels;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class ChatsService
{
    // ---- channels.editAdmin ----

    /// <summary>
    /// channels.editAdmin: promotes a member (rights and title) or demotes an admin (no rights). Only the
    /// creator, or an admin with add_admins, may; such an admin grants only rights it has itself and edits
    /// only the admins it promoted; the creator may edit itself only to set its title. The user and the
    /// promoter get updateChannelParticipant (a qts update each),
    /// the user also updateChannel; the admin log records the change.
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_INVALID, CHANNEL_PRIVATE, USER_ID_INVALID, CHAT_ADMIN_REQUIRED, USER_NOT_PARTICIPANT, USER_CREATOR, RIGHT_FORBIDDEN, ADMIN_RANK_INVALID, ADMIN_RANK_EMOJI_NOT_ALLOWED.</exception>
    public UpdatesBase EditAdmin(Caller caller, FCh.EditAdmin request)
    {
        var actorId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(actorId, request.Channel);
        var userId = _world.Peers.ResolveUser(actorId, request.UserId);
        var wanted = ChatRights.Flags(request.AdminRights as T.ChatAdminRights);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, actorId);
            var isCreator = channel.CreatorId == actorId;
            var actorRights = ChatRights.Flags(RightsOf(channel, actorId));
            if (!isCreator && (actorRights & ChatRights.AddAdmins) == 0)
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            if (!channel.Members.TryGetValue(userId, out var before))
                throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
            if (before.Role == MemberRole.Creator && userId != actorId)
                throw WorldErrors.Bad("USER_CREATOR");
            if (before.Role == MemberRole.Admin && !CanEditAdmin(channel, actorId, before))
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            if (!isCreator && (wanted & ~actorRights) != 0)
                throw WorldErrors.Forbidden("RIGHT_FORBIDDEN");
            var rank = wanted == 0 && before.Role != MemberRole.Creator ? null : ChatRights.CheckRank(request.Rank);
            var after = (before.Role, wanted) switch
            {
                (MemberRole.Creator, _) => before with { Rank = rank },
                (_, 0) => before with { Role = MemberRole.Member, AdminRights = null, PromotedBy = null, Rank = null },
                _ => before with { Role = MemberRole.Admin, AdminRights = ChatRights.Admin(wanted), PromotedBy = actorId, Rank = rank, BannedRights = null, KickedBy = 0 },
            };
            var prevView = ParticipantView(channel, userId, before, 0);
            channel.Members[userId] = after;
            var newView = ParticipantView(channel, userId, after, 0);
            LogAdminActionLocked(channel, actorId, new T.ChannelAdminLogEventActionParticipantToggleAdmin { PrevParticipant = prevView, NewParticipant = newView }, [userId]);
            return ParticipantChanged(channel, actorId, userId, prevView, newView, caller.Session);
        }
    }

    // ---- channels.editBanned ----

    /// <summary>
    /// channels.editBanned: restricts a member (banned rights until a date), kicks (view_messages: the user
    /// leaves and may not come back while it lasts; supergroups get a messageActionChatDeleteUser), or lifts
    /// both (no rights). Needs the creator or an admin with ban_users; admins cannot be restricted.
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_INVALID, CHANNEL_PRIVATE, PEER_ID_INVALID, CHAT_ADMIN_REQUIRED, USER_ADMIN_INVALID, USER_NOT_PARTICIPANT.</exception>
    public UpdatesBase EditBanned(Caller caller, FCh.EditBanned request)
    {
        var actorId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(actorId, request.Channel);
        var target = _world.Peers.ResolvePeer(actorId, request.Participant);
        var requested = request.BannedRights as T.ChatBannedRights;
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, actorId);
            RequireBanRights(channel, actorId);
            if (target.Kind != PeerKind.User)
                throw WorldErrors.PeerIdInvalid;
            var userId = target.Id;
            var now = Now;
            channel.Members.TryGetValue(userId, out var member);
            if (member is not null && member.Role != MemberRole.Member)
                throw WorldErrors.Bad("USER_ADMIN_INVALID");
            var flags = ChatRights.Flags(requested);
            var kicked = channel.Kicked.TryGetValue(userId, out var k) && ChatRights.IsActive(k.BannedRights, now) ? k : null;
            var kick = (flags & ChatRights.ViewMessages) != 0;
            if (member is null && kicked is null && !kick)
                throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
            var stored = flags == 0 ? null : ChatRights.Banned(flags, ChatRights.NormalizeUntil(requested!.UntilDate, now));
            ChannelParticipant prevView = member is not null ? ParticipantView(channel, userId, member, 0)
                : kicked is not null ? KickedView(userId, kicked)
                : new T.ChannelParticipantLeft { Peer = new T.PeerUser { UserId = userId } };
            ChannelParticipant newView;
            if (kick)
            {
                var info = (member ?? kicked ?? new MemberInfo(actorId, now, MemberRole.Member)) with { BannedRights = stored, KickedBy = actorId };
                channel.Kicked[userId] = info;
                newView = KickedView(userId, info);
                LogAdminActionLocked(channel, actorId, new T.ChannelAdminLogEventActionParticipantToggleBan { PrevParticipant = prevView, NewParticipant = newView }, [userId]);
                if (member is not null)
                {
                    channel.Members.Remove(userId);
                    channel.ReadInboxMaxId.Remove(userId);
                    ChannelsOf(userId).Remove(channel.Id);
                    if (channel.Megagroup)
                        return KickFromSupergroup(channel, actorId, userId, prevView, newView, caller.Session);
                }
                return ParticipantChanged(channel, actorId, userId, prevView, newView, caller.Session);
            }
            if (member is not null)
            {
                var info = member with { BannedRights = stored, KickedBy = stored is null ? 0 : actorId };
                channel.Members[userId] = info;
                newView = ParticipantView(channel, userId, info, 0);
            }
            else
            {
                // Lifting a kick (or a restriction without view_messages on a kicked user): the user is simply gone.
                channel.Kicked.Remove(userId);
                newView = new T.ChannelParticipantLeft { Peer = new T.PeerUser { UserId = userId } };
            }
            LogAdminActionLocked(channel, actorId, new T.ChannelAdminLogEventActionParticipantToggleBan { PrevParticipant = prevView, NewParticipant = newView }, [userId]);
            return ParticipantChanged(channel, actorId, userId, prevView, newView, caller.Session);
        }
    }

    /// <summary>A kick from a supergroup: the service message goes to the members left (the admin's answer carries it and its own qts update), the user gets updateChannel and its qts update.</summary>
    private UpdatesBase KickFromSupergroup(ChannelRecord channel, long actorId, long userId, ChannelParticipant prevView, ChannelParticipant newView, SessionKey exclude)
    {
        var date = Now;
        PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id), new PeerKey(PeerKind.User, actorId), new PeerKey(PeerKind.User, userId)];
        var message = NewChannelMessage(channel, actorId, "", null, new T.MessageActionChatDeleteUser { UserId = userId }, null);
        var answer = Broadcast(channel, ChannelEvent.NewMessage, message, [], actorId, exclude, null,
            stream => stream.Id == actorId ? [ParticipantUpdate(stream, channel.Id, actorId, userId, prevView, newView, date, refs)] : [])!;
        var views = _world.Peers.Views(userId, refs);
        using (_world.Updates.Hold())
        {
            var stream = _world.Updates.Stream(userId);
            var update = ParticipantUpdate(stream, channel.Id, actorId, userId, prevView, newView, date, refs);
            stream.Push(stream.Container([new T.UpdateChannel { ChannelId = channel.Id }, update], refs, views), null, null, 1, 0);
        }
        return answer;
    }

    // ---- messages.editChatAdmin ----

    /// <summary>
    /// messages.editChatAdmin: the creator of a small group makes a member an admin or takes it back; the
    /// chat's version grows and every member gets updateChatParticipantAdmin.
    /// </summary>
    /// <exception cref="RpcError">CHAT_ID_INVALID, USER_ID_INVALID, CHAT_ADMIN_REQUIRED, USER_NOT_PARTICIPANT, USER_CREATOR.</exception>
    public bool EditChatAdmin(Caller caller, FM.EditChatAdmin request)
    {
        var actorId = _world.Peers.RequireUser(caller.UserId);
        var userId = _world.Peers.ResolveUser(actorId, request.UserId);
        using (_gate.Enter())
        {
            if (!_chats.TryGetValue(request.ChatId, out var group) || !(group.Members.ContainsKey(actorId) || group.Former.Contains(actorId)))
                throw WorldErrors.Bad("CHAT_ID_INVALID");
            if (group.CreatorId != actorId || !group.Members.ContainsKey(actorId))
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            if (!group.Members.TryGetValue(userId, out var member))
                throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
            if (member.Role == MemberRole.Creator)
                throw WorldErrors.Bad("USER_CREATOR");
            if ((member.Role == MemberRole.Admin) == request.IsAdmin)
                return true;
            group.Members[userId] = member with { Role = request.IsAdmin ? MemberRole.Admin : MemberRole.Member };
            group.Version++;
            var update = new T.UpdateChatParticipantAdmin { ChatId = group.Id, UserId = userId, IsAdmin = request.IsAdmin, Version = group.Version };
            PushToAll(InOrder(group.Members.Keys, actorId), actorId, null, [new PeerKey(PeerKind.Chat, group.Id), new PeerKey(PeerKind.User, userId)], update, "updateChatParticipantAdmin", null);
            return true;
        }
    }

    // ---- messages.editChatDefaultBannedRights ----

    /// <summary>
    /// messages.editChatDefaultBannedRights: the rights no ordinary member has, in a small group (its creator
    /// or admins) or a channel (the creator or admins with ban_users). Every member gets
    /// updateChatDefaultBannedRights; sending then checks them.
    /// </summary>
    /// <exception cref="RpcError">PEER_ID_INVALID, CHANNEL_INVALID, CHANNEL_PRIVATE, BANNED_RIGHTS_INVALID, CHAT_ADMIN_REQUIRED, CHAT_NOT_MODIFIED.</exception>
    public UpdatesBase EditChatDefaultBannedRights(Caller caller, FM.EditChatDefaultBannedRights request)
    {
        var actorId = _world.Peers.RequireUser(caller.UserId);
        var target = _world.Peers.ResolvePeer(actorId, request.Peer);
        var flags = ChatRights.Flags(request.BannedRights as T.ChatBannedRights);
        if ((flags & ChatRights.ViewMessages) != 0)
            throw WorldErrors.Bad("BANNED_RIGHTS_INVALID");
        var rights = ChatRights.Banned(flags, 0);
        using (_gate.Enter())
        {
            switch (target.Kind)
            {
                case PeerKind.Chat:
                {
                    var group = _chats[target.Id];
                    if (!group.Members.TryGetValue(actorId, out var member) || member.Role == MemberRole.Member)
                        throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
                    if (ChatRights.Flags(group.DefaultBannedRights) == flags)
                        throw WorldErrors.Bad("CHAT_NOT_MODIFIED");
                    group.DefaultBannedRights = rights;
                    group.Version++;
                    var update = new T.UpdateChatDefaultBannedRights { Peer = target.ToPeer(), DefaultBannedRights = rights, Version = group.Version };
                    return PushToAll(InOrder(group.Members.Keys, actorId), actorId, caller.Session, [target], update, "updateChatDefaultBannedRights", null)!;
                }
                case PeerKind.Channel:
                {
                    var channel = _channels[target.Id];
                    EnsureCanRead(channel, actorId);
                    RequireBanRights(channel, actorId);
                    var previous = channel.DefaultBannedRights ?? ChatRights.Banned(0, 0);
                    if (ChatRights.Flags(previous) == flags)
                        throw WorldErrors.Bad("CHAT_NOT_MODIFIED");
                    channel.DefaultBannedRights = rights;
                    LogAdminActionLocked(channel, actorId, new T.ChannelAdminLogEventActionDefaultBannedRights { PrevBannedRights = previous, NewBannedRights = rights }, []);
                    var update = new T.UpdateChatDefaultBannedRights { Peer = target.ToPeer(), DefaultBannedRights = rights, Version = 0 };
                    return PushToAll(InOrder(channel.Members.Keys, actorId), actorId, caller.Session, [target], update, "updateChatDefaultBannedRights", channel.Id)!;
                }
                default:
                    throw WorldErrors.PeerIdInvalid;
            }
        }
    }

    // ---- send checks (one call from each send path) ----

    /// <summary>
    /// Whether <paramref name="senderId"/> may send a text message to the small group: ordinary members are
    /// held to the group's default banned rights (the creator and admins are not).
    /// </summary>
    /// <exception cref="RpcError">403 CHAT_WRITE_FORBIDDEN (send_messages taken) or CHAT_SEND_PLAIN_FORBIDDEN (send_plain taken).</exception>
    public void CheckGroupSend(long chatId, long senderId)
    {
        using (_gate.Enter())
        {
            if (_chats.TryGetValue(chatId, out var group) && group.Members.TryGetValue(senderId, out var member) && member.Role == MemberRole.Member)
                CheckTextAllowed(ChatRights.Flags(group.DefaultBannedRights));
        }
    }

    /// <summary>The channel's send check for an ordinary member: its own restriction (while in force) and the default banned rights.</summary>
    private void CheckSendRights(ChannelRecord channel, long senderId)
    {
        if (!channel.Members.TryGetValue(senderId, out var member) || member.Role != MemberRole.Member)
            return;
        var own = ChatRights.IsActive(member.BannedRights, Now) ? ChatRights.Flags(member.BannedRights) : 0;
        CheckTextAllowed(own | ChatRights.Flags(channel.DefaultBannedRights));
    }

    private static void CheckTextAllowed(uint taken)
    {
        if ((taken & ChatRights.SendMessages) != 0)
            throw WorldErrors.Forbidden("CHAT_WRITE_FORBIDDEN");
        if ((taken & ChatRights.SendPlain) != 0)
            throw WorldErrors.Forbidden("CHAT_SEND_PLAIN_FORBIDDEN");
    }

    /// <summary>A kicked user comes back only through an admin who may ban (inviting lifts the kick).</summary>
    /// <exception cref="RpcError">USER_KICKED.</exception>
    private void CheckInvitee(ChannelRecord channel, long inviterId, long userId)
    {
        if (channel.Kicked.TryGetValue(userId, out var kicked) && ChatRights.IsActive(kicked.BannedRights, Now)
            && channel.CreatorId != inviterId && (ChatRights.Flags(RightsOf(channel, inviterId)) & ChatRights.BanUsers) == 0)
            throw WorldErrors.Bad("USER_KICKED");
    }

    // ---- pushing (under the lock) ----

    /// <summary>
    /// A participant's status changed: the user gets updateChannel and updateChannelParticipant, the actor
    /// updateChannelParticipant (each numbered with its own qts); returns the actor's container.
    /// </summary>
    private UpdatesBase ParticipantChanged(ChannelRecord channel, long actorId, long userId, ChannelParticipant? before, ChannelParticipant? after, SessionKey exclude)
    {
        var date = Now;
        PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id), new PeerKey(PeerKind.User, actorId), new PeerKey(PeerKind.User, userId)];
        long[] told = actorId == userId ? [actorId] : [userId, actorId];
        var views = _world.Peers.Views(told, refs);
        UpdatesBase? answer = null;
        using (_world.Updates.Hold())
        {
            foreach (var accountId in told)
            {
                var stream = _world.Updates.Stream(accountId);
                var updates = new List<Update>();
                if (accountId == userId)
                    updates.Add(new T.UpdateChannel { ChannelId = channel.Id });
                updates.Add(ParticipantUpdate(stream, channel.Id, actorId, userId, before, after, date, refs));
                var container = stream.Container([.. updates], refs, views[accountId]);
                stream.Push(container, accountId == actorId ? exclude : null, null, 1, 0);
                if (accountId == actorId)
                    answer = container;
            }
        }
        return answer!;
    }

    /// <summary>updateChannelParticipant for one account: numbers it with the account's next qts, logs and records it; needs the updates lock.</summary>
    private static T.UpdateChannelParticipant ParticipantUpdate(AccountStream stream, long channelId, long actorId, long userId, ChannelParticipant? before, ChannelParticipant? after, int date, PeerKey[] refs)
    {
        var qts = stream.NextQts();
        var update = new T.UpdateChannelParticipant
        {
            ChannelId = channelId,
            Date = date,
            ActorId = actorId,
            UserId = userId,
            PrevParticipant = before,
            NewParticipant = after,
            Qts = qts,
        };
        stream.LogQts(update, refs);
        stream.Truth("updateChannelParticipant", 0, 0, channelId, null, qts);
        return update;
    }

    /// <summary>
    /// The same update (without pts) to every account in <paramref name="accounts"/>, each in its own container
    /// (recorded as ground truth); the actor's calling session is left out. Returns the actor's container.
    /// </summary>
    private UpdatesBase? PushToAll(List<long> accounts, long actorId, SessionKey? exclude, PeerKey[] refs, Update update, string kind, long? channelId)
    {
        var views = _world.Peers.Views(accounts, refs);
        UpdatesBase? answer = null;
        using (_world.Updates.Hold())
        {
            foreach (var accountId in accounts)
            {
                var stream = _world.Updates.Stream(accountId);
                stream.Truth(kind, 0, 0, channelId, null);
                var container = stream.Container([update], refs, views[accountId]);
                stream.Push(container, accountId == actorId ? exclude : null, null, 1, 0);
                if (accountId == actorId)
                    answer = container;
            }
        }
        return answer;
    }
}
