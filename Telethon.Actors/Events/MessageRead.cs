using Telethon.Model;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Events;

/// <summary>Occurs when others read the account's messages (outbox) and when the account reads messages (inbox).
/// Built from updateReadHistoryInbox/Outbox and updateReadChannelInbox/Outbox.</summary>
public sealed class MessageRead : Event
{
    private readonly Peer _chat;

    /// <summary>Creates the event.</summary>
    /// <param name="context">The account that received it.</param>
    /// <param name="rawUpdate">The update it came in.</param>
    /// <param name="chat">The chat where messages were read.</param>
    /// <param name="maxMessageIdRead">The highest message id read.</param>
    /// <param name="isOutbox">Whether the messages read are the account's own (read by others).</param>
    public MessageRead(IEventContext context, Update rawUpdate, Peer chat, int maxMessageIdRead, bool isOutbox)
        : base(context, rawUpdate)
    {
        ArgumentNullException.ThrowIfNull(chat);
        _chat = chat;
        MaxMessageIdRead = maxMessageIdRead;
        IsOutbox = isOutbox;
    }

    /// <inheritdoc />
    public override Peer Chat => _chat;

    /// <summary>The highest message id read: messages with an id at or below it are read, those above are not.</summary>
    public int MaxMessageIdRead { get; }

    /// <summary>Whether the messages read are those the account sent (others read them); false when the account read.</summary>
    public bool IsOutbox { get; }

    /// <summary>Whether this event marks the message with <paramref name="messageId"/> in <see cref="Chat"/> as read:
    /// its id is at or below <see cref="MaxMessageIdRead"/> (for the messages of the box the event is about, see
    /// <see cref="IsOutbox"/>).</summary>
    /// <param name="messageId">The id of a message of <see cref="Chat"/>.</param>
    public bool IsMessageRead(int messageId) => messageId <= MaxMessageIdRead;

    /// <summary>Whether this event marks <paramref name="message"/> as read: it is in <see cref="Chat"/>, in the box the
    /// event is about (outgoing for <see cref="IsOutbox"/>, incoming otherwise) and its id is at or below
    /// <see cref="MaxMessageIdRead"/>. False for a message of another chat or of the other box, since the event says
    /// nothing about it.</summary>
    /// <param name="message">A message.</param>
    public bool IsMessageRead(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // Users, small groups and channels have separate id spaces: the kind of reference tells them apart (a supergroup
        // known only by its id may be a placeholder channel here).
        return message.Chat.Id == _chat.Id && message.Chat.Ref.GetType() == _chat.Ref.GetType()
            && message.IsOutgoing == IsOutbox && IsMessageRead(message.Id);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"MessageRead {{ Chat = {Chat.Kind} {Chat.Id}, MaxMessageIdRead = {MaxMessageIdRead}, IsOutbox = {IsOutbox} }}";
}
