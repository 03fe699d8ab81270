using System.Text.Json;
using System.Text.Json.Serialization;

namespace Telethon.Samples.MenuBot;

/// <summary>What the scripted user of the demo saw, printed as one JSON line.</summary>
public sealed record MenuBotReport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Callback buttons the user clicked.</summary>
    public int Clicks { get; init; }

    /// <summary>Answers to those clicks that came back with the text the bot gives for that button.</summary>
    public int CallbackAnswers { get; init; }

    /// <summary>Edits of the menu message the user received, each with the page's text and buttons.</summary>
    public int Edits { get; init; }

    /// <summary>Results of the user's inline query.</summary>
    public int InlineResults { get; init; }

    /// <summary>Whether the user sent an inline result and it arrived with the article's text.</summary>
    public bool InlineSent { get; init; }

    /// <summary>Bytes of the bot's photo the user downloaded (0 when it did not match what the bot sent).</summary>
    public long PhotoBytes { get; init; }

    /// <summary>Bytes of the file the user sent the bot.</summary>
    public long FileBytes { get; init; }

    /// <summary>Whether the bot answered the user's file with its name, size and the SHA-256 of the user's bytes.</summary>
    public bool FileRoundtrip { get; init; }

    /// <summary>The step that failed, if one did.</summary>
    public string? Failed { get; init; }

    /// <summary>Whether every step happened as expected.</summary>
    [JsonIgnore]
    public bool Succeeded => Failed is null && Clicks > 0 && CallbackAnswers == Clicks && Edits > 0 && InlineResults > 0 && InlineSent
        && PhotoBytes > 0 && FileRoundtrip;

    /// <summary>The report as one line of JSON, snake_case: <c>{"clicks":…,"edits":…,"inline_results":…,…}</c>.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json);
}
