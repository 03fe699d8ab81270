using System.Globalization;
using Akka.Actor;
using Telethon.Accounts;
using Telethon.Embedding;
using Telethon.Events;
using Telethon.Formatting;
using Telethon.Model;
using Fn = Telethon.Tl.Functions;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

// Dialogs, drafts and contacts.
public sealed partial class Client
{
    /// <summary>The most dialogs messages.getDialogs returns at once.</summary>
    private const int DialogsPageSize = 100;

    /// <summary>
    /// The dialogs the account is part of: groups joined, channels subscribed to and open private conversations, pinned
    /// ones first, then by their latest message, newest first (messages.getDialogs, a page at a time). Bots have no
    /// dialogs: Telegram refuses the request (BOT_METHOD_INVALID). <see cref="AsyncList{T}.TotalCount"/> is Telegram's count.
    /// </summary>
    /// <param name="limit">The most dialogs to fetch; null for all.</param>
    public AsyncList<Dialog> GetDialogsAsync(int? limit = null) => GetDialogsAsync(limit, DialogsPageSize);

    /// <summary>The dialogs, asking for at most <paramref name="pageSize"/> at a time.</summary>
    internal AsyncList<Dialog> GetDialogsAsync(int? limit, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        return new AsyncList<Dialog>((cursor, ct) => FetchDialogsAsync(cursor, Math.Min(pageSize, DialogsPageSize), ct), limit);
    }

    private async Task<AsyncListPage<Dialog>> FetchDialogsAsync(AsyncListCursor cursor, int pageSize, CancellationToken cancellationToken)
    {
        var offset = cursor.State as DialogsOffset ?? DialogsOffset.Start;
        var size = cursor.PageSize(pageSize);
        var result = await InvokeAsync(new Fn.Messages.GetDialogs
        {
            OffsetDate = offset.Date,
            OffsetId = offset.Id,
            OffsetPeer = offset.Peer,
            Limit = size,
            Hash = 0,
        }, cancellationToken).ConfigureAwait(false);
        var (dialogs, messages, chats, users, count, complete) = result switch
        {
            TlTypes.Messages.Dialogs d => (d.DialogsValue, d.Messages, d.Chats, d.Users, (int?)null, true),
            TlTypes.Messages.DialogsSlice d => (d.Dialogs, d.Messages, d.Chats, d.Users, d.Count, false),
            _ => throw new InvalidOperationException($"unexpected answer to messages.getDialogs: {result.TlName}"),
        };
        var peers = new ResultPeers(users, chats);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var byKey = new Dictionary<(long, long, int), TlAbcs.Message>();
        foreach (var message in messages)
        {
            if (ResultPeers.KeyOf(message) is { } key)
                byKey[key] = message;
        }

        var seen = offset.Seen;
        var page = new List<Dialog>(dialogs.Length);
        DialogsOffset? next = null;
        foreach (var raw in dialogs)
        {
            // A folder entry (the archive) is not a chat; its dialogs are listed under its folder id.
            if (raw is not TlTypes.Dialog dialog)
                continue;
            var chat = peers.Get(dialog.Peer);
            byKey.TryGetValue(ResultPeers.KeyOf(dialog.Peer, dialog.TopMessage), out var top);
            // Telegram's paging: the next page starts after the last dialog's top message (its date, id and peer).
            if (top is TlTypes.Message or TlTypes.MessageService)
                next = new DialogsOffset(DateOf(top), dialog.TopMessage, chat.ToInputPeer(), seen);
            if (!seen.Add((dialog.Peer.TlName, chat.Id)))
                continue;
            var draft = dialog.Draft is TlTypes.DraftMessage d ? new Draft(this, chat, d) : null;
            var latest = top is null ? null : peers.MessageOf(top, context);
            page.Add(new Dialog(this, dialog, chat, draft, latest));
        }
        var total = count ?? seen.Count;
        // messages.dialogs is the whole list; a slice shorter than asked, or one that reaches the count, is the last.
        var last = complete || dialogs.Length < size || seen.Count >= total || next is null;
        return new AsyncListPage<Dialog>(page, last ? null : next, total);
    }

