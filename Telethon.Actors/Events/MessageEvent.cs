using Telethon.Model;
using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Events;

/// <summary>An event that carries a message (<see cref="NewMessage"/>, <see cref="MessageEdited"/>): it can be
/// treated as the message itself.</summary>
public abstract class MessageEvent : Event
{
    /// <summary>Creates the event.</summary>
    /// <param name="message">The message.</param>
    /// <param name="rawUpdate">The update it came in.</param>
    protected MessageEvent(Message message, Update rawUpdate)
        : base(message?.Context ?? throw new ArgumentNullException(nameof(message)), rawUpdate)
    {
        Message = message;
    }

    /// <summary>The message.</summary>
    public Message Message { get; }

    /// <summary>The message id (unique per account in private chats and basic groups, per channel otherwise).</summary>
    public int Id => Message.Id;

    /// <summary>When the message was sent (or edited, for <see cref="MessageEdited"/> the original date).</summary>
    public DateTimeOffset Date => Message.Date;

    /// <inheritdoc />
    public override string Text => Message.Text;

    /// <inheritdoc />
    public override Peer Chat => Message.Chat;

    /// <inheritdoc />
    public override Peer? Sender => Message.Sender;

    /// <summary>Whether the logged-in account sent the message.</summary>
    public bool IsOutgoing => Message.IsOutgoing;

    /// <summary>Whether someone else sent the message to the logged-in account.</summary>
    public bool IsIncoming => Message.IsIncoming;

    /// <summary>The id of the message this one replies to, if any.</summary>
    public int? ReplyToMessageId => Message.ReplyToMessageId;

    /// <summary>Sends a message to the same chat.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message> RespondAsync(string text, CancellationToken cancellationToken = default) =>
        Message.RespondAsync(text, cancellationToken);

    /// <summary>Sends a message to the same chat, as a reply to this one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message> ReplyAsync(string text, CancellationToken cancellationToken = default) =>
        Message.ReplyAsync(text, cancellationToken);

    /// <summary>The event's message: a message event can be used wherever a <see cref="Model.Message"/> is expected
    /// (Telethon's events are the message itself).</summary>
    /// <param name="messageEvent">The event.</param>
    public static implicit operator Message(MessageEvent messageEvent)
    {
        ArgumentNullException.ThrowIfNull(messageEvent);
        return messageEvent.Message;
    }

    /// <inheritdoc />
    public override string ToString() => $"{GetType().Name} {{ {Message} }}";
}
