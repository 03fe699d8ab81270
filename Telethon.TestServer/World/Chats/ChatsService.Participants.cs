using Telethon.Tl.Abcs;
using FCh = Telethon.Tl.Functions.Channels;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

internal sealed partial class ChatsService
{
    /// <summary>The most participants one channels.getParticipants answers with.</summary>
    public const int ParticipantsLimitMax = 200;

    // ---- channels.getParticipants / getParticipant ----

    /// <summary>
    /// channels.getParticipants: recent members, admins, bots, a name search, and (for admins who may ban)
    /// the restricted and the kicked. Broadcast channels show their members to admins only.
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_INVALID, CHANNEL_PRIVATE, CHAT_ADMIN_REQUIRED.</exception>
    public Tl.Abcs.Channels.ChannelParticipants GetParticipants(Caller caller, FCh.GetParticipants request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(viewerId, request.Channel);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            var viewerRights = ChatRights.Flags(RightsOf(channel, viewerId));
            var isAdmin = viewerRights != 0;
            if (channel.Broadcast && !isAdmin)
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");

            // Candidates in the filter's order, with the query (if any) the names must match.
            List<(long Id, MemberInfo Info, bool Kicked)> candidates;
            string? query = null;
            var onlyBots = false;
            var onlyContacts = false;
            switch (request.Filter)
            {
                case T.ChannelParticipantsRecent:
                    candidates = Recent(channel);
                    break;
                case T.ChannelParticipantsAdmins:
                    candidates = Recent(channel).Where(c => c.Info.Role != MemberRole.Member)
                        .OrderByDescending(c => c.Info.Role == MemberRole.Creator).ThenBy(c => c.Info.Date).ThenBy(c => c.Id).ToList();
                    break;
                case T.ChannelParticipantsBots:
                    candidates = Recent(channel);
                    onlyBots = true;
                    break;
                case T.ChannelParticipantsSearch search:
                    candidates = Recent(channel);
                    query = search.Q;
                    break;
                case T.ChannelParticipantsMentions mentions:
                    candidates = Recent(channel);
                    query = mentions.Q;
                    break;
                case T.ChannelParticipantsContacts contacts:
                    candidates = Recent(channel);
                    query = contacts.Q;
                    onlyContacts = true;
                    break;
                case T.ChannelParticipantsBanned banned:
                    RequireBanRights(channel, viewerId);
                    candidates = Recent(channel).Where(c => c.Info.Role == MemberRole.Member && ChatRights.IsActive(c.Info.BannedRights, Now)).ToList();
                    query = banned.Q;
                    break;
                case T.ChannelParticipantsKicked kicked:
                    RequireBanRights(channel, viewerId);
                    candidates = channel.Kicked.Where(k => ChatRights.IsActive(k.Value.BannedRights, Now))
                        .OrderByDescending(k => k.Value.BannedRights!.UntilDate == 0 ? int.MaxValue : k.Value.BannedRights!.UntilDate)
                        .ThenBy(k => k.Key).Select(k => (k.Key, k.Value, true)).ToList();
                    query = kicked.Q;
                    break;
                default:
                    throw WorldErrors.Bad("INPUT_CONSTRUCTOR_INVALID");
            }

            var users = _world.Peers.Views(viewerId, candidates.Select(c => new PeerKey(PeerKind.User, c.Id))).Users
                .OfType<T.User>().ToDictionary(u => u.Id);
            var matching = candidates.Where(c => users.TryGetValue(c.Id, out var user)
                && (!onlyBots || user.Bot)
                && (!onlyContacts || user.Contact || user.Self)
                && NameMatches(user, query)).ToList();
            var offset = Math.Max(0, request.Offset);
            var limit = Math.Clamp(request.Limit, 0, ParticipantsLimitMax);
            var page = matching.Skip(offset).Take(limit).ToList();
            if (request.Hash != 0 && request.Hash == PeersService.ContactsHash(page.Select(c => c.Id).Order()))
                return new T.Channels.ChannelParticipantsNotModified();
            var participants = page.Select(c => c.Kicked ? KickedView(c.Id, c.Info) : ParticipantView(channel, c.Id, c.Info, viewerId)).ToArray();
            var refs = page.SelectMany(c => ReferencedUsers(c.Id, c.Info)).Select(id => new PeerKey(PeerKind.User, id));
            var views = _world.Peers.Views(viewerId, refs);
            return new T.Channels.ChannelParticipants { Count = matching.Count, Participants = participants, Chats = views.Chats, Users = views.Users };
        }
    }

    /// <summary>channels.getParticipant: one member (or a restricted or kicked user) as the caller sees it.</summary>
    /// <exception cref="RpcError">CHANNEL_INVALID, CHANNEL_PRIVATE, PEER_ID_INVALID, USER_NOT_PARTICIPANT, CHAT_ADMIN_REQUIRED.</exception>
    public Tl.Abcs.Channels.ChannelParticipant GetParticipant(Caller caller, FCh.GetParticipant request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(viewerId, request.Channel);
        var target = _world.Peers.ResolvePeer(viewerId, request.Participant);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            if (target.Kind != PeerKind.User)
                throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
            var isAdmin = RightsOf(channel, viewerId) is not null;
            if (channel.Broadcast && !isAdmin && target.Id != viewerId)
                throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
            ChannelParticipant participant;
            MemberInfo info;
            if (channel.Members.TryGetValue(target.Id, out var member))
            {
                info = member;
                participant = ParticipantView(channel, target.Id, member, viewerId);
            }
            else if (isAdmin && channel.Kicked.TryGetValue(target.Id, out var kicked) && ChatRights.IsActive(kicked.BannedRights, Now))
            {
                info = kicked;
                participant = KickedView(target.Id, kicked);
            }
            else
            {
                throw WorldErrors.Bad("USER_NOT_PARTICIPANT");
            }
            var views = _world.Peers.Views(viewerId, ReferencedUsers(target.Id, info).Select(id => new PeerKey(PeerKind.User, id)));
            return new T.Channels.ChannelParticipant { Participant = participant, Chats = views.Chats, Users = views.Users };
        }
    }

    // ---- messages.getFullChat / channels.getFullChannel ----

    /// <summary>messages.getFullChat: a small group with its participants (creator, admins, members); a former member sees chatParticipantsForbidden.</summary>
    /// <exception cref="RpcError">CHAT_ID_INVALID.</exception>
    public Tl.Abcs.Messages.ChatFull GetFullChat(Caller caller, FM.GetFullChat request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        using (_gate.Enter())
        {
            if (!_chats.TryGetValue(request.ChatId, out var group) || !(group.Members.ContainsKey(viewerId) || group.Former.Contains(viewerId)))
                throw WorldErrors.Bad("CHAT_ID_INVALID");
            var member = group.Members.ContainsKey(viewerId);
            var full = new T.ChatFull
            {
                Id = group.Id,
                About = group.About,
                Participants = member ? ParticipantsOf(group) : new T.ChatParticipantsForbidden { ChatId = group.Id },
                NotifySettings = new T.PeerNotifySettings(),
            };
            var refs = (member ? group.Members.Keys.Order() : Enumerable.Empty<long>())
                .Select(id => new PeerKey(PeerKind.User, id)).Prepend(new PeerKey(PeerKind.Chat, group.Id));
            var views = _world.Peers.Views(viewerId, refs);
            return new T.Messages.ChatFull { FullChat = full, Chats = views.Chats, Users = views.Users };
        }
    }

    /// <summary>
    /// channels.getFullChannel: about, counts (admins see the admin, kicked and banned counts and may
    /// view the members of a broadcast channel), read marks, unread count and pts.
    /// </summary>
    /// <exception cref="RpcError">CHANNEL_INVALID, CHANNEL_PRIVATE.</exception>
    public Tl.Abcs.Messages.ChatFull GetFullChannel(Caller caller, FCh.GetFullChannel request)
    {
        var viewerId = _world.Peers.RequireUser(caller.UserId);
        var channelId = _world.Peers.ResolveChannel(viewerId, request.Channel);
        using (_gate.Enter())
        {
            var channel = _channels[channelId];
            EnsureCanRead(channel, viewerId);
            var rights = ChatRights.Flags(RightsOf(channel, viewerId));
            var isAdmin = rights != 0;
            var canBan = channel.CreatorId == viewerId || (rights & ChatRights.BanUsers) != 0;
            var now = Now;
            var read = channel.ReadInboxMaxId.GetValueOrDefault(viewerId);
            var full = new T.ChannelFull
            {
                Id = channel.Id,
                About = channel.About,
                CanViewParticipants = channel.Megagroup || isAdmin,
                ParticipantsCount = channel.Members.Count,
                AdminsCount = channel.Megagroup || isAdmin ? channel.Members.Values.Count(m => m.Role != MemberRole.Member) : null,
                KickedCount = canBan ? channel.Kicked.Values.Count(k => ChatRights.IsActive(k.BannedRights, now)) : null,
                BannedCount = canBan ? channel.Members.Values.Count(m => m.Role == MemberRole.Member && ChatRights.IsActive(m.BannedRights, now)) : null,
                ReadInboxMaxId = read,
                ReadOutboxMaxId = channel.ReadOutboxMaxId.GetValueOrDefault(viewerId),
                UnreadCount = channel.Members.ContainsKey(viewerId) ? channel.Messages.Values.Count(m => m.Id > read && m.FromId != viewerId) : 0,
                ChatPhoto = new T.PhotoEmpty(),
                NotifySettings = new T.PeerNotifySettings(),
                BotInfo = [],
                Pts = channel.Pts,
            };
            var views = _world.Peers.Views(viewerId, [new PeerKey(PeerKind.Channel, channel.Id)]);
            return new T.Messages.ChatFull { FullChat = full, Chats = views.Chats, Users = views.Users };
        }
    }

    // ---- helpers (under the lock) ----

    /// <summary>The members, most recently joined first.</summary>
    private static List<(long Id, MemberInfo Info, bool Kicked)> Recent(ChannelRecord channel) =>
        channel.Members.OrderByDescending(m => m.Value.Date).ThenBy(m => m.Key).Select(m => (m.Key, m.Value, false)).ToList();

    /// <summary>Whether a user's first name, last name or username contains the query (case-insensitive); an empty query matches all.</summary>
    private static bool NameMatches(T.User user, string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
            return true;
        var q = query.Trim();
        return user.FirstName?.Contains(q, StringComparison.OrdinalIgnoreCase) == true
            || user.LastName?.Contains(q, StringComparison.OrdinalIgnoreCase) == true
            || user.Username?.Contains(q, StringComparison.OrdinalIgnoreCase) == true
            || $"{user.FirstName} {user.LastName}".Contains(q, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A user and the users its participant entry names (inviter, promoter, the admin who restricted it).</summary>
    private static IEnumerable<long> ReferencedUsers(long userId, MemberInfo info)
    {
        yield return userId;
        if (info.InviterId != 0 && info.InviterId != userId)
            yield return info.InviterId;
        if (info.PromotedBy is { } promoter)
            yield return promoter;
        if (info.KickedBy != 0)
            yield return info.KickedBy;
    }

    /// <summary>The admin rights a member has (the creator all of them), or null for an ordinary member or a non-member.</summary>
    private static T.ChatAdminRights? RightsOf(ChannelRecord channel, long userId) =>
        channel.Members.TryGetValue(userId, out var member) && member.Role != MemberRole.Member
            ? member.AdminRights ?? FullAdminRights(channel.Broadcast)
            : null;

    /// <summary>CHAT_ADMIN_REQUIRED unless the user is the creator or an admin with ban_users.</summary>
    private static void RequireBanRights(ChannelRecord channel, long userId)
    {
        if (channel.CreatorId != userId && (ChatRights.Flags(RightsOf(channel, userId)) & ChatRights.BanUsers) == 0)
            throw WorldErrors.Bad("CHAT_ADMIN_REQUIRED");
    }

    /// <summary>Whether <paramref name="viewerId"/> may edit the admin <paramref name="admin"/>: the creator, or the admin (with add_admins) who promoted it.</summary>
    private static bool CanEditAdmin(ChannelRecord channel, long viewerId, MemberInfo admin) =>
        admin.Role == MemberRole.Admin
        && (channel.CreatorId == viewerId
            || ((admin.PromotedBy ?? channel.CreatorId) == viewerId && (ChatRights.Flags(RightsOf(channel, viewerId)) & ChatRights.AddAdmins) != 0));

    /// <summary>A member as <paramref name="viewerId"/> sees it (viewer 0: the form logs and updates carry).</summary>
    private ChannelParticipant ParticipantView(ChannelRecord channel, long userId, MemberInfo info, long viewerId)
    {
        switch (info.Role)
        {
            case MemberRole.Creator:
                return new T.ChannelParticipantCreator { UserId = userId, AdminRights = info.AdminRights ?? FullAdminRights(channel.Broadcast), Rank = info.Rank };
            case MemberRole.Admin:
                var self = viewerId == userId;
                return new T.ChannelParticipantAdmin
                {
                    UserId = userId,
                    Self = self,
                    InviterId = self ? info.InviterId : null,
                    CanEdit = CanEditAdmin(channel, viewerId, info),
                    PromotedBy = info.PromotedBy ?? channel.CreatorId,
                    Date = info.Date,
                    AdminRights = info.AdminRights ?? FullAdminRights(channel.Broadcast),
                    Rank = info.Rank,
                };
        }
        if (ChatRights.IsActive(info.BannedRights, Now))
        {
            return new T.ChannelParticipantBanned
            {
                Peer = new T.PeerUser { UserId = userId },
                KickedBy = info.KickedBy,
                Date = info.Date,
                BannedRights = info.BannedRights!,
            };
        }
        return viewerId == userId
            ? new T.ChannelParticipantSelf { UserId = userId, InviterId = info.InviterId, Date = info.Date }
            : new T.ChannelParticipant { UserId = userId, Date = info.Date };
    }

    /// <summary>A kicked user (channelParticipantBanned with left).</summary>
    private static T.ChannelParticipantBanned KickedView(long userId, MemberInfo info) => new()
    {
        Left = true,
        Peer = new T.PeerUser { UserId = userId },
        KickedBy = info.KickedBy,
        Date = info.Date,
        BannedRights = info.BannedRights!,
    };
}
