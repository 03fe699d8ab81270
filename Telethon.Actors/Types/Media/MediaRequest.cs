namespace Telethon.Model;

/// <summary>What a send method was asked to send a file as (its parameters), and which metadata it reads from the content.</summary>
/// <param name="Size">How many bytes to send, if given.</param>
/// <param name="Name">The file name, if given.</param>
/// <param name="MimeType">The mime type, if given.</param>
/// <param name="Compress">Whether an image goes as a photo.</param>
internal sealed record MediaRequest(long? Size, string? Name, string? MimeType, bool Compress)
{
    /// <summary>Whether the file is an animation (documentAttributeAnimated).</summary>
    public bool Animated { get; init; }

    /// <summary>How long the audio or video plays.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Whether the audio is a voice note.</summary>
    public bool Voice { get; init; }

    /// <summary>The song's title.</summary>
    public string? Title { get; init; }

    /// <summary>The song's performer.</summary>
    public string? Performer { get; init; }

    /// <summary>The emoji a sticker stands for.</summary>
    public string? Emoji { get; init; }

    /// <summary>The emoji a custom emoji stands for.</summary>
    public string? EmojiSticker { get; init; }

    /// <summary>The image's or video's width.</summary>
    public int? Width { get; init; }

    /// <summary>The image's or video's height.</summary>
    public int? Height { get; init; }

    /// <summary>Whether the video is a round video message.</summary>
    public bool Round { get; init; }

    /// <summary>Whether the video can be played while it downloads.</summary>
    public bool SupportsStreaming { get; init; }

    /// <summary>Whether the video has no sound.</summary>
    public bool Muted { get; init; }

    /// <summary>Which metadata to read from the content when not given.</summary>
    public MediaGuess Guess { get; init; }

    /// <summary>The name a stream or bytes go by when none is given (null: one must be given).</summary>
    public string? DefaultName { get; init; }
}
