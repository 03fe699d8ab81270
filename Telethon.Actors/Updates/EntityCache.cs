using Telethon.Model;
using TlChannel = Telethon.Tl.Types.Channel;
using TlChannelForbidden = Telethon.Tl.Types.ChannelForbidden;
using TlChat = Telethon.Tl.Types.Chat;
using TlChatBase = Telethon.Tl.Abcs.Chat;
using TlChatForbidden = Telethon.Tl.Types.ChatForbidden;
using TlInputChannel = Telethon.Tl.Types.InputChannel;
using TlPeer = Telethon.Tl.Abcs.Peer;
using TlPeerChannel = Telethon.Tl.Types.PeerChannel;
using TlPeerChat = Telethon.Tl.Types.PeerChat;
using TlPeerUser = Telethon.Tl.Types.PeerUser;
using TlUser = Telethon.Tl.Types.User;
using TlUserBase = Telethon.Tl.Abcs.User;

namespace Telethon.Updates;

/// <summary>
/// The users, groups and channels of one account, by id, with their access hashes: what events are built with and
/// what updates.getChannelDifference needs. A "min" entity never replaces a full one. Not thread-safe: the
/// <see cref="UpdatesActor"/> owns it.
/// </summary>
internal sealed class EntityCache
{
    private readonly Dictionary<long, User> _users = [];
    private readonly Dictionary<long, Group> _chats = [];
    private readonly Dictionary<long, Peer> _channels = [];

    /// <summary>How many peers are known.</summary>
    public int Count => _users.Count + _chats.Count + _channels.Count;

    /// <summary>Remembers users and chats that came with updates; returns the peers that were new or changed.</summary>
    /// <param name="users">Users as Telegram sent them.</param>
    /// <param name="chats">Chats and channels as Telegram sent them.</param>
    public IReadOnlyList<Peer> Remember(IEnumerable<TlUserBase> users, IEnumerable<TlChatBase> chats)
    {
        ArgumentNullException.ThrowIfNull(users);
        ArgumentNullException.ThrowIfNull(chats);
        List<Peer>? changed = null;
        foreach (var user in users)
        {
            if (FromTl(user) is { } peer && Remember(peer))
                (changed ??= []).Add(peer);
        }
        foreach (var chat in chats)
        {
            if (FromTl(chat) is { } peer && Remember(peer))
                (changed ??= []).Add(peer);
        }
        return changed ?? (IReadOnlyList<Peer>)[];
    }

    /// <summary>Remembers one peer (for example one persisted earlier); returns whether it was new or changed.
    /// A min peer is ignored when a full one with the same id is known.</summary>
    public bool Remember(Peer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        switch (peer)
        {
            case User user:
                return Put(_users, user.Id, user);
            case Group { IsMegagroup: false } chat:
                return Put(_chats, chat.Id, chat);
            default:
                return Put(_channels, peer.Id, peer);
        }
    }

    private static bool Put<T>(Dictionary<long, T> map, long id, T peer) where T : Peer
    {
        if (map.TryGetValue(id, out var known))
        {
            if (peer.IsMin && !known.IsMin)
                return false;
            if (known.Equals(peer))
                return false;
        }
        map[id] = peer;
        return true;
    }

    /// <summary>The user with this id, if known.</summary>
    public User? GetUser(long id) => _users.GetValueOrDefault(id);

    /// <summary>The basic group with this id, if known.</summary>
    public Group? GetChat(long id) => _chats.GetValueOrDefault(id);

    /// <summary>The supergroup or broadcast channel with this id, if known.</summary>
    public Peer? GetChannel(long id) => _channels.GetValueOrDefault(id);

    /// <summary>The known peer Telegram names, or a placeholder with only its id (and no access hash) when unknown.</summary>
    public Peer Resolve(TlPeer peer)
    {
        ArgumentNullException.ThrowIfNull(peer);
        return peer switch
        {
            TlPeerUser u => GetUser(u.UserId) ?? new User { Id = u.UserId },
            TlPeerChat c => GetChat(c.ChatId) ?? new Group { Id = c.ChatId },
            TlPeerChannel c => GetChannel(c.ChannelId) ?? new Channel { Id = c.ChannelId },
            _ => throw new ArgumentException($"Unknown peer constructor {peer.TlName}.", nameof(peer)),
        };
    }

    /// <summary>The input channel of a supergroup or broadcast channel whose full access hash is known, else null.</summary>
    public TlInputChannel? GetInputChannel(long channelId) =>
        GetChannel(channelId) is { AccessHash: { } hash, IsMin: false }
            ? new TlInputChannel { ChannelId = channelId, AccessHash = hash }
            : null;

    /// <summary>The friendly form of a TL user; null for userEmpty.</summary>
    public static User? FromTl(TlUserBase user) => user switch
    {
        TlUser u => new User
        {
            Id = u.Id,
            AccessHash = u.AccessHash,
            IsMin = u.Min,
            Name = string.IsNullOrEmpty(u.LastName) ? u.FirstName ?? "" : $"{u.FirstName} {u.LastName}".Trim(),
            Username = u.Username,
            FirstName = u.FirstName ?? "",
            LastName = u.LastName,
            IsBot = u.Bot,
            IsSelf = u.Self,
            Phone = string.IsNullOrEmpty(u.Phone) ? null : u.Phone,
        },
        _ => null,
    };

    /// <summary>The friendly form of a TL chat or channel; null for chatEmpty.</summary>
    public static Peer? FromTl(TlChatBase chat) => chat switch
    {
        TlChat c => new Group { Id = c.Id, Name = c.Title },
        TlChatForbidden c => new Group { Id = c.Id, Name = c.Title },
        TlChannel c when c.Broadcast => new Channel
        {
            Id = c.Id, AccessHash = c.AccessHash, IsMin = c.Min, Name = c.Title, Username = c.Username,
        },
        TlChannel c => new Group
        {
            Id = c.Id, AccessHash = c.AccessHash, IsMin = c.Min, Name = c.Title, Username = c.Username, IsMegagroup = true,
        },
        TlChannelForbidden c when c.Broadcast => new Channel { Id = c.Id, AccessHash = c.AccessHash, Name = c.Title },
        TlChannelForbidden c => new Group { Id = c.Id, AccessHash = c.AccessHash, Name = c.Title, IsMegagroup = true },
        _ => null,
    };
}
