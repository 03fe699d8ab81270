using System.Globalization;
using Akka.Actor;
using Telethon.Accounts;
using Telethon.Embedding;
using Telethon.Events;
using Telethon.Formatting;
using Telethon.Model;
using Telethon.Updates;
using Fn = Telethon.Tl.Functions;
using MessageBase = Telethon.Tl.Abcs.Message;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

// Messages: sending, editing, deleting, forwarding, fetching, searching, pinning and reading them.
public sealed partial class Client
{
    /// <summary>Telegram's most messages per page of history, search and getMessages.</summary>
    private const int MessagePageSize = 100;

    /// <summary>
    /// Sends a message to <paramref name="chat"/> (Telethon's <c>send_message</c>): give exactly one of
    /// <paramref name="text"/> (plain), <paramref name="markdown"/> and <paramref name="html"/>.
    /// </summary>
    /// <param name="chat">Where to send it.</param>
    /// <param name="text">Plain text, sent as it is.</param>
    /// <param name="markdown">Text formatted as markdown.</param>
    /// <param name="html">Text formatted as HTML.</param>
    /// <param name="linkPreview">Whether to show a preview of the first link (off by default).</param>
    /// <param name="replyTo">The id of the message to reply to.</param>
    /// <param name="silent">Whether to send it without a notification.</param>
    /// <param name="buttons">The buttons to send with it, in rows (<c>[[a, b], [c]]</c>), or a keyboard command
    /// (<see cref="Keyboard.Hide"/>, <see cref="Keyboard.ForceReply"/>); null or empty for none. Only bots can send buttons.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message as sent.</returns>
    /// <exception cref="ArgumentException">Not exactly one of the texts was given.</exception>
    /// <exception cref="RpcError">Telegram refused it (MESSAGE_EMPTY, PEER_ID_INVALID, CHAT_WRITE_FORBIDDEN, BUTTON_DATA_INVALID...).</exception>
    public async Task<Message> SendMessageAsync(PeerLike chat, string? text = null, string? markdown = null, string? html = null,
        bool linkPreview = false, int? replyTo = null, bool silent = false, Keyboard? buttons = null, CancellationToken cancellationToken = default)
    {
        var formatted = await CompleteMentionsAsync(FormatOf(text, markdown, html), cancellationToken).ConfigureAwait(false);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        return await SendFormattedAsync(context, peer, chat.Peer, formatted, linkPreview, replyTo, silent, cancellationToken,
            replyMarkup: KeyboardConversion.ToTl(buttons)).ConfigureAwait(false);
    }

