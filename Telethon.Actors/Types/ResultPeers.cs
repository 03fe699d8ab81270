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
    private readonly EntityCache _cache = new();

    public ResultPeers(IEnumerable<TlAbcs.User> users, IEnumerable<TlAbcs.Chat> chats) => _cache.Remember(users, chats);

    /// <summary>The user with this id (a placeholder when the result did not hold it).</summary>
    public User User(long id) => _cache.GetUser(id) ?? new User { Id = id };

    /// <summary>The peer Telegram names (a placeholder when the result did not hold it).</summary>
    public Peer Get(TlAbcs.Peer peer) => _cache.Resolve(peer);

    /// <summary>A message of the result with its chat and sender (as events build them), or null for messageEmpty.</summary>
    public Message? MessageOf(TlAbcs.Message raw, IEventContext context) => EventFactory.CreateMessage(raw, _cache, context);

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
