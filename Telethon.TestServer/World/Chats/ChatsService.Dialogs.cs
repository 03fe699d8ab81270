using Telethon.Tl.Abcs;
using FCh = Telethon.Tl.Functions.Channels;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class ChatsService
{
    // ---- small groups: a member leaves or is removed (messages.deleteChatUser, for the messages service) ----

    /// <summary>
    /// Removes <paramref name="userId"/> from a small group, by itself (leaving) or by
    /// <paramref name="actorId"/>: the creator, an administrator or whoever invited the user may remove
    /// a member (never the creator). Bumps the group's version.
    /// </summary>
    /// <exception cref="RpcError">CHAT_ID_INVALID, USER_NOT_PARTICIPANT or CHAT_ADMIN_REQUIRED.</exception>
    public RemovedGroupMember RemoveGroupMember(long chatId, long actorId, long userId)
    {
        using (_gate.Enter())
        {
            if (!_chats.TryGetValue(chatId, out var group) || !(group.Members.ContainsKey(actorId) || group.Former.Contains(actorId)))
                throw WorldErrors.Bad("CHAT_ID_INVALID");
            if (!group.Members.TryGetValue(userId, out var member))
                throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
            if (userId != actorId)
            {
                var actor = group.Members.GetValueOrDefault(actorId);
                var allowed = actor is not null && member.Role != MemberRole.Creator
                    && (actor.Role is MemberRole.Creator or MemberRole.Admin || member.InviterId == actorId);
                if (!allowed)
                    throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            }
            group.Members.Remove(userId);
            group.Former.Add(userId);
            group.Version++;
            return new RemovedGroupMember(member, [.. group.Members.Keys]);
        }
    }

    // ---- channels.deleteHistory ----

    /// <summary>
    /// channels.deleteHistory of a supergroup: for the caller, the messages up to max_id (all when 0)
    /// are hidden from then on (its available_min_id; updateChannelAvailableMessages answers and goes to
    /// its other sessions). With for_everyone an administrator with the right to delete deletes them for
    /// every member instead (updateDeleteChannelMessages, one channel pts per message).
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_INVALID (also for broadcast channels), CHANNEL_PRIVATE, CHANNEL_PARICIPANT_MISSING or CHAT_ADMIN_REQUIRED.</exception>
    public UpdatesBase DeleteChannelHistory(Caller caller, FCh.DeleteHistory request)
    {
        var userId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(userId, request.Channel);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, userId);
            if (channel.Broadcast)
                throw WorldErrors.ChannelInvalid;
            // Telegram's own spelling of the error.
            if (!channel.Members.TryGetValue(userId, out var member))
                throw WorldErrors.Bad("CHANNEL_PARICIPANT_MISSING");
            var top = channel.Messages.Count > 0 ? channel.Messages.Keys.Max() : 0;
            var upTo = request.MaxId <= 0 ? top : Math.Min(request.MaxId, top);
            PeerKey[] refs = [new PeerKey(PeerKind.Channel, channel.Id)];
            if (request.ForEveryone)
            {
                if (member.Role == MemberRole.Member || member.AdminRights is { DeleteMessages: false })
                    throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
                int[] ids = [.. channel.Messages.Keys.Where(id => id <= upTo)];
                foreach (var id in ids)
                    channel.Messages.Remove(id);
                if (ids.Length > 0)
                    return Broadcast(channel, ChannelEvent.DeleteMessages, null, ids, userId, caller.Session, null, null)!;
                var none = _world.Peers.Views(userId, refs);
                using (_world.Updates.Hold())
                    return _world.Updates.Stream(userId).Container([], refs, none);
            }
            var hidden = Math.Max(channel.AvailableMinId.GetValueOrDefault(userId), upTo);
            channel.AvailableMinId[userId] = hidden;
            var update = new T.UpdateChannelAvailableMessages { ChannelId = channel.Id, AvailableMinId = hidden };
            var views = _world.Peers.Views(userId, refs);
            using (_world.Updates.Hold())
            {
                var stream = _world.Updates.Stream(userId);
                stream.Truth("updateChannelAvailableMessages", 0, 0, channel.Id, hidden);
                var container = stream.Container([update], refs, views);
                stream.Push(container, caller.Session, null, 1, 0);
                return container;
            }
        }
    }

    // ---- messages.getChats / channels.getChannels ----

    /// <summary>messages.getChats: small groups by id, for their members and former members.</summary>
    /// <exception cref="RpcError">CHAT_ID_INVALID.</exception>
    public Tl.Abcs.Messages.Chats GetChats(Caller caller, FM.GetChats request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        var refs = new List<PeerKey>();
        using (_gate.Enter())
        {
            foreach (var id in request.Id ?? [])
            {
                if (!_chats.TryGetValue(id, out var group) || !(group.Members.ContainsKey(viewerId) || group.Former.Contains(viewerId)))
                    throw WorldErrors.Bad("CHAT_ID_INVALID");
                refs.Add(new PeerKey(PeerKind.Chat, id));
            }
            return new T.Messages.Chats { ChatsValue = ChatViewsLocked(viewerId, [.. refs.Distinct()]) };
        }
    }

    /// <summary>
    /// channels.getChannels: channels by input channel; members and anyone for public ones get the
    /// channel, others (a private channel they are not in) get channelForbidden.
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_INVALID (unknown channel or wrong access hash).</exception>
    public Tl.Abcs.Messages.Chats GetChannels(Caller caller, FCh.GetChannels request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        var ids = new List<long>();
        foreach (var input in request.Id ?? [])
            ids.Add(_world.Peers.ResolveChannel(viewerId, input));
        using (_gate.Enter())
        {
            var chats = new List<Chat>();
            foreach (var id in ids.Distinct())
            {
                var channel = _channels[id];
                if (channel.Members.ContainsKey(viewerId) || channel.Username is not null)
                {
                    chats.Add(ChannelView(channel, viewerId));
                    continue;
                }
                chats.Add(new T.ChannelForbidden
                {
                    Id = channel.Id,
                    AccessHash = _world.Peers.AccessHash(viewerId, new PeerKey(PeerKind.Channel, channel.Id)),
                    Title = channel.Title,
                    Broadcast = channel.Broadcast,
                    Megagroup = channel.Megagroup,
                });
            }
            return new T.Messages.Chats { ChatsValue = [.. chats] };
        }
    }
}

/// <summary>A member just removed from a small group.</summary>
/// <param name="Member">What the member was (role, inviter, date).</param>
/// <param name="Remaining">The members left.</param>
internal sealed record RemovedGroupMember(MemberInfo Member, long[] Remaining);
