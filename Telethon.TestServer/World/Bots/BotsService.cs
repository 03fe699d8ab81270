using Telethon.Tl.Abcs;
using FM = Telethon.Tl.Functions.Messages;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// Bot interaction that waits on a bot: callback queries (messages.getBotCallbackAnswer → updateBotCallbackQuery →
/// messages.setBotCallbackAnswer) and inline queries (messages.getInlineBotResults → updateBotInlineQuery →
/// messages.setInlineBotResults), and the inline results users send (messages.sendInlineBotResult). First below the
/// accounts in the lock order: it reads messages, chats and peers and pushes through the updates service.
/// </summary>
/// <remarks>
/// The user's call does not hold a thread while the bot thinks: it registers a pending query, pushes the update to the
/// bot (no pts or qts: updates with the caller's user, delivered like the world's other pushes) and returns a task
/// that ends with the bot's answer, or with 400 BOT_RESPONSE_TIMEOUT once <see cref="WorldOptions.BotResponseTimeout"/>
/// passes on the world's clock. The bot answers a query once; a query answered, timed out or never made answers
/// 400 QUERY_ID_INVALID. Answered inline queries are kept (up to <see cref="AnsweredInlineCapacity"/>, oldest
/// dropped) for messages.sendInlineBotResult by the user who asked.
/// </remarks>
internal sealed class BotsService
{
    /// <summary>How many answered inline queries are kept for messages.sendInlineBotResult.</summary>
    public const int AnsweredInlineCapacity = 10_000;

    /// <summary>The most results one answer to an inline query holds (RESULTS_TOO_MUCH beyond).</summary>
    public const int MaxInlineResults = 50;

    /// <summary>The longest next_offset, in bytes (NEXT_OFFSET_INVALID beyond).</summary>
    public const int MaxNextOffset = 64;

    /// <summary>The longest callback answer text (MESSAGE_TOO_LONG beyond).</summary>
    public const int MaxCallbackAnswer = 200;

    private static readonly HashSet<string> ResultTypes = new(StringComparer.Ordinal)
    {
        "article", "audio", "contact", "document", "game", "geo", "gif", "location", "mpeg4_gif", "photo", "sticker", "venue", "video", "voice",
    };

    private readonly TelegramWorld _world;
    private readonly ServiceLock _gate;
    private readonly Dictionary<long, PendingQuery> _pending = [];
    private readonly Dictionary<long, InlineAnswer> _answered = [];
    private readonly Queue<long> _answeredOrder = new();

    public BotsService(TelegramWorld world)
    {
        _world = world;
        _gate = new ServiceLock(LockRank.Bots, world.Deliver);
    }

    private TimeSpan Timeout => _world.Options.BotResponseTimeout;

    // ---- callback queries ----

