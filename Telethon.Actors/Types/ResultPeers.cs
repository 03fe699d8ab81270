using Telethon.Events;
using Telethon.Updates;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>
/// The users and chats that came with one result of the raw API, by the peer Telegram names them with, to turn the
/// result's peers and messages into friendly ones. A peer the result does not hold is a placeholder with only its id.
/// </summary>
internal sealed class ResultPeers
{
    private readonly Dictionary<long, User> _users = [];
    private readonly Dictionary<long, Peer> _chats = [];
    private readonly Dictionary<long, Peer> _channels = [];

    public ResultPeers(IEnumerable<TlAbcs.User> users, IEnumerable<TlAbcs.Chat> chats)
    {
        foreach (var user in users)
        {
            if (EntityCache.FromTl(user) is { } peer)
                _users[peer.Id] = peer;
        }
        foreach (var chat in chats)
        {
            if (EntityCache.FromTl(chat) is not { } peer)
                continue;
            if (peer is Group { IsMegagroup: false })
                _chats[peer.Id] = peer;
            else
                _channels[peer.Id] = peer;
        }
    }

    /// <summary>The user with this id (a placeholder when the result did not hold it).</summary>
    public User User(long id) => _users.GetValueOrDefault(id) ?? new User { Id = id };

    /// <summary>The peer Telegram names (a placeholder when the result did not hold it).</summary>
    public Peer Get(TlAbcs.Peer peer) => peer switch
    {
        TlTypes.PeerUser u => User(u.UserId),
        TlTypes.PeerChat c => _chats.GetValueOrDefault(c.ChatId) ?? new Group { Id = c.ChatId },
        TlTypes.PeerChannel c => _channels.GetValueOrDefault(c.ChannelId) ?? new Channel { Id = c.ChannelId },
        _ => throw new ArgumentException($"Unknown peer constructor {peer.TlName}.", nameof(peer)),
    };

    /// <summary>A message of the result with its chat and sender, or null for messageEmpty.</summary>
    public Message? MessageOf(TlAbcs.Message raw, IEventContext context)
    {
        var (peerId, fromId, outgoing) = raw switch
        {
            TlTypes.Message m => (m.PeerId, m.FromId, m.Out),
            TlTypes.MessageService s => (s.PeerId, s.FromId, s.Out),
            _ => (null, null, false),
        };
        if (peerId is null)
            return null;
        var chat = Get(peerId);
        Peer? sender = fromId is not null
            ? Get(fromId)
            : outgoing && context.SelfId is { } self ? User(self)
            // Without from_id, a private chat's incoming message is from the other user and a channel's post is the channel's.
            : chat;
        return new Message(raw, chat, sender, context);
    }

    /// <summary>The key a message is found under: its chat (as Telegram names it) and its id.</summary>
    public static (long Kind, long Id, int MessageId)? KeyOf(TlAbcs.Message raw) => raw switch
    {
        TlTypes.Message m => (KindOf(m.PeerId), IdOf(m.PeerId), m.Id),
        TlTypes.MessageService s => (KindOf(s.PeerId), IdOf(s.PeerId), s.Id),
        _ => null,
    };

    /// <summary>The same key for a dialog's top message.</summary>
    public static (long Kind, long Id, int MessageId) KeyOf(TlAbcs.Peer peer, int messageId) => (KindOf(peer), IdOf(peer), messageId);

    private static long KindOf(TlAbcs.Peer peer) => peer switch
    {
        TlTypes.PeerUser => 0,
        TlTypes.PeerChat => 1,
        _ => 2,
    };

    private static long IdOf(TlAbcs.Peer peer) => peer switch
    {
        TlTypes.PeerUser u => u.UserId,
        TlTypes.PeerChat c => c.ChatId,
        TlTypes.PeerChannel c => c.ChannelId,
        _ => 0,
    };
}
