namespace Telethon.Model;

/// <summary>Which metadata a send method reads from the file's content when it was not given.</summary>
internal enum MediaGuess
{
    /// <summary>None (Telethon's <c>send_file</c> guesses nothing but the mime type).</summary>
    None,

    /// <summary>An image's width and height.</summary>
    Image,

    /// <summary>An audio's duration, title and performer.</summary>
    Audio,

    /// <summary>A video's duration, width and height.</summary>
    Video,
}
