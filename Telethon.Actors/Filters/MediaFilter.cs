using Telethon.Events;

namespace Telethon.Filters;

/// <summary>
/// Passes for message events whose message has media (Telethon's <c>Media</c>): with no types, any file that can be
/// downloaded (<see cref="Model.Message.File"/>: a photo or document, also a link preview's); with types, only a
/// message whose media is one of them. Polls, venues, contacts and other media without a file never pass, nor do
/// events that are not about a message.
/// </summary>
public sealed class MediaFilter : Filter
{
    private readonly MediaType[] _types;

    /// <summary>Creates the filter.</summary>
    /// <param name="types">The media types that pass; none for any downloadable media.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value that is not a <see cref="MediaType"/>.</exception>
    public MediaFilter(params MediaType[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            if (!Enum.IsDefined(type))
                throw new ArgumentOutOfRangeException(nameof(types), type, "Unknown media type.");
        }
        _types = [.. types.Distinct()];
    }

    /// <summary>The media types checked; empty when any downloadable media passes.</summary>
    public IReadOnlyList<MediaType> Types => _types;

    /// <inheritdoc />
    public override bool Matches(Event e)
    {
        if (e is not MessageEvent { Message: var message })
            return false;
        if (_types.Length == 0)
            return message.File is not null;
        foreach (var type in _types)
        {
            var matches = type switch
            {
                MediaType.Photo => message.Photo is not null,
                MediaType.Audio => message.Audio is not null,
                _ => message.Video is not null,
            };
            if (matches)
                return true;
        }
        return false;
    }

    /// <inheritdoc />
    public override string ToString() => _types.Length == 0 ? "Media" : $"Media({string.Join(", ", _types)})";
}
