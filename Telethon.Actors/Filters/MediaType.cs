namespace Telethon.Filters;

/// <summary>The kinds of media <see cref="MediaFilter"/> tells apart (Telethon's <c>Media.PHOTO</c>, <c>AUDIO</c> and
/// <c>VIDEO</c>).</summary>
public enum MediaType
{
    /// <summary>A photo (<see cref="Model.Message.Photo"/>): an image Telegram compressed, not an image sent as a file.</summary>
    Photo,

    /// <summary>An audio file or voice note (<see cref="Model.Message.Audio"/>).</summary>
    Audio,

    /// <summary>A video, round video or animation (<see cref="Model.Message.Video"/>).</summary>
    Video,
}
