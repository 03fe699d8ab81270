using Telethon.Events;
using Telethon.Updates;
using TlTypes = Telethon.Tl.Types;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Tests.Events;

/// <summary>Builders of TL messages, updates and entities for the event, filter, handler and updates tests.</summary>
internal static class Tg
{
    public const long Self = 1000;

    public static TlTypes.PeerUser UserPeer(long id) => new() { UserId = id };

    public static TlTypes.PeerChat ChatPeer(long id) => new() { ChatId = id };

    public static TlTypes.PeerChannel ChannelPeer(long id) => new() { ChannelId = id };

    public static TlTypes.Message Message(int id, string text, global::Telethon.Tl.Abcs.Peer peer,
        global::Telethon.Tl.Abcs.Peer? from = null, bool isOut = false, bool post = false, int? replyTo = null) => new()
    {
        Id = id,
        MessageValue = text,
        PeerId = peer,
        FromId = from,
        Out = isOut,
        Post = post,
        Date = 1_700_000_000 + id,
        ReplyTo = replyTo is { } r ? new TlTypes.MessageReplyHeader { ReplyToMsgId = r } : null,
    };

    public static TlTypes.UpdateNewMessage NewMessage(int id, int pts, string? text = null, long fromUser = 7) => new()
    {
        Message = Message(id, text ?? $"m{id}", UserPeer(fromUser)),
        Pts = pts,
        PtsCount = 1,
    };

    public static TlTypes.UpdateNewChannelMessage ChannelMessage(long channelId, int id, int pts, long fromUser = 7) => new()
    {
        Message = Message(id, $"c{id}", ChannelPeer(channelId), UserPeer(fromUser)),
        Pts = pts,
        PtsCount = 1,
    };

    public static TlTypes.User User(long id, string first, string? username = null, long? accessHash = 77, bool bot = false,
        bool min = false, bool self = false) => new()
    {
        Id = id,
        FirstName = first,
        Username = username,
        AccessHash = accessHash,
        Bot = bot,
        Min = min,
        Self = self,
    };

    public static TlTypes.Chat BasicGroup(long id, string title) =>
        new() { Id = id, Title = title, Photo = new TlTypes.ChatPhotoEmpty() };

    public static TlTypes.Channel Channel(long id, string title, long? accessHash = 999, bool broadcast = false, bool min = false) =>
        new() { Id = id, Title = title, Photo = new TlTypes.ChatPhotoEmpty(), AccessHash = accessHash, Broadcast = broadcast, Megagroup = !broadcast, Min = min };

    public static TlTypes.UpdateShort Short(Update update) => new() { Update = update, Date = 1 };

    public static TlTypes.UpdatesConstructor Container(Update[] updates, global::Telethon.Tl.Abcs.User[]? users = null,
        global::Telethon.Tl.Abcs.Chat[]? chats = null, int seq = 0) =>
        new() { Updates = updates, Users = users ?? [], Chats = chats ?? [], Date = 2000, Seq = seq };

    public static global::Telethon.Tl.Types.Updates.State State(int pts, int qts = 1, int date = 1000, int seq = 1) =>
        new() { Pts = pts, Qts = qts, Date = date, Seq = seq };

    /// <summary>The event of an update with a cache that knows the given entities.</summary>
    public static Event? EventOf(Update update, IEventContext? context = null, global::Telethon.Tl.Abcs.User[]? users = null,
        global::Telethon.Tl.Abcs.Chat[]? chats = null)
    {
        var cache = new EntityCache();
        cache.Remember(users ?? [], chats ?? []);
        return EventFactory.Create(update, cache, context ?? new FakeEventContext());
    }

    /// <summary>A new message event in a private chat with user 7 (or sent to them when <paramref name="isOut"/>).</summary>
    public static NewMessage Text(string text, bool isOut = false, IEventContext? context = null, int id = 1) =>
        (NewMessage)EventOf(new TlTypes.UpdateNewMessage
        {
            Message = Message(id, text, UserPeer(7), isOut ? UserPeer(Self) : UserPeer(7), isOut),
            Pts = 1,
            PtsCount = 1,
        }, context, [User(7, "Ann", "ann")])!;
}
