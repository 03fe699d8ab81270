using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// Chats and channels: small groups and their members (their messages live in the members' boxes,
/// see <see cref="MessagesService"/>), supergroups and broadcast channels with their members, messages,
/// read marks, pts and update log. Third in the lock order: under its lock it calls the peers service
/// (views, usernames) and the updates service (pushes); it resolves input peers before taking it.
/// </summary>
/// <remarks>
/// A channel event advances the channel's pts and appends to its log under this lock, then numbers and
/// pushes the members' updates under the updates lock, still holding this one: so every member gets a
/// channel's updates in pts order.
/// </remarks>
internal sealed partial class ChatsService
{
    /// <summary>The longest channel description accepted.</summary>
    public const int AboutLengthMax = 255;

    private const long FirstChatId = 2_000_001;
    private const long FirstChannelId = 3_000_001;

    private readonly TelegramWorld _world;
    private readonly ServiceLock _gate;
    private readonly Dictionary<long, BasicGroup> _chats = [];
    private readonly Dictionary<long, ChannelRecord> _channels = [];
    private readonly Dictionary<long, HashSet<long>> _channelsOf = [];
    private long _nextChatId = FirstChatId;
    private long _nextChannelId = FirstChannelId;

    public ChatsService(TelegramWorld world)
    {
        _world = world;
        _gate = new ServiceLock(LockRank.Chats, world.Deliver);
    }

    private int Now => _world.Now;

    // ---- small groups (for the messages service) ----

    /// <summary>Creates a small group: the creator, then <paramref name="memberIds"/> (in that order).</summary>
    /// <exception cref="RpcError">CHAT_TITLE_EMPTY.</exception>
    public NewGroup CreateGroup(long creatorId, IReadOnlyList<long> memberIds, string title, int date)
    {
        if (string.IsNullOrWhiteSpace(title))
            throw WorldErrors.Bad("CHAT_TITLE_EMPTY");
        using (_gate.Enter())
        {
            var group = new BasicGroup(_nextChatId++) { Title = title.Trim(), CreatorId = creatorId, Date = date };
            group.Members[creatorId] = new MemberInfo(creatorId, date, MemberRole.Creator);
            foreach (var member in memberIds)
                group.Members[member] = new MemberInfo(creatorId, date, MemberRole.Member);
            _chats[group.Id] = group;
            return new NewGroup(group.Id, group.Title, [.. group.Members.Keys], ParticipantsOf(group));
        }
    }

    /// <summary>The members of a small group (in the order they joined).</summary>
    public long[] GroupMembers(long chatId)
    {
        using (_gate.Enter())
            return [.. _chats[chatId].Members.Keys];
    }

    /// <summary>The creator of a small group.</summary>
    public long GroupCreator(long chatId)
    {
        using (_gate.Enter())
            return _chats[chatId].CreatorId;
    }

    /// <summary>Whether <paramref name="userId"/> is or was a member of the small group (may name it).</summary>
    public bool IsMemberOrFormer(long chatId, long userId)
    {
        using (_gate.Enter())
            return _chats.TryGetValue(chatId, out var group) && (group.Members.ContainsKey(userId) || group.Former.Contains(userId));
    }

    private static T.ChatParticipants ParticipantsOf(BasicGroup group) => new()
    {
        ChatId = group.Id,
        Version = group.Version,
        Participants = group.Members.OrderBy(m => m.Key).Select(m => m.Value.Role switch
        {
            MemberRole.Creator => (ChatParticipant)new T.ChatParticipantCreator { UserId = m.Key },
            MemberRole.Admin => new T.ChatParticipantAdmin { UserId = m.Key, InviterId = m.Value.InviterId, Date = m.Value.Date },
            _ => new T.ChatParticipant { UserId = m.Key, InviterId = m.Value.InviterId, Date = m.Value.Date },
        }).ToArray(),
    };

    // ---- lookups ----

