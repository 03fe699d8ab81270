using System.Globalization;
using Telethon.Events;
using Telethon.Formatting;
using Telethon.Tl.Types;
using MessageBase = Telethon.Tl.Abcs.Message;
using MessageEntity = Telethon.Tl.Abcs.MessageEntity;
using TlMessage = Telethon.Tl.Types.Message;

namespace Telethon.Model;

/// <summary>
/// A message, with its chat and sender resolved from the entities known when it arrived. Empty messages (Telegram's
/// <c>messageEmpty</c>, for ids that do not exist or were deleted) have only <see cref="Id"/> and <see cref="Chat"/>:
/// check <see cref="IsEmpty"/>.
/// </summary>
public sealed class Message
{
    /// <summary>Creates the message.</summary>
    /// <param name="raw">The message as Telegram sent it (message, messageService or messageEmpty).</param>
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

    /// <summary>Who sent the message, when known (the channel itself for broadcast posts; null for anonymous admins).</summary>
    public Peer? Sender { get; }

    /// <summary>The account that has the message.</summary>
    public IEventContext Context { get; }

    /// <summary>Whether this is an empty message (an id that does not exist, or no longer does): only <see cref="Id"/>
    /// and <see cref="Chat"/> mean anything then (Telethon's falsy message).</summary>
    public bool IsEmpty => Raw is MessageEmpty;

    /// <summary>The message id.</summary>
    public int Id => Raw switch
    {
        TlMessage m => m.Id,
        MessageService s => s.Id,
        MessageEmpty e => e.Id,
        _ => 0,
    };

    /// <summary>When the message was sent (the Unix epoch for empty messages).</summary>
    public DateTimeOffset Date => DateTimeOffset.FromUnixTimeSeconds(Raw switch
    {
        TlMessage m => m.Date,
        MessageService s => s.Date,
        _ => 0,
    });

    /// <summary>When the message was last edited; null when it never was.</summary>
    public DateTimeOffset? EditDate => Raw is TlMessage { EditDate: { } date } ? DateTimeOffset.FromUnixTimeSeconds(date) : null;

    /// <summary>The text without formatting (or the caption of media); empty for service and empty messages.</summary>
    public string Text => (Raw as TlMessage)?.MessageValue ?? "";

    /// <summary>The text with its formatting as HTML (see <c>HtmlFormat</c> for the elements used).</summary>
    public string TextHtml => HtmlFormat.Unparse(Text, Entities);

    /// <summary>The text with its formatting as markdown (CommonMark, with Telegram's additions).</summary>
    public string TextMarkdown => MarkdownFormat.Unparse(Text, Entities);

    /// <summary>The formatting entities of the text (bold, links, mentions...), as Telegram sent them.</summary>
    internal IReadOnlyList<MessageEntity> Entities => (Raw as TlMessage)?.Entities ?? [];

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

    /// <summary>Where the message was forwarded from; null when it is not a forward.</summary>
    public Forward? ForwardInfo => Raw is TlMessage { FwdFrom: MessageFwdHeader header } ? Forward.FromTl(header) : null;

    /// <summary>The album the message belongs to: messages with the same id were sent together as one album.</summary>
    public long? GroupedId => (Raw as TlMessage)?.GroupedId;

    /// <summary>Whether the message was sent silently (without a notification).</summary>
    public bool IsSilent => Raw switch
    {
        TlMessage m => m.Silent,
        MessageService s => s.Silent,
        _ => false,
    };

    /// <summary>Whether the message may be forwarded and saved (its sender did not protect it; service messages cannot be
    /// forwarded).</summary>
    public bool CanForward => Raw is TlMessage { Noforwards: false };

    /// <summary>Whether the message shows a link preview (its media is a web page).</summary>
    public bool LinkPreview => Raw is TlMessage { Media: MessageMediaWebPage };

    /// <summary>The file in the message that can be downloaded, whatever its type (Telethon's <c>file</c>): its photo, its
    /// document, or the photo or document of its link preview; null for messages without one (text, polls, venues,
    /// contacts...).</summary>
    public File? File => Model.File.FromMedia((Raw as TlMessage)?.Media, null, Context);