    /// <summary>
    /// Edits a message (Telethon's <c>edit_message</c>): its text becomes one of <paramref name="text"/>,
    /// <paramref name="markdown"/> or <paramref name="html"/>; with none, the text stays and only the link preview and the
    /// buttons change.
    /// </summary>
    /// <param name="chat">The chat the message is in.</param>
    /// <param name="messageId">The id of the message.</param>
    /// <param name="text">The new plain text.</param>
    /// <param name="markdown">The new text formatted as markdown.</param>
    /// <param name="html">The new text formatted as HTML.</param>
    /// <param name="linkPreview">Whether to show a preview of the first link.</param>
    /// <param name="buttons">The inline buttons the message has after the edit. As in Telegram (and Telethon), an edit
    /// replaces them: null or an empty keyboard removes the buttons the message had. Only bots can send buttons.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The edited message.</returns>
    /// <exception cref="ArgumentException">More than one of the texts was given.</exception>
    /// <exception cref="RpcError">MESSAGE_AUTHOR_REQUIRED (someone else's message), MESSAGE_ID_INVALID, MESSAGE_NOT_MODIFIED...</exception>
    public async Task<Message> EditMessageAsync(PeerLike chat, int messageId, string? text = null, string? markdown = null, string? html = null,
        bool linkPreview = false, Keyboard? buttons = null, CancellationToken cancellationToken = default)
    {
        FormattedText? formatted = text is null && markdown is null && html is null
            ? null
            : await CompleteMentionsAsync(FormatOf(text, markdown, html), cancellationToken).ConfigureAwait(false);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        var result = await InvokeAsync(new Fn.Messages.EditMessage
        {
            NoWebpage = !linkPreview,
            Peer = peer,
            Id = messageId,
            Message = formatted?.Text,
            Entities = formatted is { Entities.Length: > 0 } f ? f.Entities : null,
            ReplyMarkup = KeyboardConversion.ToTl(buttons),
        }, cancellationToken).ConfigureAwait(false);
        var sent = SentMessages.Of(result, context, chat.Peer);
        return sent.WithId(messageId) ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"The result of messages.editMessage ({result.TlName}) does not hold message {messageId}."));
    }

    /// <summary>
    /// Deletes messages (Telethon's <c>delete_messages</c>). In private chats and small groups the ids are the account's
    /// own (they may name messages of other such chats); in supergroups and channels they are the channel's, and
    /// <paramref name="revoke"/> does not apply (they go for everyone).
    /// </summary>
    /// <param name="chat">The chat the messages are in.</param>
    /// <param name="messageIds">The ids of the messages.</param>
    /// <param name="revoke">Whether to delete them for everyone, not only for the logged-in account.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many messages were deleted.</returns>
    /// <exception cref="RpcError">MESSAGE_DELETE_FORBIDDEN, CHANNEL_INVALID...</exception>
    public async Task<int> DeleteMessagesAsync(PeerLike chat, IReadOnlyList<int> messageIds, bool revoke = true, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (messageIds.Count == 0)
            return 0;
        var reference = await RefOfAsync(chat, cancellationToken).ConfigureAwait(false);
        TlAbcs.Messages.AffectedMessages affected = reference is ChannelRef channel
            ? await InvokeAsync(new Fn.Channels.DeleteMessages { Channel = channel.ToInputChannel(), Id = [.. messageIds] }, cancellationToken).ConfigureAwait(false)
            : await InvokeAsync(new Fn.Messages.DeleteMessages { Revoke = revoke, Id = [.. messageIds] }, cancellationToken).ConfigureAwait(false);
        return ((TlTypes.Messages.AffectedMessages)affected).PtsCount;
    }

    /// <summary>Forwards messages from <paramref name="source"/> to <paramref name="target"/> (Telethon's
    /// <c>forward_messages</c>).</summary>
    /// <param name="target">Where to forward them.</param>
    /// <param name="messageIds">The ids of the messages, in <paramref name="source"/>.</param>
    /// <param name="source">The chat the messages are in.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The forwarded copies, in the order of <paramref name="messageIds"/>; an empty message
    /// (<see cref="Message.IsEmpty"/>) stands for one Telegram did not forward.</returns>
    /// <exception cref="RpcError">MESSAGE_ID_INVALID, CHAT_FORWARDS_RESTRICTED...</exception>
    public async Task<IReadOnlyList<Message>> ForwardMessagesAsync(PeerLike target, IReadOnlyList<int> messageIds, PeerLike source,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messageIds);
        if (messageIds.Count == 0)
            return [];
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var to = await InputPeerAsync(target, cancellationToken).ConfigureAwait(false);
        var from = await InputPeerAsync(source, cancellationToken).ConfigureAwait(false);
        var randomIds = new long[messageIds.Count];
        for (var i = 0; i < randomIds.Length; i++)
            randomIds[i] = RandomId();
        var result = await InvokeAsync(new Fn.Messages.ForwardMessages
        {
            FromPeer = from,
            Id = [.. messageIds],
            RandomId = randomIds,
            ToPeer = to,
        }, cancellationToken).ConfigureAwait(false);
        var sent = SentMessages.Of(result, context, target.Peer);
        var chat = target.Peer ?? PeerOfInput(to, context);
        var messages = new List<Message>(randomIds.Length);
        foreach (var randomId in randomIds)
            messages.Add(sent.WithRandomId(randomId) ?? new Message(new TlTypes.MessageEmpty { Id = 0, PeerId = chat.ToTlPeer() }, chat, null, context));
        return messages;
    }

    /// <summary>
    /// The history of <paramref name="chat"/> (Telethon's <c>get_messages</c>), newest first, or oldest first with
    /// <paramref name="reverse"/> (Telethon's <c>reversed(...)</c>). Pages of up to 100 are fetched as the list is read.
    /// </summary>
    /// <param name="chat">The chat.</param>
    /// <param name="limit">How many messages at most; null for all.</param>
    /// <param name="offsetId">Only messages older than this id (newer, with <paramref name="reverse"/>).</param>
    /// <param name="offsetDate">Only messages sent before this date (at or after it, with <paramref name="reverse"/>).</param>
    /// <param name="reverse">Whether to go from the oldest message to the newest.</param>
    /// <exception cref="ArgumentOutOfRangeException">A negative limit or offset.</exception>
    public AsyncList<Message> GetMessagesAsync(PeerLike chat, int? limit = null, int? offsetId = null, DateTimeOffset? offsetDate = null,
        bool reverse = false)
    {
        RequirePeer(chat);
        if (offsetId is < 0)
            throw new ArgumentOutOfRangeException(nameof(offsetId), offsetId, "A message id is not negative.");
        var date = UnixTime(offsetDate);
        return new AsyncList<Message>(async (cursor, ct) =>
        {
            var state = cursor.State as HistoryPage ?? new HistoryPage(
                await ContextAsync(ct).ConfigureAwait(false),
                await InputPeerAsync(chat, ct).ConfigureAwait(false),
                // Oldest first: from just after offset_id (the first message when there is no offset), towards newer
                // messages (a negative add_offset of a whole page, Telegram's documented way), min_id bounding the start.
                reverse ? offsetId is { } id ? id + 1 : date == 0 ? 1 : 0 : offsetId ?? 0,
                date,
                reverse ? offsetId ?? 0 : 0);
            var size = cursor.PageSize(MessagePageSize);
            var result = await InvokeAsync(new Fn.Messages.GetHistory
            {
                Peer = state.Peer,
                OffsetId = state.OffsetId,
                OffsetDate = state.OffsetDate,
                AddOffset = reverse ? -size : 0,
                Limit = size,
                MaxId = 0,
                MinId = state.MinId,
                Hash = 0,
            }, ct).ConfigureAwait(false);
            var page = PageOf(result, state.Context, chat.Peer ?? PeerOfInput(state.Peer, state.Context));
            if (reverse)
                page.Messages.Reverse();
            var last = LastNonEmpty(page.Messages);
            var next = page.IsComplete || page.Raw < size || last is null
                ? null
                : state with { OffsetId = reverse ? last.Id + 1 : last.Id, OffsetDate = 0 };
            return new AsyncListPage<Message>(page.Messages, next, page.Count);
        }, limit);
    }

    /// <summary>
    /// The messages of <paramref name="chat"/> with the ids <paramref name="messageIds"/> (Telethon's
    /// <c>get_messages_with_ids</c>). An id that does not exist gives an empty message (<see cref="Message.IsEmpty"/>).
    /// In private chats and small groups the ids are the account's own, whatever the chat.
    /// </summary>
    /// <param name="chat">The chat the messages are in.</param>
    /// <param name="messageIds">The ids.</param>
    public AsyncList<Message> GetMessagesWithIdsAsync(PeerLike chat, IReadOnlyList<int> messageIds)
    {
        RequirePeer(chat);
        ArgumentNullException.ThrowIfNull(messageIds);
        var ids = messageIds.ToArray();
        return new AsyncList<Message>(async (cursor, ct) =>
        {
            var start = cursor.State as int? ?? 0;
            if (start >= ids.Length)
                return new AsyncListPage<Message>([], null, ids.Length);
            var context = await ContextAsync(ct).ConfigureAwait(false);
            var reference = await RefOfAsync(chat, ct).ConfigureAwait(false);
            var chunk = new TlAbcs.InputMessage[Math.Min(MessagePageSize, ids.Length - start)];
            for (var i = 0; i < chunk.Length; i++)
                chunk[i] = new TlTypes.InputMessageID { Id = ids[start + i] };
            var result = reference is ChannelRef channel
                ? await InvokeAsync(new Fn.Channels.GetMessages { Channel = channel.ToInputChannel(), Id = chunk }, ct).ConfigureAwait(false)
                : await InvokeAsync(new Fn.Messages.GetMessages { Id = chunk }, ct).ConfigureAwait(false);
            var page = PageOf(result, context, chat.Peer ?? PeerOfRef(reference));
            var end = start + chunk.Length;
            return new AsyncListPage<Message>(page.Messages, end < ids.Length ? end : null, ids.Length);
        }, null);
    }

    /// <summary>Searches the messages of <paramref name="chat"/> on Telegram's side (Telethon's <c>search_messages</c>),
    /// newest first.</summary>
    /// <param name="chat">The chat.</param>
    /// <param name="limit">How many messages at most; null for all that match.</param>
    /// <param name="query">What to look for (Telegram's fuzzy text search); null or empty for every message.</param>
    /// <param name="offsetId">Only messages older than this id.</param>
    /// <param name="offsetDate">Only messages sent before this date.</param>
    public AsyncList<Message> SearchMessagesAsync(PeerLike chat, int? limit = null, string? query = null, int? offsetId = null,
        DateTimeOffset? offsetDate = null)
    {
        RequirePeer(chat);
        if (offsetId is < 0)
            throw new ArgumentOutOfRangeException(nameof(offsetId), offsetId, "A message id is not negative.");
        var date = UnixTime(offsetDate);
        return new AsyncList<Message>(async (cursor, ct) =>
        {
            var state = cursor.State as HistoryPage ?? new HistoryPage(
                await ContextAsync(ct).ConfigureAwait(false), await InputPeerAsync(chat, ct).ConfigureAwait(false), offsetId ?? 0, date, 0);
            var size = cursor.PageSize(MessagePageSize);
            var result = await InvokeAsync(new Fn.Messages.Search
            {
                Peer = state.Peer,
                Q = query ?? "",
                Filter = new TlTypes.InputMessagesFilterEmpty(),
                MinDate = 0,
                MaxDate = state.OffsetDate,
                OffsetId = state.OffsetId,
                AddOffset = 0,
                Limit = size,
                MaxId = 0,
                MinId = 0,
                Hash = 0,
            }, ct).ConfigureAwait(false);
            var page = PageOf(result, state.Context, chat.Peer ?? PeerOfInput(state.Peer, state.Context));
            var last = LastNonEmpty(page.Messages);
            // The next page starts below the last message: its id alone says where (a date bound would cut equal dates).
            var next = page.IsComplete || page.Raw < size || last is null ? null : state with { OffsetId = last.Id, OffsetDate = 0 };
            return new AsyncListPage<Message>(page.Messages, next, page.Count);
        }, limit);
    }

    /// <summary>Searches the messages of every chat of the account on Telegram's side (Telethon's
    /// <c>search_all_messages</c>), newest first.</summary>
    /// <param name="limit">How many messages at most; null for all that match.</param>
    /// <param name="query">What to look for (Telegram's fuzzy text search).</param>
    /// <param name="offsetId">With <paramref name="offsetDate"/>: where to start (the last message of an earlier search).</param>
    /// <param name="offsetDate">Only messages sent before this date.</param>
    public AsyncList<Message> SearchAllMessagesAsync(int? limit = null, string? query = null, int? offsetId = null, DateTimeOffset? offsetDate = null)
    {
        if (offsetId is < 0)
            throw new ArgumentOutOfRangeException(nameof(offsetId), offsetId, "A message id is not negative.");
        var date = UnixTime(offsetDate);
        return new AsyncList<Message>(async (cursor, ct) =>
        {
            var state = cursor.State as GlobalSearchPage
                ?? new GlobalSearchPage(await ContextAsync(ct).ConfigureAwait(false), 0, new TlTypes.InputPeerEmpty(), offsetId ?? 0, date);
            var size = cursor.PageSize(MessagePageSize);
            var result = await InvokeAsync(new Fn.Messages.SearchGlobal
            {
                Q = query ?? "",
                Filter = new TlTypes.InputMessagesFilterEmpty(),
                MinDate = 0,
                MaxDate = state.MaxDate,
                OffsetRate = state.OffsetRate,
                OffsetPeer = state.OffsetPeer,
                OffsetId = state.OffsetId,
                Limit = size,
            }, ct).ConfigureAwait(false);
            var page = PageOf(result, state.Context, null);
            var last = LastNonEmpty(page.Messages);
            // Global search pages by (rate, peer, id) of the last message: Telegram gives the rate as next_rate.
            var next = page.IsComplete || page.Raw < size || last is null
                ? null
                : state with
                {
                    OffsetRate = (result as TlTypes.Messages.MessagesSlice)?.NextRate ?? (int)last.Date.ToUnixTimeSeconds(),
                    OffsetPeer = last.Chat.ToInputPeer(),
                    OffsetId = last.Id,
                };
            return new AsyncListPage<Message>(page.Messages, next, page.Count);
        }, limit);
    }

    /// <summary>Pins a message at the top of its chat (Telethon's <c>pin_message</c>; silently, as Telethon does).</summary>
    /// <param name="chat">The chat the message is in.</param>
    /// <param name="messageId">The id of the message.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The service message announcing the pin; null when Telegram made none.</returns>
    /// <exception cref="RpcError">MESSAGE_ID_INVALID, CHAT_ADMIN_REQUIRED...</exception>
    public async Task<Message?> PinMessageAsync(PeerLike chat, int messageId, CancellationToken cancellationToken = default)
    {
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        var result = await InvokeAsync(new Fn.Messages.UpdatePinnedMessage { Silent = true, Peer = peer, Id = messageId }, cancellationToken)
            .ConfigureAwait(false);
        return SentMessages.Of(result, context, chat.Peer).PinService();
    }

    /// <summary>Unpins a message, or every pinned message of the chat (Telethon's <c>unpin_message</c> with <c>'all'</c>).</summary>
    /// <param name="chat">The chat.</param>
    /// <param name="messageId">The id of the message to unpin; null for all of them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RpcError">MESSAGE_ID_INVALID, CHAT_ADMIN_REQUIRED...</exception>
    public async Task UnpinMessageAsync(PeerLike chat, int? messageId, CancellationToken cancellationToken = default)
    {
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        if (messageId is { } id)
        {
            await InvokeAsync(new Fn.Messages.UpdatePinnedMessage { Silent = true, Unpin = true, Peer = peer, Id = id }, cancellationToken).ConfigureAwait(false);
            return;
        }
        // Telegram unpins in batches: a positive offset says there are more, and the call is repeated.
        while (true)
        {
            var affected = (TlTypes.Messages.AffectedHistory)await InvokeAsync(new Fn.Messages.UnpinAllMessages { Peer = peer }, cancellationToken)
                .ConfigureAwait(false);
            if (affected.Offset <= 0)
                return;
        }
    }

    /// <summary>Marks the messages of <paramref name="chat"/> read up to <paramref name="messageId"/> (Telethon's
    /// <c>read_message</c>): the sender sees them read.</summary>
    /// <param name="chat">The chat.</param>
    /// <param name="messageId">The newest message to mark read (with every older one); null for all of them.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="RpcError">PEER_ID_INVALID, CHANNEL_PRIVATE...</exception>
    public async Task ReadMessageAsync(PeerLike chat, int? messageId, CancellationToken cancellationToken = default)
    {
        if (messageId is < 0)
            throw new ArgumentOutOfRangeException(nameof(messageId), messageId, "A message id is not negative.");
        // max_id 0 reads everything.
        var maxId = messageId ?? 0;
        var reference = await RefOfAsync(chat, cancellationToken).ConfigureAwait(false);
        if (reference is ChannelRef channel)
        {
            await InvokeAsync(new Fn.Channels.ReadHistory { Channel = channel.ToInputChannel(), MaxId = maxId }, cancellationToken).ConfigureAwait(false);
            return;
        }
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        await InvokeAsync(new Fn.Messages.ReadHistory { Peer = peer, MaxId = maxId }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text and entities of exactly one of plain text, markdown and HTML.</summary>
    /// <exception cref="ArgumentException">None or more than one was given.</exception>
    internal static FormattedText FormatOf(string? text, string? markdown, string? html)
    {
        var given = (text is null ? 0 : 1) + (markdown is null ? 0 : 1) + (html is null ? 0 : 1);
        if (given != 1)
            throw new ArgumentException("Give exactly one of text, markdown and html.", given == 0 ? nameof(text) : nameof(markdown));
        return text is not null ? new FormattedText(text, []) : markdown is not null ? MarkdownFormat.Parse(markdown) : HtmlFormat.Parse(html!);
    }

    /// <summary>
    /// The text with its mentions made sendable: markup names a mentioned user by id only (<c>tg://user?id=N</c>), and
    /// Telegram needs the user's access hash in inputMessageEntityMentionName, which the session's peers give when the
    /// account has seen the user. A user the session does not know keeps hash 0 (Telegram then drops the mention).
    /// </summary>
    internal async Task<FormattedText> CompleteMentionsAsync(FormattedText formatted, CancellationToken cancellationToken)
    {
        TlAbcs.MessageEntity[]? completed = null;
        for (var i = 0; i < formatted.Entities.Length; i++)
        {
            if (formatted.Entities[i] is not TlTypes.InputMessageEntityMentionName { UserId: TlTypes.InputUser { AccessHash: 0 } user } mention)
                continue;
            var known = await RefOfAsync(new UserRef(user.UserId), cancellationToken).ConfigureAwait(false);
            if (known.Authorization is not { } hash)
                continue;
            completed ??= (TlAbcs.MessageEntity[])formatted.Entities.Clone();
            completed[i] = new TlTypes.InputMessageEntityMentionName
            {
                Offset = mention.Offset,
                Length = mention.Length,
                UserId = new TlTypes.InputUser { UserId = user.UserId, AccessHash = hash },
            };
        }
        return completed is null ? formatted : formatted with { Entities = completed };
    }

    /// <summary>Sends formatted text (with <paramref name="replyMarkup"/>, its buttons) as the account of
    /// <paramref name="context"/> and returns the message as sent, read from the Updates result (an updateShortSentMessage
    /// in private chats, the new message itself otherwise).</summary>
    internal static async Task<Message> SendFormattedAsync(IEventContext context, TlAbcs.InputPeer peer, Peer? chat, FormattedText formatted,
        bool linkPreview, int? replyTo, bool silent, CancellationToken cancellationToken, bool clearDraft = false,
        TlAbcs.ReplyMarkup? replyMarkup = null)
    {
        var randomId = RandomId();
        var entities = formatted.Entities.Length > 0 ? formatted.Entities : null;
        var result = await context.InvokeAsync(new Fn.Messages.SendMessage
        {
            NoWebpage = !linkPreview,
            Silent = silent,
            ClearDraft = clearDraft,
            Peer = peer,
            Message = formatted.Text,
            RandomId = randomId,
            ReplyTo = replyTo is { } id ? new TlTypes.InputReplyToMessage { ReplyToMsgId = id } : null,
            Entities = entities,
            ReplyMarkup = replyMarkup,
        }, cancellationToken).ConfigureAwait(false);
        return SentMessage(result, randomId, context, peer, chat, formatted.Text, entities, replyTo, silent);
    }

    /// <summary>
    /// The message a send (messages.sendMessage, messages.sendMedia) made, read from its Updates result: an
    /// updateShortSentMessage in private chats, where only the id, date, media and entities come back and the rest is what
    /// was sent (<paramref name="text"/>, <paramref name="entities"/>, <paramref name="replyTo"/>, <paramref name="silent"/>),
    /// or the new message itself otherwise.
    /// </summary>
    internal static Message SentMessage(TlAbcs.UpdatesBase result, long randomId, IEventContext context, TlAbcs.InputPeer peer, Peer? chat,
        string text, TlAbcs.MessageEntity[]? entities, int? replyTo, bool silent)
    {
        if (result is TlTypes.UpdateShortSentMessage sent)
        {
            var target = chat ?? PeerOfInput(peer, context);
            var self = context.SelfId is { } selfId ? new User { Id = selfId, IsSelf = true } : null;
            return new Message(new TlTypes.Message
            {
                Out = true,
                Silent = silent,
                Id = sent.Id,
                Date = sent.Date,
                PeerId = target.ToTlPeer(),
                FromId = self?.ToTlPeer(),
                MessageValue = text,
                Media = sent.Media,
                Entities = sent.Entities ?? entities,
                TtlPeriod = sent.TtlPeriod,
                ReplyTo = replyTo is { } r ? new TlTypes.MessageReplyHeader { ReplyToMsgId = r } : null,
            }, target, self, context);
        }
        return SentMessages.Of(result, context, chat).WithRandomId(randomId)
            ?? throw new InvalidOperationException($"The result of the send ({result.TlName}) does not hold the sent message.");
    }

    /// <summary>The account's context for the messages the client builds (who is signed in, to tell outgoing ones).</summary>
    internal async Task<IEventContext> ContextAsync(CancellationToken cancellationToken)
    {
        var actor = Actor;
        var status = await actor.Ask<AccountStatus>(GetAccountStatus.Instance, TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        return new AccountContext(actor, _runtime.System, _key, status.User?.Id ?? 0, status.User?.Username, Options.RequestTimeout);
    }

    private static void RequirePeer(PeerLike chat)
    {
        if (chat.IsEmpty)
            throw new ArgumentException("No chat was given.", nameof(chat));
    }

    private static int UnixTime(DateTimeOffset? date) => date switch
    {
        null => 0,
        { } d when d.ToUnixTimeSeconds() is >= 0 and <= int.MaxValue => (int)d.ToUnixTimeSeconds(),
        { } d => throw new ArgumentOutOfRangeException(nameof(date), d, "The date is outside what Telegram's dates can hold."),
    };

    // Telegram drops a message whose random id it has seen: zero is not used, and the rest are random.
    private static long RandomId()
    {
        long id;
        do
            id = Random.Shared.NextInt64(long.MinValue, long.MaxValue);
        while (id == 0);
        return id;
    }

    private static Message? LastNonEmpty(List<Message> messages)
    {
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            if (!messages[i].IsEmpty)
                return messages[i];
        }
        return null;
    }

    /// <summary>A stand-in for the peer an input peer names, when the call was given no peer with a name.</summary>
    private static Peer PeerOfInput(TlAbcs.InputPeer peer, IEventContext context) => peer switch
    {
        TlTypes.InputPeerSelf => new User { Id = context.SelfId ?? 0, IsSelf = true },
        TlTypes.InputPeerUser u => new User { Id = u.UserId, AccessHash = u.AccessHash },
        TlTypes.InputPeerChat c => new Group { Id = c.ChatId },
        TlTypes.InputPeerChannel c => new Channel { Id = c.ChannelId, AccessHash = c.AccessHash },
        _ => throw new ArgumentException($"The input peer {peer.TlName} names no chat.", nameof(peer)),
    };

    private static Peer PeerOfRef(PeerRef reference) => reference switch
    {
        UserRef u => new User { Id = u.Identifier, AccessHash = u.Authorization },
        GroupRef g => new Group { Id = g.Identifier },
        _ => new Channel { Id = reference.Identifier, AccessHash = reference.Authorization },
    };

    /// <summary>The messages of a messages.Messages result, built with the chats and senders of its users and chats.</summary>
    /// <param name="result">The result.</param>
    /// <param name="context">The account.</param>
    /// <param name="chat">The chat asked about (for empty messages, and its name when the result lacks it); null for
    /// global searches.</param>
    private static MessagePage PageOf(TlAbcs.Messages.Messages result, IEventContext context, Peer? chat)
    {
        var (raws, users, chats, count, complete) = result switch
        {
            TlTypes.Messages.Messages m => (m.MessagesValue, m.Users, m.Chats, m.MessagesValue.Length, true),
            TlTypes.Messages.MessagesSlice m => (m.Messages, m.Users, m.Chats, m.Count, false),
            TlTypes.Messages.ChannelMessages m => (m.Messages, m.Users, m.Chats, m.Count, false),
            TlTypes.Messages.MessagesNotModified m => ([], [], [], m.Count, true),
            _ => throw new InvalidOperationException($"Unexpected messages result {result.TlName}."),
        };
        var cache = CacheOf(chat, users, chats);
        var messages = new List<Message>(raws.Length);
        foreach (var raw in raws)
        {
            if (Build(raw, cache, context, chat) is { } message)
                messages.Add(message);
        }
        return new MessagePage(messages, raws.Length, count, complete);
    }

    /// <summary>A cache of the entities a result came with (its own, apart from the updates actor's), knowing
    /// <paramref name="chat"/> too when the result does not name it.</summary>
    private static EntityCache CacheOf(Peer? chat, IEnumerable<TlAbcs.User> users, IEnumerable<TlAbcs.Chat> chats)
    {
        var cache = new EntityCache();
        if (chat is not null)
            cache.Remember(chat);
        cache.Remember(users, chats);
        return cache;
    }

    /// <summary>The message of a TL message; empty ones are in <paramref name="chat"/> unless they name their own.</summary>
    private static Message? Build(MessageBase raw, EntityCache cache, IEventContext context, Peer? chat)
    {
        if (raw is TlTypes.MessageEmpty empty)
        {
            var where = empty.PeerId is { } p ? cache.Resolve(p) : chat;
            return where is null ? null : new Message(raw, where, null, context);
        }
        return EventFactory.CreateMessage(raw, cache, context);
    }

    /// <summary>Where the next page of a history or chat search starts.</summary>
    private sealed record HistoryPage(IEventContext Context, TlAbcs.InputPeer Peer, int OffsetId, int OffsetDate, int MinId);

    /// <summary>Where the next page of a global search starts.</summary>
    private sealed record GlobalSearchPage(IEventContext Context, int OffsetRate, TlAbcs.InputPeer OffsetPeer, int OffsetId, int MaxDate);

    /// <summary>The messages of one result.</summary>
    /// <param name="Messages">The messages built.</param>
    /// <param name="Raw">How many messages the result held (empty ones included).</param>
    /// <param name="Count">Telegram's total count.</param>
    /// <param name="IsComplete">Whether the result was the whole list (messages.messages).</param>
    private sealed record MessagePage(List<Message> Messages, int Raw, int Count, bool IsComplete);

    /// <summary>The messages an Updates result carries (sent, forwarded, edited, or a pin's service message).</summary>
    private sealed class SentMessages
    {
        private readonly Dictionary<long, int> _randomIds = [];
        private readonly Dictionary<int, Message> _byId = [];
        private readonly List<Message> _all = [];

        public static SentMessages Of(TlAbcs.UpdatesBase result, IEventContext context, Peer? chat)
        {
            var (updates, users, chats) = result switch
            {
                TlTypes.UpdatesConstructor u => (u.Updates, u.Users, u.Chats),
                TlTypes.UpdatesCombined u => (u.Updates, u.Users, u.Chats),
                TlTypes.UpdateShort u => ([u.Update], [], []),
                _ => ((TlAbcs.Update[])[], (TlAbcs.User[])[], (TlAbcs.Chat[])[]),
            };
            var cache = CacheOf(chat, users, chats);
            var sent = new SentMessages();
            foreach (var update in updates)
            {
                var raw = update switch
                {
                    TlTypes.UpdateMessageID m => Remember(sent, m),
                    TlTypes.UpdateNewMessage u => u.Message,
                    TlTypes.UpdateNewChannelMessage u => u.Message,
                    TlTypes.UpdateEditMessage u => u.Message,
                    TlTypes.UpdateEditChannelMessage u => u.Message,
                    _ => null,
                };
                if (raw is not null && Build(raw, cache, context, chat) is { } message)
                {
                    sent._byId[message.Id] = message;
                    sent._all.Add(message);
                }
            }
            return sent;
        }

        private static MessageBase? Remember(SentMessages sent, TlTypes.UpdateMessageID update)
        {
            sent._randomIds[update.RandomId] = update.Id;
            return null;
        }

        public Message? WithRandomId(long randomId) => _randomIds.TryGetValue(randomId, out var id) ? WithId(id) : null;

        public Message? WithId(int id) => _byId.GetValueOrDefault(id);

        public Message? PinService() =>
            _all.Find(m => m.Raw is TlTypes.MessageService { Action: TlTypes.MessageActionPinMessage });
    }
}
