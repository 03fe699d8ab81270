using Telethon.Events;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>One result of an inline query to a bot (Telethon's <c>InlineResult</c>), from
/// <see cref="Client.InlineQueryAsync"/>: <see cref="SendAsync"/> sends it to a chat "via" the bot.</summary>
public sealed class InlineResult
{
    private readonly IEventContext _context;
    private readonly long _queryId;
    private readonly PeerLike _chat;

    private InlineResult(IEventContext context, long queryId, PeerLike chat, string id, string type, string? title, string? description,
        string? url)
    {
        _context = context;
        _queryId = queryId;
        _chat = chat;
        Id = id;
        Type = type;
        Title = title ?? "";
        Description = description;
        Url = url;
    }

    /// <summary>A result of messages.botResults, sent by default to <paramref name="chat"/>.</summary>
    internal static InlineResult FromTl(IEventContext context, long queryId, TlAbcs.BotInlineResult raw, PeerLike chat) => raw switch
    {
        TlTypes.BotInlineResult r => new(context, queryId, chat, r.Id, r.Type, r.Title, r.Description, r.Url),
        TlTypes.BotInlineMediaResult r => new(context, queryId, chat, r.Id, r.Type, r.Title, r.Description, null),
        _ => throw new ArgumentException($"Unknown inline result {raw.TlName}.", nameof(raw)),
    };

    /// <summary>The result's id, unique among the results of its query.</summary>
    public string Id { get; }

    /// <summary>The kind of result, as the bot said: "article", "photo", "gif", "video", "audio", "voice", "document",
    /// "location", "venue", "contact", "game", "sticker".</summary>
    public string Type { get; }

    /// <summary>The title, or the empty string when it has none.</summary>
    public string Title { get; }

    /// <summary>The description, when it has one.</summary>
    public string? Description { get; }

    /// <summary>The URL of the result, when it has one.</summary>
    public string? Url { get; }

    /// <summary>Sends the result (Telethon's <c>send</c>, messages.sendInlineBotResult): the message shows it came via the bot.</summary>
    /// <param name="chat">Where to send it; empty (the default) for the chat the query was made in.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The message sent.</returns>
    /// <exception cref="InvalidOperationException">No chat was given here nor to the query.</exception>
    /// <exception cref="RpcError">QUERY_ID_INVALID (the query is too old), RESULT_ID_INVALID, CHAT_WRITE_FORBIDDEN...</exception>
    public Task<Message> SendAsync(PeerLike chat = default, CancellationToken cancellationToken = default)
    {
        var target = chat.IsEmpty ? _chat : chat;
        if (target.IsEmpty)
            throw new InvalidOperationException("Give the chat to send the result to: the inline query named none.");
        return _context.Client.SendInlineResultAsync(target, _queryId, Id, cancellationToken);
    }

    /// <inheritdoc />
    public override string ToString() => $"InlineResult {{ Id = {Id}, Type = {Type}, Title = \"{Title}\" }}";
}
