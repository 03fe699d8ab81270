using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Model;

/// <summary>
/// An inline result that sends a text message (Telegram's "article"): a title and description in the list of results,
/// and exactly one of <see cref="Text"/>, <see cref="Markdown"/> and <see cref="Html"/> as the message it sends.
/// <code>new InlineArticle("Hello", Text: "Hello, world") { Description = "Says hello" }</code>
/// </summary>
/// <param name="Title">The title shown in the list of results.</param>
/// <param name="Text">The message sent, plain.</param>
/// <param name="Markdown">The message sent, formatted as markdown.</param>
/// <param name="Html">The message sent, formatted as HTML.</param>
public sealed record InlineArticle(string Title, string? Text = null, string? Markdown = null, string? Html = null) : InlineQueryResult
{
    /// <summary>The description shown under the title.</summary>
    public string? Description { get; init; }

    /// <summary>The URL of the result (shown with it).</summary>
    public string? Url { get; init; }

    /// <summary>Whether the message shows a preview of its first link.</summary>
    public bool LinkPreview { get; init; }

    /// <summary>Inline buttons sent with the message (keyboard buttons are not allowed).</summary>
    public Keyboard? Buttons { get; init; }

    /// <inheritdoc />
    internal override async Task<TlAbcs.InputBotInlineResult> ToTlAsync(string id, Func<Client> client, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(Title))
            throw new ArgumentException("An inline article needs a title.", nameof(Title));
        if (Buttons is { Kind: not KeyboardKind.Inline })
            throw new ArgumentException("An inline result's message can only have inline buttons.", nameof(Buttons));
        var formatted = Client.FormatOf(Text, Markdown, Html);
        if (Array.Exists(formatted.Entities, e => e is TlTypes.InputMessageEntityMentionName))
            formatted = await client().CompleteMentionsAsync(formatted, cancellationToken).ConfigureAwait(false);
        return new TlTypes.InputBotInlineResult
        {
            Id = id,
            Type = "article",
            Title = Title,
            Description = Description,
            Url = Url,
            SendMessage = new TlTypes.InputBotInlineMessageText
            {
                NoWebpage = !LinkPreview,
                Message = formatted.Text,
                Entities = formatted.Entities.Length > 0 ? formatted.Entities : null,
                ReplyMarkup = KeyboardConversion.ToTl(Buttons),
            },
        };
    }
}
