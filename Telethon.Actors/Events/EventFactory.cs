using Telethon.Model;
using Telethon.Updates;
using MessageBase = Telethon.Tl.Abcs.Message;
using TlMessage = Telethon.Tl.Types.Message;
using TlPeer = Telethon.Tl.Abcs.Peer;
using TlPeerChannel = Telethon.Tl.Types.PeerChannel;
using TlPeerUser = Telethon.Tl.Types.PeerUser;
using TlTypes = Telethon.Tl.Types;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Events;

/// <summary>Builds the event of an update, with the chats and senders resolved from an <see cref="EntityCache"/>.</summary>
internal static class EventFactory
{
    /// <summary>The event of <paramref name="update"/>, or null when no event type covers it (service messages,
    /// typing, statuses...).</summary>
    /// <param name="update">An update ready for handlers.</param>
    /// <param name="entities">The entities known now (those that came with the update included).</param>
    /// <param name="context">The account that received it.</param>
    public static Event? Create(Update update, EntityCache entities, IEventContext context)
    {
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(context);
        return update switch
        {
            TlTypes.UpdateNewMessage u => FromMessage(u.Message, update, entities, context, edited: false),
            TlTypes.UpdateNewChannelMessage u => FromMessage(u.Message, update, entities, context, edited: false),
            TlTypes.UpdateEditMessage u => FromMessage(u.Message, update, entities, context, edited: true),
            TlTypes.UpdateEditChannelMessage u => FromMessage(u.Message, update, entities, context, edited: true),
            TlTypes.UpdateDeleteMessages u => new MessageDeleted(context, update, u.Messages, null),
            TlTypes.UpdateDeleteChannelMessages u =>
                new MessageDeleted(context, update, u.Messages, ResolveChannel(u.ChannelId, entities)),
            TlTypes.UpdateReadHistoryInbox u => new MessageRead(context, update, entities.Resolve(u.Peer), u.MaxId, isOutbox: false),
            TlTypes.UpdateReadHistoryOutbox u => new MessageRead(context, update, entities.Resolve(u.Peer), u.MaxId, isOutbox: true),
            TlTypes.UpdateReadChannelInbox u =>
                new MessageRead(context, update, ResolveChannel(u.ChannelId, entities), u.MaxId, isOutbox: false),
            TlTypes.UpdateReadChannelOutbox u =>
                new MessageRead(context, update, ResolveChannel(u.ChannelId, entities), u.MaxId, isOutbox: true),
            TlTypes.UpdateBotCallbackQuery { Data: not null } u => new ButtonCallback(context, u, entities.Resolve(u.Peer), UserOf(u.UserId, entities)),
            TlTypes.UpdateBotInlineQuery u => new InlineQuery(context, u, UserOf(u.UserId, entities)),
            _ => null,
        };
    }

    /// <summary>The friendly message of a TL message, with its chat and sender resolved.</summary>
    /// <param name="message">message or messageService (messageEmpty has no chat to resolve).</param>
    /// <param name="entities">The entities known now.</param>
    /// <param name="context">The account that has it.</param>
    public static Message? CreateMessage(MessageBase message, EntityCache entities, IEventContext context)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(entities);
        ArgumentNullException.ThrowIfNull(context);
        var (peerId, fromId, isOut, isPost) = message switch
        {
            TlMessage m => (m.PeerId, m.FromId, m.Out, m.Post),
            TlTypes.MessageService s => (s.PeerId, s.FromId, s.Out, s.Post),
            _ => (null, null, false, false),
        };
        if (peerId is null)
            return null;
        var chat = peerId is TlPeerChannel channel && entities.GetChannel(channel.ChannelId) is null
            ? isPost ? new Channel { Id = channel.ChannelId } : new Group { Id = channel.ChannelId, IsMegagroup = true }
            : entities.Resolve(peerId);
        return new Message(message, chat, SenderOf(chat, peerId, fromId, isOut, entities, context), context);
    }

    private static Peer? SenderOf(Peer chat, TlPeer peerId, TlPeer? fromId, bool isOut, EntityCache entities, IEventContext context)
    {
        if (fromId is not null)
            return entities.Resolve(fromId);
        // A broadcast post without a signature is the channel's, even when the logged-in account posted it.
        if (chat is Channel)
            return chat;
        if (isOut)
            return context.SelfId is { } self ? entities.GetUser(self) ?? new User { Id = self, IsSelf = true } : null;
        if (peerId is TlPeerUser)
            return chat;
        return null;
    }

    private static Event? FromMessage(MessageBase raw, Update update, EntityCache entities, IEventContext context, bool edited)
    {
        if (raw is not TlMessage || CreateMessage(raw, entities, context) is not { } message)
            return null;
        return edited ? new MessageEdited(message, update) : new NewMessage(message, update);
    }

    private static Peer UserOf(long userId, EntityCache entities) => entities.GetUser(userId) ?? new User { Id = userId };

    private static Peer ResolveChannel(long channelId, EntityCache entities) =>
        entities.GetChannel(channelId) ?? new Channel { Id = channelId };
}
