using System.Globalization;
using Telethon.Model;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Events;

/// <summary>
/// Occurs when a user types <c>@bot query</c> in a chat (Telethon's <c>InlineQuery</c>). Only bots with inline mode
/// receive it. Answer with <see cref="AnswerAsync"/>; the user sees the results and may send one. Built from
/// updateBotInlineQuery.
/// </summary>
public sealed class InlineQuery : Event
{
    /// <summary>Telegram's most results in one answer.</summary>
    public const int MaxResults = 50;

    private readonly TlTypes.UpdateBotInlineQuery _raw;
    private readonly Peer _sender;

    /// <summary>Creates the event.</summary>
    /// <param name="context">The bot that received it.</param>
    /// <param name="rawUpdate">The update it came in.</param>
    /// <param name="sender">The user who typed the query.</param>
    public InlineQuery(IEventContext context, TlTypes.UpdateBotInlineQuery rawUpdate, Peer sender)
        : base(context, rawUpdate)
    {
        ArgumentNullException.ThrowIfNull(rawUpdate);
        ArgumentNullException.ThrowIfNull(sender);
        _raw = rawUpdate;
        _sender = sender;
    }

    /// <summary>The text of the query (what the user typed after the bot's username).</summary>
    public override string Text => _raw.Query;

    /// <summary>The offset of the page of results asked for: empty for the first page, else the next offset the bot gave
    /// with the previous page.</summary>
    public string Offset => _raw.Offset;

    /// <summary>The user who typed the query.</summary>
    public override Peer Sender => _sender;

    /// <summary>The kind of chat the query is typed in, when Telegram says: a private chat with the bot itself, with
    /// another user or bot (<see cref="Model.ChatKind.User"/>), a group (small or a supergroup) or a broadcast channel.</summary>
    public ChatKind? ChatKind => _raw.PeerType switch
    {
        TlTypes.InlineQueryPeerTypeSameBotPM or TlTypes.InlineQueryPeerTypePM or TlTypes.InlineQueryPeerTypeBotPM => Model.ChatKind.User,
        TlTypes.InlineQueryPeerTypeChat or TlTypes.InlineQueryPeerTypeMegagroup => Model.ChatKind.Group,
        TlTypes.InlineQueryPeerTypeBroadcast => Model.ChatKind.Broadcast,
        _ => null,
    };

    /// <summary>
    /// Answers the query (messages.setInlineBotResults) with up to 50 results, shown to the user in order.
    /// </summary>
    /// <param name="results">The results; those without an <see cref="InlineQueryResult.Id"/> are numbered by position.</param>
    /// <param name="cacheTime">How long Telegram may answer the same query with these results without asking again.</param>
    /// <param name="isPrivate">Whether the results are for this user only (Telegram caches them per user).</param>
    /// <param name="nextOffset">The offset the user's client asks with for the next page; null when this is the last.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <exception cref="ArgumentException">More than 50 results, or a result that is not valid (no text, no title...).</exception>
    /// <exception cref="RpcError">QUERY_ID_INVALID (too late), RESULT_ID_DUPLICATE, RESULT_TYPE_INVALID...</exception>
    public async Task AnswerAsync(IReadOnlyList<InlineQueryResult> results, TimeSpan cacheTime = default, bool isPrivate = false,
        string? nextOffset = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count > MaxResults)
            throw new ArgumentException($"An inline query takes at most {MaxResults} results, not {results.Count}.", nameof(results));
        if (cacheTime < TimeSpan.Zero || cacheTime.TotalSeconds > int.MaxValue)
            throw new ArgumentOutOfRangeException(nameof(cacheTime), cacheTime, "The cache time is a number of seconds, not negative.");
        var raw = new TlAbcs.InputBotInlineResult[results.Count];
        for (var i = 0; i < raw.Length; i++)
        {
            var result = results[i] ?? throw new ArgumentException("A result cannot be null.", nameof(results));
            raw[i] = await result.ToTlAsync(result.Id ?? i.ToString(CultureInfo.InvariantCulture), () => Client, cancellationToken)
                .ConfigureAwait(false);
        }
        await Context.InvokeAsync(new Tl.Functions.Messages.SetInlineBotResults
        {
            Private = isPrivate,
            QueryId = _raw.QueryId,
            Results = raw,
            CacheTime = (int)cacheTime.TotalSeconds,
            NextOffset = nextOffset,
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"InlineQuery {{ Sender = {_sender.Id}, Text = \"{Text}\", Offset = \"{Offset}\" }}");
}