    /// <summary>Whether the small group exists.</summary>
    public bool ChatExists(long chatId)
    {
        using (_gate.Enter())
            return _chats.ContainsKey(chatId);
    }

    /// <summary>Whether the channel exists.</summary>
    public bool ChannelExists(long channelId)
    {
        using (_gate.Enter())
            return _channels.ContainsKey(channelId);
    }

    /// <summary>How many small groups and supergroups both users are members of.</summary>
    public int CommonChatsCount(long userId, long otherId)
    {
        using (_gate.Enter())
        {
            return _chats.Values.Count(g => g.Members.ContainsKey(userId) && g.Members.ContainsKey(otherId))
                + _channels.Values.Count(c => c.Megagroup && c.Members.ContainsKey(userId) && c.Members.ContainsKey(otherId));
        }
    }

    /// <summary>Makes a member an administrator of a channel (with full rights unless given).</summary>
    public void PromoteToAdmin(long channelId, long userId, T.ChatAdminRights? rights)
    {
        using (_gate.Enter())
        {
            if (!_channels.TryGetValue(channelId, out var channel) || !channel.Members.TryGetValue(userId, out var member))
                throw new ArgumentException($"User {userId} is not a member of channel {channelId}.");
            if (member.Role != MemberRole.Creator)
                channel.Members[userId] = member with { Role = MemberRole.Admin, AdminRights = rights };
        }
    }

    private HashSet<long> ChannelsOf(long userId)
    {
        if (!_channelsOf.TryGetValue(userId, out var set))
            _channelsOf[userId] = set = [];
        return set;
    }

    // ---- views ----

    /// <summary>The chats and channels among <paramref name="refs"/> (distinct) as <paramref name="viewerId"/> sees them, in order.</summary>
    public Chat[] ChatViews(long viewerId, PeerKey[] refs)
    {
        using (_gate.Enter())
            return ChatViewsLocked(viewerId, refs);
    }

    /// <summary><see cref="ChatViews(long, PeerKey[])"/> for several viewers.</summary>
    public Dictionary<long, Chat[]> ChatViews(IReadOnlyCollection<long> viewerIds, PeerKey[] refs)
    {
        var views = new Dictionary<long, Chat[]>(viewerIds.Count);
        using (_gate.Enter())
        {
            foreach (var viewerId in viewerIds)
                views[viewerId] = ChatViewsLocked(viewerId, refs);
        }
        return views;
    }

    private Chat[] ChatViewsLocked(long viewerId, PeerKey[] refs)
    {
        var chats = new List<Chat>();
        foreach (var peer in refs)
        {
            switch (peer.Kind)
            {
                case PeerKind.Chat when _chats.TryGetValue(peer.Id, out var g):
                    chats.Add(ChatView(g, viewerId));
                    break;
                case PeerKind.Channel when _channels.TryGetValue(peer.Id, out var c):
                    chats.Add(ChannelView(c, viewerId));
                    break;
            }
        }
        return [.. chats];
    }

    private static T.Chat ChatView(BasicGroup g, long viewerId)
    {
        var member = g.Members.TryGetValue(viewerId, out var info);
        return new T.Chat
        {
            Id = g.Id,
            Title = g.Title,
            Creator = g.CreatorId == viewerId,
            Left = !member,
            Photo = new T.ChatPhotoEmpty(),
            ParticipantsCount = g.Members.Count,
            Date = g.Date,
            Version = g.Version,
            Noforwards = g.Noforwards,
            AdminRights = member && info!.Role != MemberRole.Member ? GroupAdminRights(info.Role) : null,
            DefaultBannedRights = g.DefaultBannedRights,
        };
    }

