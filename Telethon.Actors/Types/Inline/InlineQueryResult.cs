using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Model;

/// <summary>A result a bot answers an inline query with (<see cref="Events.InlineQuery.AnswerAsync"/>): see
/// <see cref="InlineArticle"/>.</summary>
public abstract record InlineQueryResult
{
    private protected InlineQueryResult()
    {
    }

    /// <summary>The result's id, 1 to 64 bytes in UTF-8 and unique among the answer's results; null to number the results
    /// in order ("0", "1"...).</summary>
    public string? Id { get; init; }

    /// <summary>The result as Telegram takes it.</summary>
    /// <param name="id">The id to use.</param>
    /// <param name="client">The client (to make mentions sendable), asked for only when there are mentions.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    internal abstract Task<TlAbcs.InputBotInlineResult> ToTlAsync(string id, Func<Client> client, CancellationToken cancellationToken);
}
