using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>
/// A dialog: an open conversation in the account's chat list (a group joined, a channel subscribed to, or a private
/// conversation). Obtained from <see cref="Client.GetDialogsAsync(int?)"/>; it is a snapshot and does not change as new
/// messages arrive.
/// </summary>
public sealed class Dialog
{
    private readonly Client _client;

    internal Dialog(Client client, TlAbcs.Dialog raw, Peer chat, Draft? draft, Message? latestMessage)
    {
        _client = client;
        Raw = raw;
        Chat = chat;
        Draft = draft;
        LatestMessage = latestMessage;
    }

    /// <summary>The dialog as Telegram sent it (dialog or dialogFolder).</summary>
    public TlAbcs.Dialog Raw { get; }

    /// <summary>The chat where messages are sent in this dialog.</summary>
    public Peer Chat { get; }

    /// <summary>The message draft within this dialog, if any (it does not change when the draft changes).</summary>
    public Draft? Draft { get; }

    /// <summary>The latest message sent or received in this dialog, if any (it does not change when messages arrive).</summary>
    public Message? LatestMessage { get; }

    /// <summary>How many messages of this dialog are unread (it does not change when messages are read or sent).</summary>
    public int UnreadCount => Raw switch
    {
        TlTypes.Dialog d => d.UnreadCount,
        TlTypes.DialogFolder f => f.UnreadMutedMessagesCount + f.UnreadUnmutedMessagesCount,
        _ => 0,
    };

    /// <summary>Whether the dialog is pinned to the top of the list.</summary>
    public bool IsPinned => Raw switch
    {
        TlTypes.Dialog d => d.Pinned,
        TlTypes.DialogFolder f => f.Pinned,
        _ => false,
    };

    /// <summary>Alias for <see cref="Client.DeleteDialogAsync"/>: leaves the group or channel, or deletes the private
    /// conversation.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task DeleteAsync(CancellationToken cancellationToken = default) => _client.DeleteDialogAsync(Chat, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"Dialog {{ Chat = {Chat.Kind} {Chat.Id} \"{Chat.Name}\", Unread = {UnreadCount} }}";
}
