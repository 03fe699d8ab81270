using System.Globalization;
using Telethon.Model;
using Fn = Telethon.Tl.Functions;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

// Bots as users see them: clicking callback buttons, inline queries and sending their results.
public sealed partial class Client
{
    /// <summary>
    /// Asks <paramref name="bot"/> for the results of an inline query (Telethon's <c>inline_query</c>, messages.getInlineBotResults),
    /// as typing "@bot query" in a chat does. The results come in pages, fetched as the list is read (the bot says
    /// whether there are more).
    /// </summary>
    /// <param name="bot">The bot, which has inline mode.</param>
    /// <param name="query">The query text.</param>
    /// <param name="chat">The chat the query is typed in (some bots answer by chat kind), and where
    /// <see cref="InlineResult.SendAsync"/> sends by default; empty for none.</param>
    /// <exception cref="ArgumentException">No bot was given.</exception>
    /// <remarks>Reading the list throws <see cref="RpcError"/> BOT_INLINE_DISABLED (no inline mode), BOT_RESPONSE_TIMEOUT
    /// (the bot did not answer in time), BOT_INVALID...</remarks>
    public AsyncList<InlineResult> InlineQueryAsync(PeerLike bot, string query = "", PeerLike chat = default)
    {
        if (bot.IsEmpty)
            throw new ArgumentException("No bot was given.", nameof(bot));
        ArgumentNullException.ThrowIfNull(query);
        return new AsyncList<InlineResult>(async (cursor, ct) =>
        {
            var state = cursor.State as InlinePage ?? new InlinePage(
                await ContextAsync(ct).ConfigureAwait(false),
                await InputUserAsync(bot, ct).ConfigureAwait(false),
                chat.IsEmpty ? new TlTypes.InputPeerEmpty() : await InputPeerAsync(chat, ct).ConfigureAwait(false),
                "");
            var results = (TlTypes.Messages.BotResults)await InvokeAsync(new Fn.Messages.GetInlineBotResults
            {
                Bot = state.Bot,
                Peer = state.Peer,
                Query = query,
                Offset = state.Offset,
            }, ct).ConfigureAwait(false);
            var items = new List<InlineResult>(results.Results.Length);
            foreach (var raw in results.Results)
                items.Add(InlineResult.FromTl(state.Context, results.QueryId, raw, chat));
            // An empty page, or no next offset, ends the list (a bot repeating its offset would otherwise loop).
            var next = results.NextOffset is { Length: > 0 } offset && items.Count > 0 && offset != state.Offset
                ? state with { Offset = offset }
                : null;
            return new AsyncListPage<InlineResult>(items, next, null);
        }, null);
    }

    /// <summary>Clicks a callback button of <paramref name="message"/> (messages.getBotCallbackAnswer).</summary>
    internal async Task<CallbackAnswer> ClickCallbackAsync(Message message, byte[] data, CancellationToken cancellationToken)
    {
        var peer = await InputPeerAsync(message.ChatLike, cancellationToken).ConfigureAwait(false);
        var answer = await InvokeAsync(new Fn.Messages.GetBotCallbackAnswer
        {
            Peer = peer,
            MsgId = message.Id,
            Data = data,
        }, cancellationToken).ConfigureAwait(false);
        return new CallbackAnswer((TlTypes.Messages.BotCallbackAnswer)answer);
    }

    /// <summary>The message of a callback query (inputMessageCallbackQuery, as Telegram lets bots fetch it); null when it
    /// is gone.</summary>
    internal async Task<Message?> CallbackMessageAsync(Peer chat, int messageId, long queryId, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        TlAbcs.InputMessage[] ids = [new TlTypes.InputMessageCallbackQuery { Id = messageId, QueryId = queryId }];
        var result = chat is Channel || chat is Group { IsMegagroup: true }
            ? await InvokeAsync(new Fn.Channels.GetMessages
            {
                Channel = await InputChannelAsync(Message.LikeOf(chat), cancellationToken).ConfigureAwait(false),
                Id = ids,
            }, cancellationToken).ConfigureAwait(false)
            : await InvokeAsync(new Fn.Messages.GetMessages { Id = ids }, cancellationToken).ConfigureAwait(false);
        var page = PageOf(result, context, chat);
        return page.Messages.Find(m => !m.IsEmpty && m.Id == messageId);
    }

    /// <summary>Sends an inline result (messages.sendInlineBotResult) and returns the message as sent.</summary>
    internal async Task<Message> SendInlineResultAsync(PeerLike chat, long queryId, string resultId, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        var randomId = RandomId();
        var result = await InvokeAsync(new Fn.Messages.SendInlineBotResult
        {
            Peer = peer,
            RandomId = randomId,
            QueryId = queryId,
            Id = resultId,
        }, cancellationToken).ConfigureAwait(false);
        return SentMessages.Of(result, context, chat.Peer).WithRandomId(randomId)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"The result of messages.sendInlineBotResult ({result.TlName}) does not hold the sent message."));
    }

    /// <summary>Where the next page of inline results starts.</summary>
    private sealed record InlinePage(Events.IEventContext Context, TlAbcs.InputUser Bot, TlAbcs.InputPeer Peer, string Offset);
}
