using Telethon.Formatting;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>
/// A draft message saved in a chat. Obtained from <see cref="Client.GetDraftsAsync"/>, <see cref="Client.EditDraftAsync"/>
/// or <see cref="Dialog.Draft"/>; it is a snapshot and does not change when the draft changes.
/// </summary>
public sealed class Draft
{
    private readonly Client _client;

    internal Draft(Client client, Peer chat, TlAbcs.DraftMessage raw)
    {
        _client = client;
        Chat = chat;
        Raw = raw;
    }

    /// <summary>The draft as Telegram sent it (draftMessage, or draftMessageEmpty for a cleared one).</summary>
    public TlAbcs.DraftMessage Raw { get; }

    /// <summary>The chat where the draft is saved, and where <see cref="SendAsync"/> sends it.</summary>
    public Peer Chat { get; }

    /// <summary>The text of the message that will be sent; null when the draft is empty.</summary>
    public string? Text => (Raw as TlTypes.DraftMessage)?.Message;

    /// <summary>The formatting entities of <see cref="Text"/>.</summary>
    internal IReadOnlyList<TlAbcs.MessageEntity> Entities => (Raw as TlTypes.DraftMessage)?.Entities ?? [];

    /// <summary>The text with its formatting as HTML; null when the draft is empty.</summary>
    public string? TextHtml => Text is { Length: > 0 } text ? HtmlFormat.Unparse(text, Entities) : null;

    /// <summary>The text with its formatting as markdown; null when the draft is empty.</summary>
    public string? TextMarkdown => Text is { Length: > 0 } text ? MarkdownFormat.Unparse(text, Entities) : null;

    /// <summary>When the draft was last updated, when Telegram says.</summary>
    public DateTimeOffset? Date => Raw switch
    {
        TlTypes.DraftMessage d => DateTimeOffset.FromUnixTimeSeconds(d.Date),
        TlTypes.DraftMessageEmpty { Date: { } date } => DateTimeOffset.FromUnixTimeSeconds(date),
        _ => null,
    };

    /// <summary>The id of the message the draft replies to once sent, if any.</summary>
    public int? RepliedMessageId => Raw is TlTypes.DraftMessage { ReplyTo: TlTypes.InputReplyToMessage reply } ? reply.ReplyToMsgId : null;

    /// <summary>Whether the link preview is allowed to exist when the message is sent.</summary>
    public bool LinkPreview => Raw is TlTypes.DraftMessage { NoWebpage: false };

    /// <summary>Replaces the draft with a new one (alias for <see cref="Client.EditDraftAsync"/> in this chat).</summary>
    /// <param name="text">Plain text; give exactly one of <paramref name="text"/>, <paramref name="markdown"/> and <paramref name="html"/>.</param>
    /// <param name="markdown">Text formatted with markdown.</param>
    /// <param name="html">Text formatted with HTML.</param>
    /// <param name="linkPreview">Whether the message may have a link preview once sent.</param>
    /// <param name="replyTo">The id of the message to reply to.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The new draft.</returns>
    public Task<Draft> EditAsync(string? text = null, string? markdown = null, string? html = null, bool linkPreview = false,
        int? replyTo = null, CancellationToken cancellationToken = default) =>
        _client.EditDraftAsync(Chat, text, markdown, html, linkPreview, replyTo, cancellationToken);

    /// <summary>Clears the draft (saves an empty one).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task DeleteAsync(CancellationToken cancellationToken = default) =>
        await _client.EditDraftAsync(Chat, "", cancellationToken: cancellationToken).ConfigureAwait(false);

    /// <summary>Sends the draft's text (with its formatting, reply and link preview setting) to the chat; Telegram clears
    /// the draft as it sends.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message sent.</returns>
    /// <exception cref="InvalidOperationException">The draft is empty.</exception>
    public Task<Message> SendAsync(CancellationToken cancellationToken = default) =>
        _client.SendDraftAsync(this, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"Draft {{ Chat = {Chat.Kind} {Chat.Id}, Text = \"{Text}\" }}";
}