    /// <summary>The message's photo (an image Telegram compressed; an image sent as a file is not one); null otherwise.</summary>
    public File? Photo => File is { IsPhoto: true } photo ? photo : null;

    /// <summary>The message's audio file or voice note (a document with audio attributes); null otherwise.</summary>
    public File? Audio => File is { IsPhoto: false } file && file.Attributes.Any(a => a is DocumentAttributeAudio) ? file : null;

    /// <summary>The message's video, round video or animation (a document with video attributes); null otherwise.</summary>
    public File? Video => File is { IsPhoto: false } file && file.Attributes.Any(a => a is DocumentAttributeVideo) ? file : null;

    /// <summary>The buttons of the message, in rows (Telethon's <c>buttons</c>): under the message when they are
    /// <see cref="InlineButton"/>s, replacing the user's keyboard otherwise; null when it has none (or only hides the
    /// keyboard or asks for a reply: see <see cref="Keyboard.Kind"/>). <c>Buttons[row][column]</c> is a button, which can
    /// be clicked (<see cref="Model.Buttons.Callback.ClickAsync"/>, <see cref="Model.Buttons.Text.ClickAsync"/>).</summary>
    public Keyboard? Buttons => _buttons ??= Raw is TlMessage { ReplyMarkup: Tl.Types.ReplyInlineMarkup or Tl.Types.ReplyKeyboardMarkup } m
        ? KeyboardConversion.FromTl(m.ReplyMarkup, this)
        : null;

    private Keyboard? _buttons;

    /// <summary>The chat as a parameter (<see cref="LikeOf"/>).</summary>
    internal PeerLike ChatLike => LikeOf(Chat);

    /// <summary>A chat as a parameter: a peer without its access hash goes by reference, which the session completes.</summary>
    internal static PeerLike LikeOf(Peer chat) => chat is User { IsSelf: true } || chat.AccessHash is not null || chat is Group { IsMegagroup: false }
        ? chat
        : chat.Ref;

    /// <summary>Sends a message to the same chat.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message> RespondAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(Client.FormatOf(text, null, null), false, null, null, cancellationToken);

    /// <summary>Sends a message to the same chat (Telethon's <c>respond</c>): give exactly one of
    /// <paramref name="text"/>, <paramref name="markdown"/> and <paramref name="html"/>.</summary>
    /// <param name="text">Plain text.</param>
    /// <param name="markdown">Text formatted as markdown.</param>
    /// <param name="html">Text formatted as HTML.</param>
    /// <param name="linkPreview">Whether to show a preview of the first link.</param>
    /// <param name="buttons">The buttons to send with it (see <see cref="Client.SendMessageAsync"/>); only bots can.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">Not exactly one of the texts was given.</exception>
    public Task<Message> RespondAsync(string? text = null, string? markdown = null, string? html = null, bool linkPreview = false,
        Keyboard? buttons = null, CancellationToken cancellationToken = default) =>
        SendAsync(Client.FormatOf(text, markdown, html), linkPreview, null, buttons, cancellationToken);

    /// <summary>Sends a message to the same chat, as a reply to this one.</summary>
    /// <param name="text">The text.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message> ReplyAsync(string text, CancellationToken cancellationToken) =>
        SendAsync(Client.FormatOf(text, null, null), false, Id, null, cancellationToken);

    /// <summary>Sends a message to the same chat as a reply to this one (Telethon's <c>reply</c>): give exactly one of
    /// <paramref name="text"/>, <paramref name="markdown"/> and <paramref name="html"/>.</summary>
    /// <param name="text">Plain text.</param>
    /// <param name="markdown">Text formatted as markdown.</param>
    /// <param name="html">Text formatted as HTML.</param>
    /// <param name="linkPreview">Whether to show a preview of the first link.</param>
    /// <param name="buttons">The buttons to send with it (see <see cref="Client.SendMessageAsync"/>); only bots can.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">Not exactly one of the texts was given.</exception>
    public Task<Message> ReplyAsync(string? text = null, string? markdown = null, string? html = null, bool linkPreview = false,
        Keyboard? buttons = null, CancellationToken cancellationToken = default) =>
        SendAsync(Client.FormatOf(text, markdown, html), linkPreview, Id, buttons, cancellationToken);

