using System.Globalization;
using Telethon.Events;
using Telethon.Tl.Functions.Messages;
using Telethon.Tl.Types;
using MessageBase = Telethon.Tl.Abcs.Message;
using TlMessage = Telethon.Tl.Types.Message;
using UpdatesBase = Telethon.Tl.Abcs.UpdatesBase;

namespace Telethon.Model;

/// <summary>A message, with its chat and sender resolved from the entities known when it arrived.</summary>
public sealed class Message
{
    /// <summary>Creates the message.</summary>
    /// <param name="raw">The message as Telegram sent it (message or messageService).</param>
    /// <param name="chat">The chat it is in.</param>
    /// <param name="sender">Who sent it, if known.</param>
    /// <param name="context">The account that has it (to respond through).</param>
    public Message(MessageBase raw, Peer chat, Peer? sender, IEventContext context)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(chat);
        ArgumentNullException.ThrowIfNull(context);
        Raw = raw;
        Chat = chat;
        Sender = sender;
        Context = context;
    }

    /// <summary>The message as Telegram sent it.</summary>
    public MessageBase Raw { get; }

    /// <summary>The chat the message is in.</summary>
    public Peer Chat { get; }

    /// <summary>Who sent the message, when known (the channel itself for broadcast posts).</summary>
    public Peer? Sender { get; }

    /// <summary>The account that has the message.</summary>
    public IEventContext Context { get; }

    /// <summary>The message id.</summary>
    public int Id => Raw switch
    {
        TlMessage m => m.Id,
        MessageService s => s.Id,
        MessageEmpty e => e.Id,
        _ => 0,
    };

    /// <summary>When the message was sent.</summary>
    public DateTimeOffset Date => DateTimeOffset.FromUnixTimeSeconds(Raw switch
    {
        TlMessage m => m.Date,
        MessageService s => s.Date,
        _ => 0,
    });

    /// <summary>The text (or the caption of media); empty for service messages.</summary>
    public string Text => (Raw as TlMessage)?.MessageValue ?? "";

    /// <summary>Whether the logged-in account sent the message.</summary>
    public bool IsOutgoing => Raw switch
    {
        TlMessage m => m.Out,
        MessageService s => s.Out,
        _ => false,
    };

    /// <summary>Whether someone else sent the message.</summary>
    public bool IsIncoming => !IsOutgoing;

    /// <summary>The id of the message this one replies to, if any.</summary>
    public int? ReplyToMessageId => Raw switch
    {
        TlMessage { ReplyTo: MessageReplyHeader h } => h.ReplyToMsgId,
        MessageService { ReplyTo: MessageReplyHeader h } => h.ReplyToMsgId,
        _ => null,
    };

    /// <summary>Sends a message to the same chat.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message> RespondAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(text, null, cancellationToken);

    /// <summary>Sends a message to the same chat, as a reply to this one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message> ReplyAsync(string text, CancellationToken cancellationToken = default) =>
        SendAsync(text, Id, cancellationToken);

    private Task<Message> SendAsync(string text, int? replyTo, CancellationToken cancellationToken) =>
        SendAsync(Context, Chat, text, replyTo, cancellationToken);

    /// <summary>Sends <paramref name="text"/> to <paramref name="chat"/> and returns the message as sent.</summary>
    internal static Task<Message> SendAsync(IEventContext context, Peer chat, string text, int? replyTo, CancellationToken cancellationToken) =>
        new Message(new MessageEmpty { Id = 0 }, chat, null, context).SendFromAsync(text, replyTo, cancellationToken);

    private async Task<Message> SendFromAsync(string text, int? replyTo, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        var randomId = Random.Shared.NextInt64();
        var request = new SendMessage
        {
            Peer = Chat.ToInputPeer(),
            Message = text,
            RandomId = randomId,
            ReplyTo = replyTo is { } id ? new InputReplyToMessage { ReplyToMsgId = id } : null,
        };
        var result = await Context.InvokeAsync(request, cancellationToken).ConfigureAwait(false);
        return FromSent(result, randomId, text, replyTo);
    }

    /// <summary>The message a sendMessage to this chat produced, read from its Updates result.</summary>
    private Message FromSent(UpdatesBase result, long randomId, string text, int? replyTo)
    {
        Peer? self = Context.SelfId is { } selfId ? new User { Id = selfId, IsSelf = true } : null;
        switch (result)
        {
            case UpdateShortSentMessage sent:
                return new Message(new TlMessage
                {
                    Out = true,
                    Id = sent.Id,
                    Date = sent.Date,
                    PeerId = Chat.ToTlPeer(),
                    FromId = self?.ToTlPeer(),
                    MessageValue = text,
                    Media = sent.Media,
                    Entities = sent.Entities,
                    ReplyTo = replyTo is { } r ? new MessageReplyHeader { ReplyToMsgId = r } : null,
                }, Chat, self, Context);
            case UpdatesConstructor or UpdatesCombined:
                var updates = result is UpdatesConstructor u ? u.Updates : ((UpdatesCombined)result).Updates;
                int? id = null;
                foreach (var update in updates)
                {
                    if (update is UpdateMessageID mid && mid.RandomId == randomId)
                        id = mid.Id;
                }
                foreach (var update in updates)
                {
                    var message = update switch
                    {
                        UpdateNewMessage n => n.Message,
                        UpdateNewChannelMessage n => n.Message,
                        _ => null,
                    };
                    if (message is TlMessage m && (id is null ? m.Out : m.Id == id))
                        return new Message(m, Chat, self, Context);
                }
                break;
        }
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"The result of messages.sendMessage ({result.TlName}) does not hold the sent message."));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Id = {Id}, Chat = {Chat.Kind} {Chat.Id}, Sender = {Sender?.Id.ToString(CultureInfo.InvariantCulture) ?? "none"}, Out = {IsOutgoing}, Text = \"{Text}\"");
}