    private static int DateOf(TlAbcs.Message message) => message switch
    {
        TlTypes.Message m => m.Date,
        TlTypes.MessageService s => s.Date,
        _ => 0,
    };

    /// <summary>Where the next page of dialogs starts, and the chats already listed (pages may overlap).</summary>
    private sealed record DialogsOffset(int Date, int Id, TlAbcs.InputPeer Peer, HashSet<(string, long)> Seen)
    {
        public static DialogsOffset Start => new(0, 0, new TlTypes.InputPeerEmpty(), []);
    }

    /// <summary>
    /// Deletes a dialog: leaves a group (messages.deleteChatUser of the account itself) or unsubscribes from a channel
    /// or supergroup (channels.leaveChannel), or deletes the history of a private conversation for the account only
    /// (messages.deleteHistory without revoke, repeated until Telegram has deleted all of it). The group or channel
    /// itself stays, with its other members. Bots have no dialogs and Telegram refuses them.
    /// </summary>
    /// <param name="dialog">The chat of the dialog.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RpcError">Telegram refused (USER_NOT_PARTICIPANT, CHANNEL_PRIVATE, PEER_ID_INVALID, ...).</exception>
    public async Task DeleteDialogAsync(PeerLike dialog, CancellationToken cancellationToken = default)
    {
        var reference = await RefOfAsync(dialog, cancellationToken).ConfigureAwait(false);
        switch (reference)
        {
            case ChannelRef channel:
                await InvokeAsync(new Fn.Channels.LeaveChannel { Channel = channel.ToInputChannel() }, cancellationToken).ConfigureAwait(false);
                break;
            case GroupRef group:
                await InvokeAsync(new Fn.Messages.DeleteChatUser
                {
                    ChatId = group.Identifier,
                    UserId = new TlTypes.InputUserSelf(),
                }, cancellationToken).ConfigureAwait(false);
                break;
            default:
                var peer = await InputPeerAsync(dialog, cancellationToken).ConfigureAwait(false);
                // Telegram deletes a long history in parts: a non-zero offset asks for the same call again.
                while (true)
                {
                    var affected = await InvokeAsync(new Fn.Messages.DeleteHistory { Peer = peer, MaxId = 0, Revoke = false }, cancellationToken)
                        .ConfigureAwait(false);
                    if (affected is not TlTypes.Messages.AffectedHistory { Offset: > 0 })
                        break;
                }
                break;
        }
    }

    /// <summary>
    /// The drafts saved in any dialog (messages.getAllDrafts: Telegram answers with an updateDraftMessage for each).
    /// </summary>
    public AsyncList<Draft> GetDraftsAsync() => new(FetchDraftsAsync, null);

    private async Task<AsyncListPage<Draft>> FetchDraftsAsync(AsyncListCursor cursor, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(new Fn.Messages.GetAllDrafts(), cancellationToken).ConfigureAwait(false);
        var (updates, users, chats) = result switch
        {
            TlTypes.UpdatesConstructor u => (u.Updates, u.Users, u.Chats),
            TlTypes.UpdatesCombined u => (u.Updates, u.Users, u.Chats),
            TlTypes.UpdateShort u => ([u.Update], [], []),
            _ => ((TlAbcs.Update[])[], (TlAbcs.User[])[], (TlAbcs.Chat[])[]),
        };
        var peers = new ResultPeers(users, chats);
        var drafts = new List<Draft>();
        foreach (var update in updates)
        {
            if (update is TlTypes.UpdateDraftMessage { Draft: TlTypes.DraftMessage draft } u)
                drafts.Add(new Draft(this, peers.Get(u.Peer), draft));
        }
        return new AsyncListPage<Draft>(drafts, null, drafts.Count);
    }