    /// <summary>
    /// messages.getBotCallbackAnswer: the message must be one the caller has (MESSAGE_ID_INVALID otherwise) with an inline
    /// callback button carrying exactly <c>data</c> (DATA_INVALID otherwise); its author, a bot, gets updateBotCallbackQuery
    /// and the call ends with the bot's messages.setBotCallbackAnswer.
    /// </summary>
    public Task<Tl.Abcs.Messages.BotCallbackAnswer> GetBotCallbackAnswerAsync(Caller caller, FM.GetBotCallbackAnswer request)
    {
        var dialog = _world.Peers.ResolvePeer(caller.UserId, request.Peer);
        var target = dialog.Kind == PeerKind.Channel
            ? _world.Chats.ChannelCallbackTarget(caller.UserId, dialog.Id, request.MsgId)
            : _world.Messages.CallbackTarget(caller.UserId, dialog, request.MsgId);
        if (request.Data is not { } data || !target.AuthorIsBot || !ReplyMarkups.HasCallback(target.Markup, data))
            throw WorldErrors.Bad("DATA_INVALID");
        if (target.ViaBotId is not null)
            // Callbacks on messages sent through an inline bot go to that bot as updateInlineBotCallbackQuery, not served here.
            throw WorldErrors.Bad(Rpc.RpcDispatcher.NotImplemented);
        var botId = target.AuthorId;
        PeerKey[] refs = [new PeerKey(PeerKind.User, caller.UserId), target.AuthorDialog];
        var views = _world.Peers.Views(botId, refs);
        PendingQuery query;
        using (_gate.Enter())
        {
            query = Register(botId, caller.UserId, QueryKind.Callback) with { Dialog = target.AuthorDialog, MsgId = target.AuthorMessageId };
            _pending[query.Id] = query;
            using (_world.Updates.Hold())
            {
                var stream = _world.Updates.Stream(botId);
                var update = new T.UpdateBotCallbackQuery
                {
                    QueryId = query.Id,
                    UserId = caller.UserId,
                    Peer = target.AuthorDialog.ToPeer(),
                    MsgId = target.AuthorMessageId,
                    ChatInstance = _world.Peers.AccessHash(botId, target.AuthorDialog),
                    Data = data,
                };
                stream.Truth("updateBotCallbackQuery", 0, 0, target.AuthorDialog.Kind == PeerKind.Channel ? target.AuthorDialog.Id : null, target.AuthorMessageId);
                stream.Push(stream.Container([update], refs, views), null, null, 1, 0);
            }
        }
        return WaitAsync<Tl.Abcs.Messages.BotCallbackAnswer>(query);
    }

    /// <summary>messages.setBotCallbackAnswer: answers a pending callback query of the calling bot (QUERY_ID_INVALID otherwise).</summary>
    public bool SetBotCallbackAnswer(Caller caller, FM.SetBotCallbackAnswer request)
    {
        if (request.Message is { Length: > MaxCallbackAnswer })
            throw WorldErrors.Bad("MESSAGE_TOO_LONG");
        if (request.Url is { } url && !Uri.TryCreate(url, UriKind.Absolute, out _))
            throw WorldErrors.Bad("URL_INVALID");
        var answer = new T.Messages.BotCallbackAnswer
        {
            Alert = request.Alert,
            HasUrl = request.Url is not null,
            Message = request.Message,
            Url = request.Url,
            CacheTime = Math.Max(0, request.CacheTime),
        };
        using (_gate.Enter())
            Take(caller.UserId, request.QueryId, QueryKind.Callback).Done.TrySetResult(answer);
        return true;
    }

    // ---- inline queries ----

    /// <summary>
    /// messages.getInlineBotResults: the bot must be a bot (BOT_INVALID) with inline mode on (BOT_INLINE_DISABLED); it
    /// gets updateBotInlineQuery and the call ends with its messages.setInlineBotResults, as messages.botResults.
    /// </summary>
    public Task<Tl.Abcs.Messages.BotResults> GetInlineBotResultsAsync(Caller caller, FM.GetInlineBotResults request)
    {
        // Bad input throws here, before a task exists: the caller is refused at once.
        var (query, botId) = StartInlineQuery(caller, request);
        return ResultsAsync(caller, query, botId);
    }

    private async Task<Tl.Abcs.Messages.BotResults> ResultsAsync(Caller caller, PendingQuery query, long botId)
    {
        var answer = await WaitAsync<InlineAnswer>(query).ConfigureAwait(false);
        return new T.Messages.BotResults
        {
            Gallery = answer.Gallery,
            QueryId = answer.QueryId,
            NextOffset = answer.NextOffset,
            Results = [.. answer.Results.Select(r => r.View)],
            CacheTime = answer.CacheTime,
            Users = _world.Peers.Views(caller.UserId, [new PeerKey(PeerKind.User, botId)]).Users,
        };
    }