    private T.Channel ChannelView(ChannelRecord c, long viewerId)
    {
        var member = c.Members.TryGetValue(viewerId, out var info);
        return new T.Channel
        {
            Id = c.Id,
            AccessHash = _world.Peers.AccessHash(viewerId, new PeerKey(PeerKind.Channel, c.Id)),
            Title = c.Title,
            Username = c.Username,
            Broadcast = c.Broadcast,
            Megagroup = c.Megagroup,
            Creator = c.CreatorId == viewerId,
            Left = !member,
            Photo = new T.ChatPhotoEmpty(),
            Date = c.Date,
            ParticipantsCount = c.Members.Count,
            Noforwards = c.Noforwards,
            AdminRights = member && info!.Role != MemberRole.Member ? info.AdminRights ?? FullAdminRights(c.Broadcast) : null,
            BannedRights = member && info!.Role == MemberRole.Member && ChatRights.IsActive(info.BannedRights, Now) ? info.BannedRights : null,
            DefaultBannedRights = c.Megagroup ? c.DefaultBannedRights : null,
        };
    }

    /// <summary>The rights of a small group's creator (all) and admins (all but add_admins).</summary>
    private static T.ChatAdminRights GroupAdminRights(MemberRole role) => new()
    {
        ChangeInfo = true,
        DeleteMessages = true,
        BanUsers = true,
        InviteUsers = true,
        PinMessages = true,
        AddAdmins = role == MemberRole.Creator,
        ManageCall = true,
        Other = true,
    };

    private static T.ChatAdminRights FullAdminRights(bool broadcast) => new()
    {
        ChangeInfo = true,
        PostMessages = broadcast,
        EditMessages = broadcast,
        DeleteMessages = true,
        BanUsers = !broadcast,
        InviteUsers = true,
        PinMessages = !broadcast,
        AddAdmins = true,
        ManageCall = true,
        Other = true,
    };

    /// <summary>A channel message as <paramref name="viewerId"/> sees it (pure: safe outside the lock on a log snapshot).</summary>
    public static Message ChannelMessageView(long channelId, bool broadcast, ChannelMessage m, long viewerId)
    {
        var peer = new T.PeerChannel { ChannelId = channelId };
        Peer? from = broadcast ? null : new T.PeerUser { UserId = m.FromId };
        var isOut = m.FromId == viewerId;
        if (m.Action is { } action)
            return new T.MessageService { Id = m.Id, Out = isOut, Post = broadcast, Silent = m.Silent, FromId = from, PeerId = peer, ReplyTo = MessagesService.ReplyHeader(m.ReplyToId), Date = m.Date, Action = action };
        return new T.Message
        {
            Id = m.Id,
            Out = isOut,
            Post = broadcast,
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
            Views = broadcast ? 1 : null,
            Forwards = broadcast ? 0 : null,
            ReplyTo = MessagesService.ReplyHeader(m.ReplyToId),
            GroupedId = m.GroupedId,
            Media = m.Media?.View(viewerId),
        };
    }

    /// <summary>The update of one channel event as <paramref name="viewerId"/> sees it (pure).</summary>
    public static Update ChannelUpdate(long channelId, bool broadcast, ChannelEvent kind, ChannelMessage? message, int[] ids, int pts, int count, long viewerId) => kind switch
    {
        ChannelEvent.NewMessage => new T.UpdateNewChannelMessage { Message = ChannelMessageView(channelId, broadcast, message!, viewerId), Pts = pts, PtsCount = count },
        ChannelEvent.EditMessage => new T.UpdateEditChannelMessage { Message = ChannelMessageView(channelId, broadcast, message!, viewerId), Pts = pts, PtsCount = count },
        ChannelEvent.PinMessages or ChannelEvent.UnpinMessages => new T.UpdatePinnedChannelMessages { Pinned = kind == ChannelEvent.PinMessages, ChannelId = channelId, Messages = ids, Pts = pts, PtsCount = count },
        _ => new T.UpdateDeleteChannelMessages { ChannelId = channelId, Messages = ids, Pts = pts, PtsCount = count },
    };

    /// <summary>The ids, <paramref name="first"/> first, then by id (a reproducible order).</summary>
    public static List<long> InOrder(IEnumerable<long> ids, long first)
    {
        var list = ids.Order().ToList();
        if (list.Remove(first))
            list.Insert(0, first);
        return list;
    }
}