    private async Task<Message> SendAsync(FormattedText formatted, bool linkPreview, int? replyTo, Keyboard? buttons, CancellationToken cancellationToken)
    {
        // Mentions need the session's access hashes, which only the client reaches; plain text goes without it.
        if (Array.Exists(formatted.Entities, e => e is Tl.Types.InputMessageEntityMentionName))
            formatted = await Context.Client.CompleteMentionsAsync(formatted, cancellationToken).ConfigureAwait(false);
        return await Client.SendFormattedAsync(Context, Chat.ToInputPeer(), Chat, formatted, linkPreview, replyTo, silent: false, cancellationToken,
            replyMarkup: KeyboardConversion.ToTl(buttons)).ConfigureAwait(false);
    }

    /// <summary>Edits the message (<see cref="Client.EditMessageAsync"/>).</summary>
    /// <param name="text">The new plain text.</param>
    /// <param name="markdown">The new text formatted as markdown.</param>
    /// <param name="html">The new text formatted as HTML.</param>
    /// <param name="linkPreview">Whether to show a preview of the first link.</param>
    /// <param name="buttons">The buttons the message has after the edit (see <see cref="Client.EditMessageAsync"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task<Message> EditAsync(string? text = null, string? markdown = null, string? html = null, bool linkPreview = false,
        Keyboard? buttons = null, CancellationToken cancellationToken = default) =>
        Context.Client.EditMessageAsync(ChatLike, Id, text, markdown, html, linkPreview, buttons, cancellationToken);

    /// <summary>Deletes the message (<see cref="Client.DeleteMessagesAsync"/>).</summary>
    /// <param name="revoke">Whether to delete it for everyone in the chat, not only for the logged-in account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteAsync(bool revoke = true, CancellationToken cancellationToken = default) =>
        Context.Client.DeleteMessagesAsync(ChatLike, [Id], revoke, cancellationToken);

    /// <summary>Forwards the message to <paramref name="target"/> (<see cref="Client.ForwardMessagesAsync"/>).</summary>
    /// <param name="target">Where to forward it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The forwarded copy.</returns>
    public async Task<Message> ForwardAsync(PeerLike target, CancellationToken cancellationToken = default)
    {
        var forwarded = await Context.Client.ForwardMessagesAsync(target, [Id], ChatLike, cancellationToken).ConfigureAwait(false);
        return forwarded[0];
    }

    /// <summary>Pins the message (<see cref="Client.PinMessageAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The service message announcing the pin, if Telegram made one.</returns>
    public Task<Message?> PinAsync(CancellationToken cancellationToken = default) =>
        Context.Client.PinMessageAsync(ChatLike, Id, cancellationToken);

    /// <summary>Unpins the message (<see cref="Client.UnpinMessageAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task UnpinAsync(CancellationToken cancellationToken = default) =>
        Context.Client.UnpinMessageAsync(ChatLike, Id, cancellationToken);

    /// <summary>Marks the chat read up to this message (<see cref="Client.ReadMessageAsync"/>).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task ReadAsync(CancellationToken cancellationToken = default) =>
        Context.Client.ReadMessageAsync(ChatLike, Id, cancellationToken);

    /// <summary>The message this one replies to (<see cref="Client.GetMessagesWithIdsAsync"/>); null when it is not a
    /// reply or the replied message no longer exists.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<Message?> GetRepliedMessageAsync(CancellationToken cancellationToken = default)
    {
        if (ReplyToMessageId is not { } id)
            return null;
        var found = await Context.Client.GetMessagesWithIdsAsync(ChatLike, [id]).ToListAsync(cancellationToken).ConfigureAwait(false);
        return found.Find(m => !m.IsEmpty && m.Id == id);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Id = {Id}, Chat = {Chat.Kind} {Chat.Id}, Sender = {Sender?.Id.ToString(CultureInfo.InvariantCulture) ?? "none"}, Out = {IsOutgoing}, Text = \"{Text}\"");
}