    private (PendingQuery Query, long BotId) StartInlineQuery(Caller caller, FM.GetInlineBotResults request)
    {
        long botId;
        try
        {
            botId = _world.Peers.ResolveUser(caller.UserId, request.Bot);
        }
        catch (RpcError)
        {
            throw WorldErrors.Bad("BOT_INVALID");
        }
        if (!_world.Peers.IsBot(botId))
            throw WorldErrors.Bad("BOT_INVALID");
        if (_world.Peers.InlinePlaceholder(botId) is null)
            throw WorldErrors.Bad("BOT_INLINE_DISABLED");
        // No chat (inputPeerEmpty, as clients send when none is given) leaves peer_type out, as Telegram does.
        InlineQueryPeerType? peerType = request.Peer is null or T.InputPeerEmpty
            ? null
            : PeerType(caller.UserId, botId, _world.Peers.ResolvePeer(caller.UserId, request.Peer));
        PeerKey[] refs = [new PeerKey(PeerKind.User, caller.UserId)];
        var views = _world.Peers.Views(botId, refs);
        using (_gate.Enter())
        {
            var query = Register(botId, caller.UserId, QueryKind.Inline, request.Query ?? "");
            using (_world.Updates.Hold())
            {
                var stream = _world.Updates.Stream(botId);
                var update = new T.UpdateBotInlineQuery
                {
                    QueryId = query.Id,
                    UserId = caller.UserId,
                    Query = request.Query ?? "",
                    Offset = request.Offset ?? "",
                    PeerType = peerType,
                };
                stream.Truth("updateBotInlineQuery", 0, 0, null, null);
                stream.Push(stream.Container([update], refs, views), null, null, 1, 0);
            }
            return (query, botId);
        }
    }

    // The kind of chat an inline query is made in, as the querying user sees it.
    private InlineQueryPeerType PeerType(long userId, long botId, PeerKey peer) => peer.Kind switch
    {
        PeerKind.User when peer.Id == botId => new T.InlineQueryPeerTypeSameBotPM(),
        PeerKind.User when peer.Id != userId && _world.Peers.IsBot(peer.Id) => new T.InlineQueryPeerTypeBotPM(),
        PeerKind.User => new T.InlineQueryPeerTypePM(),
        PeerKind.Chat => new T.InlineQueryPeerTypeChat(),
        _ => _world.Chats.IsBroadcast(peer.Id) ? new T.InlineQueryPeerTypeBroadcast() : new T.InlineQueryPeerTypeMegagroup(),
    };