    /// <summary>
    /// Saves a draft in a chat (messages.saveDraft), replacing the one there; an empty text clears it. Give the text in
    /// exactly one form: plain (<paramref name="text"/>), <paramref name="markdown"/> or <paramref name="html"/>.
    /// </summary>
    /// <param name="peer">The chat to save the draft in.</param>
    /// <param name="text">Plain text.</param>
    /// <param name="markdown">Text formatted with markdown.</param>
    /// <param name="html">Text formatted with HTML.</param>
    /// <param name="linkPreview">Whether the message may have a link preview once sent.</param>
    /// <param name="replyTo">The id of the message the draft replies to.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The draft saved (its date is the local time it was saved: Telegram does not send one back).</returns>
    /// <exception cref="ArgumentException">No text, or more than one form of it, was given.</exception>
    /// <exception cref="RpcError">Telegram refused (PEER_ID_INVALID, ...).</exception>
    public async Task<Draft> EditDraftAsync(PeerLike peer, string? text = null, string? markdown = null, string? html = null,
        bool linkPreview = false, int? replyTo = null, CancellationToken cancellationToken = default)
    {
        var formatted = await CompleteMentionsAsync(FormatOf(text, markdown, html), cancellationToken).ConfigureAwait(false);
        var inputPeer = await InputPeerAsync(peer, cancellationToken).ConfigureAwait(false);
        var chat = await PeerOfAsync(peer, cancellationToken).ConfigureAwait(false);
        var reply = replyTo is { } id ? new TlTypes.InputReplyToMessage { ReplyToMsgId = id } : null;
        var entities = formatted.Entities.Length > 0 ? formatted.Entities : null;
        await InvokeAsync(new Fn.Messages.SaveDraft
        {
            Peer = inputPeer,
            Message = formatted.Text,
            Entities = entities,
            NoWebpage = !linkPreview,
            ReplyTo = reply,
        }, cancellationToken).ConfigureAwait(false);
        return new Draft(this, chat, new TlTypes.DraftMessage
        {
            Message = formatted.Text,
            Entities = entities,
            NoWebpage = !linkPreview,
            ReplyTo = reply,
            Date = (int)DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
    }

    /// <summary>Sends a draft's text, formatting and reply to its chat, clearing the draft (clear_draft).</summary>
    internal async Task<Message> SendDraftAsync(Draft draft, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(draft.Text))
            throw new InvalidOperationException("The draft is empty: there is nothing to send.");
        var peer = await InputPeerAsync(draft.Chat.AccessHash is null && draft.Chat is not Group { IsMegagroup: false } ? draft.Chat.Ref : draft.Chat, cancellationToken)
            .ConfigureAwait(false);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        return await SendFormattedAsync(context, peer, draft.Chat, new FormattedText(draft.Text, [.. draft.Entities]), draft.LinkPreview,
            draft.RepliedMessageId, silent: false, cancellationToken, clearDraft: true).ConfigureAwait(false);
    }

    /// <summary>The users in the account's contact list (contacts.getContacts), in the list's order.</summary>
    public AsyncList<User> GetContactsAsync() => new(FetchContactsAsync, null);

    private async Task<AsyncListPage<User>> FetchContactsAsync(AsyncListCursor cursor, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(new Fn.Contacts.GetContacts { Hash = 0 }, cancellationToken).ConfigureAwait(false);
        if (result is not TlTypes.Contacts.Contacts contacts)
            throw new InvalidOperationException($"unexpected answer to contacts.getContacts: {result.TlName}");
        var peers = new ResultPeers(contacts.Users, []);
        var users = new List<User>(contacts.ContactsValue.Length);
        foreach (var contact in contacts.ContactsValue)
        {
            if (contact is TlTypes.Contact c)
                users.Add(peers.User(c.UserId));
        }
        return new AsyncListPage<User>(users, null, users.Count);
    }

    /// <summary>The peer a <see cref="PeerLike"/> names: the one given, or a placeholder from its reference (its id and
    /// access hash; a channel reference is taken for a broadcast channel, as a reference does not say).</summary>
    private async Task<Peer> PeerOfAsync(PeerLike peer, CancellationToken cancellationToken)
    {
        if (peer.Peer is { } given)
            return given;
        if (peer.Text is { } text && PeerLike.IsSelf(text))
        {
            var status = await Actor.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
            return new User { Id = status.User?.Id ?? throw new InvalidOperationException("The client is not signed in."), IsSelf = true };
        }
        return PeerOfRef(await RefOfAsync(peer, cancellationToken).ConfigureAwait(false));
    }
}
