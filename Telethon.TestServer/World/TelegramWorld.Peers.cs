using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

public sealed partial class TelegramWorld
{
    /// <summary>Whether the user, chat or channel exists.</summary>
    public bool Exists(PeerKey peer)
    {
        lock (_gate)
        {
            return peer.Kind switch
            {
                PeerKind.User => _users.ContainsKey(peer.Id),
                PeerKind.Chat => _chats.ContainsKey(peer.Id),
                _ => _channels.ContainsKey(peer.Id),
            };
        }
    }

    // ---- input resolution (under the lock); access hashes are per viewer ----

    private PeerKey ResolvePeer(UserAccount viewer, InputPeer? input)
    {
        switch (input)
        {
            case T.InputPeerSelf:
                return new PeerKey(PeerKind.User, viewer.Id);
            case T.InputPeerUser user:
                if (!_users.ContainsKey(user.UserId) || user.AccessHash != AccessHash(viewer.Id, new PeerKey(PeerKind.User, user.UserId)))
                    throw WorldErrors.PeerIdInvalid;
                return new PeerKey(PeerKind.User, user.UserId);
            case T.InputPeerChat chat:
                if (!_chats.TryGetValue(chat.ChatId, out var group) || !(group.Members.ContainsKey(viewer.Id) || group.Former.Contains(viewer.Id)))
                    throw WorldErrors.PeerIdInvalid;
                return new PeerKey(PeerKind.Chat, chat.ChatId);
            case T.InputPeerChannel channel:
                if (!_channels.ContainsKey(channel.ChannelId) || channel.AccessHash != AccessHash(viewer.Id, new PeerKey(PeerKind.Channel, channel.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return new PeerKey(PeerKind.Channel, channel.ChannelId);
            case T.InputPeerUserFromMessage fromMessage:
                if (!SeenInMessage(viewer, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.User, fromMessage.UserId)))
                    throw WorldErrors.PeerIdInvalid;
                return new PeerKey(PeerKind.User, fromMessage.UserId);
            case T.InputPeerChannelFromMessage fromMessage:
                if (!SeenInMessage(viewer, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.Channel, fromMessage.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return new PeerKey(PeerKind.Channel, fromMessage.ChannelId);
            default:
                throw WorldErrors.PeerIdInvalid;
        }
    }

    /// <summary>Whether <paramref name="target"/> appears (as sender or peer) in message <paramref name="msgId"/> of <paramref name="peer"/>.</summary>
    private bool SeenInMessage(UserAccount viewer, InputPeer peer, int msgId, PeerKey target)
    {
        PeerKey where;
        try
        {
            where = ResolvePeer(viewer, peer);
        }
        catch (RpcError)
        {
            return false;
        }
        if (where.Kind == PeerKind.Channel)
        {
            var channel = _channels[where.Id];
            return channel.Messages.TryGetValue(msgId, out var cm)
                && (target == where || (target.Kind == PeerKind.User && cm.FromId == target.Id));
        }
        return viewer.Messages.TryGetValue(msgId, out var m) && m.Dialog == where
            && (target == where || (target.Kind == PeerKind.User && m.FromId == target.Id));
    }

    private UserAccount ResolveUser(UserAccount viewer, InputUser? input)
    {
        switch (input)
        {
            case T.InputUserSelf:
                return viewer;
            case T.InputUser user:
                if (!_users.TryGetValue(user.UserId, out var found) || user.AccessHash != AccessHash(viewer.Id, new PeerKey(PeerKind.User, user.UserId)))
                    throw WorldErrors.UserIdInvalid;
                return found;
            case T.InputUserFromMessage fromMessage:
                if (!SeenInMessage(viewer, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.User, fromMessage.UserId)))
                    throw WorldErrors.UserIdInvalid;
                return _users[fromMessage.UserId];
            default:
                throw WorldErrors.UserIdInvalid;
        }
    }

    private ChannelRecord ResolveChannel(UserAccount viewer, InputChannel? input)
    {
        switch (input)
        {
            case T.InputChannel channel:
                if (!_channels.TryGetValue(channel.ChannelId, out var found) || channel.AccessHash != AccessHash(viewer.Id, new PeerKey(PeerKind.Channel, channel.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return found;
            case T.InputChannelFromMessage fromMessage:
                if (!SeenInMessage(viewer, fromMessage.Peer, fromMessage.MsgId, new PeerKey(PeerKind.Channel, fromMessage.ChannelId)))
                    throw WorldErrors.ChannelInvalid;
                return _channels[fromMessage.ChannelId];
            default:
                throw WorldErrors.ChannelInvalid;
        }
    }

    /// <summary>Members read and (in supergroups) write; anyone may read a public channel.</summary>
    private void EnsureCanRead(ChannelRecord channel, UserAccount viewer)
    {
        if (!IsMember(channel, viewer.Id) && channel.Username is null)
            throw WorldErrors.ChannelPrivate;
    }

    // ---- users.* ----

    /// <summary>users.getUsers.</summary>
    public User[] GetUsers(Caller caller, InputUser[] ids) => Locked(() =>
    {
        var viewer = UserOrThrow(caller.UserId);
        var result = new List<User>();
        foreach (var input in ids ?? [])
            result.Add(UserView(ResolveUser(viewer, input), viewer));
        return result.ToArray();
    });

    /// <summary>users.getFullUser.</summary>
    public Tl.Abcs.Users.UserFull GetFullUser(Caller caller, InputUser id) => Locked<Tl.Abcs.Users.UserFull>(() =>
    {
        var viewer = UserOrThrow(caller.UserId);
        var user = ResolveUser(viewer, id);
        var common = _chats.Values.Count(g => g.Members.ContainsKey(user.Id) && g.Members.ContainsKey(viewer.Id))
            + _channels.Values.Count(c => c.Megagroup && c.Members.ContainsKey(user.Id) && c.Members.ContainsKey(viewer.Id));
        var full = new T.UserFull
        {
            Id = user.Id,
            About = string.IsNullOrEmpty(user.About) ? null : user.About,
            Settings = new T.PeerSettings(),
            NotifySettings = new T.PeerNotifySettings(),
            CommonChatsCount = user.Id == viewer.Id ? 0 : common,
        };
        return new T.Users.UserFull { FullUser = full, Chats = [], Users = [UserView(user, viewer)] };
    });

    // ---- contacts.* ----

    /// <summary>contacts.resolveUsername.</summary>
    public Tl.Abcs.Contacts.ResolvedPeer ResolveUsername(Caller caller, string username) => Locked<Tl.Abcs.Contacts.ResolvedPeer>(() =>
    {
        var viewer = UserOrThrow(caller.UserId);
        var name = (username ?? "").TrimStart('@');
        if (!IsValidUsername(name))
            throw WorldErrors.Bad("USERNAME_INVALID");
        if (!_byUsername.TryGetValue(name, out var peer))
            throw WorldErrors.Bad("USERNAME_NOT_OCCUPIED");
        var (users, chats) = Entities(viewer, [peer]);
        return new T.Contacts.ResolvedPeer { Peer = peer.ToPeer(), Users = users, Chats = chats };
    });

    /// <summary>contacts.resolvePhone.</summary>
    public Tl.Abcs.Contacts.ResolvedPeer ResolvePhone(Caller caller, string phone) => Locked<Tl.Abcs.Contacts.ResolvedPeer>(() =>
    {
        var viewer = UserOrThrow(caller.UserId);
        var normalized = NormalizePhone(phone);
        if (normalized.Length == 0)
            throw WorldErrors.Bad("PHONE_NUMBER_INVALID");
        if (!_byPhone.TryGetValue(normalized, out var id))
            throw WorldErrors.Bad("PHONE_NOT_OCCUPIED");
        var peer = new PeerKey(PeerKind.User, id);
        var (users, chats) = Entities(viewer, [peer]);
        return new T.Contacts.ResolvedPeer { Peer = peer.ToPeer(), Users = users, Chats = chats };
    });

    /// <summary>contacts.getContacts (contacts.contactsNotModified when <paramref name="hash"/> matches).</summary>
    public Tl.Abcs.Contacts.Contacts GetContacts(Caller caller, long hash) => Locked<Tl.Abcs.Contacts.Contacts>(() =>
    {
        var viewer = UserOrThrow(caller.UserId);
        var ids = viewer.Contacts.Order().ToArray();
        if (hash != 0 && hash == ContactsHash(ids))
            return new T.Contacts.ContactsNotModified();
        var contacts = ids.Select(id => (Contact)new T.Contact { UserId = id, Mutual = _users[id].Contacts.Contains(viewer.Id) }).ToArray();
        var users = ids.Select(id => (User)UserView(_users[id], viewer)).ToArray();
        return new T.Contacts.Contacts { ContactsValue = contacts, SavedCount = 0, Users = users };
    });

    /// <summary>Telegram's hash of a list of ids (core.telegram.org/api/offsets#hash-generation).</summary>
    public static long ContactsHash(IEnumerable<long> sortedIds)
    {
        ulong hash = 0;
        foreach (var id in sortedIds)
        {
            hash ^= hash >> 21;
            hash ^= hash << 35;
            hash ^= hash >> 4;
            hash += (ulong)id;
        }
        return (long)hash;
    }
}