    /// <summary>
    /// messages.setInlineBotResults: answers a pending inline query of the calling bot (QUERY_ID_INVALID otherwise) with
    /// results of kind inputBotInlineResult whose message is inputBotInlineMessageText or inputBotInlineMessageMediaAuto.
    /// </summary>
    public bool SetInlineBotResults(Caller caller, FM.SetInlineBotResults request)
    {
        if (request.NextOffset is { } offset && System.Text.Encoding.UTF8.GetByteCount(offset) > MaxNextOffset)
            throw WorldErrors.Bad("NEXT_OFFSET_INVALID");
        var inputs = request.Results ?? [];
        if (inputs.Length > MaxInlineResults)
            throw WorldErrors.Bad("RESULTS_TOO_MUCH");
        var results = new List<StoredInlineResult>(inputs.Length);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var result = StoreResult(caller.UserId, input);
            if (!ids.Add(result.Id))
                throw WorldErrors.Bad("RESULT_ID_DUPLICATE");
            results.Add(result);
        }
        using (_gate.Enter())
        {
            var query = Take(caller.UserId, request.QueryId, QueryKind.Inline);
            var answer = new InlineAnswer(query.Id, caller.UserId, query.UserId, query.Text, request.Gallery, string.IsNullOrEmpty(request.NextOffset) ? null : request.NextOffset,
                Math.Max(0, request.CacheTime), results);
            _answered[query.Id] = answer;
            _answeredOrder.Enqueue(query.Id);
            while (_answeredOrder.Count > AnsweredInlineCapacity)
                _answered.Remove(_answeredOrder.Dequeue());
            query.Done.TrySetResult(answer);
        }
        return true;
    }

    private StoredInlineResult StoreResult(long botId, InputBotInlineResult input)
    {
        if (input is not T.InputBotInlineResult result)
            // inputBotInlineResultPhoto / Document / Game need stored files and games, which this server does not serve.
            throw WorldErrors.Bad(Rpc.RpcDispatcher.NotImplemented);
        if (string.IsNullOrEmpty(result.Id))
            throw WorldErrors.Bad("RESULT_ID_EMPTY");
        if (result.Type is not { } type || !ResultTypes.Contains(type))
            throw WorldErrors.Bad("RESULT_TYPE_INVALID");
        if (type == "article" && string.IsNullOrWhiteSpace(result.Title))
            throw WorldErrors.Bad("ARTICLE_TITLE_EMPTY");
        var (text, entities, markup, view) = result.SendMessage switch
        {
            T.InputBotInlineMessageText m => (m.Message, m.Entities, m.ReplyMarkup,
                (BotInlineMessage)new T.BotInlineMessageText { NoWebpage = m.NoWebpage, InvertMedia = m.InvertMedia, Message = m.Message, Entities = null, ReplyMarkup = null }),
            T.InputBotInlineMessageMediaAuto m => (m.Message, m.Entities, m.ReplyMarkup,
                new T.BotInlineMessageMediaAuto { InvertMedia = m.InvertMedia, Message = m.Message, Entities = null, ReplyMarkup = null }),
            null => throw WorldErrors.Bad("SEND_MESSAGE_TYPE_INVALID"),
            _ => throw WorldErrors.Bad(Rpc.RpcDispatcher.NotImplemented),
        };
        if (result.SendMessage is T.InputBotInlineMessageText && string.IsNullOrWhiteSpace(text))
            throw WorldErrors.Bad("MESSAGE_EMPTY");
        if (text is { Length: > MessagesService.MessageLengthMax })
            throw WorldErrors.Bad("MESSAGE_TOO_LONG");
        var storedMarkup = ReplyMarkups.CheckInline(markup);
        var storedEntities = _world.Messages.StoredEntities(botId, entities);
        switch (view)
        {
            case T.BotInlineMessageText t:
                t.Entities = storedEntities;
                t.ReplyMarkup = storedMarkup;
                break;
            case T.BotInlineMessageMediaAuto a:
                a.Entities = storedEntities;
                a.ReplyMarkup = storedMarkup;
                break;
        }
        var shown = new T.BotInlineResult
        {
            Id = result.Id,
            Type = type,
            Title = result.Title,
            Description = result.Description,
            Url = result.Url,
            SendMessage = view,
        };
        return new StoredInlineResult(result.Id, text ?? "", storedEntities, storedMarkup, shown);
    }

    /// <summary>
    /// messages.sendInlineBotResult: sends result <c>id</c> of an inline query the caller made and the bot answered
    /// (QUERY_ID_INVALID, RESULT_ID_INVALID otherwise) as the caller's message via the bot (via_bot_id), with the
    /// result's text, entities and inline keyboard.
    /// </summary>
    public UpdatesBase SendInlineBotResult(Caller caller, FM.SendInlineBotResult request)
    {
        if (request.QueryId == 0)
            throw WorldErrors.Bad("QUERY_ID_EMPTY");
        if (string.IsNullOrEmpty(request.Id))
            throw WorldErrors.Bad("RESULT_ID_EMPTY");
        InlineAnswer answer;
        StoredInlineResult? chosen;
        using (_gate.Enter())
        {
            if (!_answered.TryGetValue(request.QueryId, out answer!) || answer.UserId != caller.UserId)
                throw WorldErrors.Bad("QUERY_ID_INVALID");
            chosen = answer.Results.Find(r => r.Id == request.Id);
        }
        if (chosen is null)
            throw WorldErrors.Bad("RESULT_ID_INVALID");
        if (string.IsNullOrWhiteSpace(chosen.Text))
            // A media result's message (inputBotInlineMessageMediaAuto on a photo or document) needs stored files.
            throw WorldErrors.Bad(Rpc.RpcDispatcher.NotImplemented);
        return _world.Messages.SendInlineResult(caller, request, chosen.Text, chosen.Entities, chosen.Markup, answer.BotId);
    }

    // ---- pending queries ----

    /// <summary>
    /// The message a pending callback query of bot <paramref name="botId"/> was made on (inputMessageCallbackQuery): its
    /// dialog as the bot sees it, when <paramref name="queryId"/> is such a query and its message is <paramref name="msgId"/>;
    /// null otherwise.
    /// </summary>
    public PeerKey? CallbackMessage(long botId, long queryId, int msgId)
    {
        using (_gate.Enter())
        {
            return _pending.TryGetValue(queryId, out var query) && query.BotId == botId && query.Kind == QueryKind.Callback &&
                query.MsgId == msgId
                ? query.Dialog
                : null;
        }
    }

    /// <summary>
    /// The ids of the inputMessageCallbackQuery entries of <paramref name="ids"/> that name the message of a pending callback
    /// query of bot <paramref name="botId"/>: in a private chat or small group when <paramref name="channelId"/> is null, else
    /// in that channel. Called before any lock ranked after the bots service's is held.
    /// </summary>
    internal HashSet<int> CallbackMessages(long botId, InputMessage[]? ids, long? channelId)
    {
        var found = new HashSet<int>();
        foreach (var input in ids ?? [])
        {
            if (input is T.InputMessageCallbackQuery q && CallbackMessage(botId, q.QueryId, q.Id) is { } dialog &&
                (dialog.Kind == PeerKind.Channel) == (channelId is not null) && (channelId is null || dialog.Id == channelId))
                found.Add(q.Id);
        }
        return found;
    }

    /// <summary>How many queries wait for a bot's answer (for tests).</summary>
    public int PendingCount
    {
        get
        {
            using (_gate.Enter())
                return _pending.Count;
        }
    }

    private PendingQuery Register(long botId, long userId, QueryKind kind, string text = "")
    {
        long id;
        Span<byte> bytes = stackalloc byte[8];
        do
        {
            _world.Options.Random.Fill(bytes);
            id = BitConverter.ToInt64(bytes);
        }
        while (id == 0 || _pending.ContainsKey(id) || _answered.ContainsKey(id));
        var query = new PendingQuery(id, botId, userId, kind, text);
        _pending[id] = query;
        return query;
    }

    private PendingQuery Take(long botId, long queryId, QueryKind kind)
    {
        if (!_pending.TryGetValue(queryId, out var query) || query.BotId != botId || query.Kind != kind)
            throw WorldErrors.Bad("QUERY_ID_INVALID");
        _pending.Remove(queryId);
        return query;
    }

    // Ends with the bot's answer, or BOT_RESPONSE_TIMEOUT when the world's clock passes the timeout first.
    private async Task<TAnswer> WaitAsync<TAnswer>(PendingQuery query)
    {
        using var stop = new CancellationTokenSource();
        var timeout = Task.Delay(Timeout, _world.Options.Time, stop.Token);
        var first = await Task.WhenAny(query.Done.Task, timeout).ConfigureAwait(false);
        if (first != query.Done.Task)
        {
            using (_gate.Enter())
            {
                // The bot may have answered just as the time ran out: then its answer stands.
                if (_pending.Remove(query.Id))
                    throw WorldErrors.Bad("BOT_RESPONSE_TIMEOUT");
            }
        }
        await stop.CancelAsync().ConfigureAwait(false);
        return (TAnswer)await query.Done.Task.ConfigureAwait(false);
    }

    private enum QueryKind
    {
        Callback,
        Inline,
    }

    private sealed record PendingQuery(long Id, long BotId, long UserId, QueryKind Kind, string Text)
    {
        /// <summary>A callback query's message, as its bot sees it: the dialog and the message id.</summary>
        public PeerKey? Dialog { get; init; }

        public int MsgId { get; init; }

        public TaskCompletionSource<object> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed record StoredInlineResult(string Id, string Text, MessageEntity[]? Entities, ReplyMarkup? Markup, BotInlineResult View);

    private sealed record InlineAnswer(long QueryId, long BotId, long UserId, string Query, bool Gallery, string? NextOffset, int CacheTime, List<StoredInlineResult> Results);
}
