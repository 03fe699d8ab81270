namespace Telethon.Model;

/// <summary>What the content of a media file tells about it (each part null when it does not tell).</summary>
/// <param name="Width">The image's or video's width, in pixels.</param>
/// <param name="Height">The image's or video's height, in pixels.</param>
/// <param name="Duration">How long the audio or video plays.</param>
/// <param name="Title">The song's title (an MP3's ID3v2 tag).</param>
/// <param name="Performer">The song's performer (an MP3's ID3v2 tag).</param>
internal sealed record MediaInfo(int? Width, int? Height, TimeSpan? Duration, string? Title, string? Performer)
{
    /// <summary>Nothing known.</summary>
    public static MediaInfo None { get; } = new(null, null, null, null, null);
}
