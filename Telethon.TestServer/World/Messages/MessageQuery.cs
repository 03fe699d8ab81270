using Telethon.Tl.Abcs;
using T = Telethon.Tl.Types;

namespace Telethon.TestServer.World;

/// <summary>
/// What messages.search and messages.searchGlobal look for: the words of <c>q</c> (each must begin a
/// word of the text, ignoring case, as Telegram's full-text search does), a filter, a sender and a date
/// range (both ends inclusive, so paging by the last date and id loses no message of the same second).
/// </summary>
internal sealed class MessageQuery
{
    private readonly string[] _words;
    private readonly FilterKind _kind;

    private MessageQuery(string[] words, FilterKind kind, long? fromId, int minDate, int maxDate)
    {
        _words = words;
        _kind = kind;
        FromId = fromId;
        MinDate = minDate;
        MaxDate = maxDate;
    }

    private enum FilterKind
    {
        Any,
        Pinned,
        Url,

        Photos,
        Video,
        PhotoVideo,
        Document,
        Gif,
        Voice,
        Music,
        RoundVideo,
        RoundVoice,

        /// <summary>Chat photos, calls, locations, contacts: the world has none of them.</summary>
        Nothing,
    }

    /// <summary>The sender looked for, or null.</summary>
    public long? FromId { get; }

    public int MinDate { get; }

    public int MaxDate { get; }

    /// <summary>Whether neither words nor a filter narrow the search (searchGlobal refuses it).</summary>
    public bool IsEmpty => _words.Length == 0 && _kind == FilterKind.Any;

    /// <summary>A query from the request's fields.</summary>
    /// <exception cref="RpcError">INPUT_FILTER_INVALID for filters the world does not model (mentions).</exception>
    public static MessageQuery Create(string? q, MessagesFilter? filter, long? fromId, int minDate, int maxDate)
    {
        var kind = filter switch
        {
            null or T.InputMessagesFilterEmpty => FilterKind.Any,
            T.InputMessagesFilterPinned => FilterKind.Pinned,
            T.InputMessagesFilterUrl => FilterKind.Url,
            T.InputMessagesFilterPhotos => FilterKind.Photos,
            T.InputMessagesFilterVideo => FilterKind.Video,
            T.InputMessagesFilterPhotoVideo => FilterKind.PhotoVideo,
            T.InputMessagesFilterDocument => FilterKind.Document,
            T.InputMessagesFilterGif => FilterKind.Gif,
            T.InputMessagesFilterVoice => FilterKind.Voice,
            T.InputMessagesFilterMusic => FilterKind.Music,
            T.InputMessagesFilterRoundVideo => FilterKind.RoundVideo,
            T.InputMessagesFilterRoundVoice => FilterKind.RoundVoice,
            T.InputMessagesFilterChatPhotos or T.InputMessagesFilterPhoneCalls or T.InputMessagesFilterGeo or T.InputMessagesFilterContacts => FilterKind.Nothing,
            _ => throw WorldErrors.Bad("INPUT_FILTER_INVALID"),
        };
        return new MessageQuery(Words(q ?? ""), kind, fromId, minDate, maxDate);
    }

    /// <summary>Whether a message (with its media, if any) matches.</summary>
    public bool Matches(string text, MessageEntity[]? entities, bool isService, bool pinned, long fromId, int date, StoredMedia? media = null)
    {
        if (FromId is { } from && from != fromId)
            return false;
        if ((MinDate > 0 && date < MinDate) || (MaxDate > 0 && date > MaxDate))
            return false;
        var kindMatches = _kind switch
        {
            FilterKind.Any => true,
            FilterKind.Pinned => pinned,
            FilterKind.Url => !isService && HasUrl(entities),
            FilterKind.Nothing => false,
            _ => media is not null && MediaMatches(_kind, media),
        };
        if (!kindMatches)
            return false;
        if (_words.Length == 0)
            return true;
        if (isService)
            return false;
        var textWords = Words(text);
        foreach (var word in _words)
        {
            if (!Array.Exists(textWords, w => w.StartsWith(word, StringComparison.Ordinal)))
                return false;
        }
        return true;
    }

    private static bool HasUrl(MessageEntity[]? entities) =>
        entities is not null && Array.Exists(entities, e => e is T.MessageEntityUrl or T.MessageEntityTextUrl);

    private static string[] Words(string text)
    {
        var words = new List<string>();
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
                start = i;
            else if (!inWord && start >= 0)
            {
                words.Add(text[start..i].ToLowerInvariant());
                start = -1;
            }
        }
        return [.. words];
    }

    /// <summary>Whether media is of a filter's kind (Telegram's: documents are files that are no video, GIF or audio).</summary>
    private static bool MediaMatches(FilterKind kind, StoredMedia media)
    {
        var attributes = media.Document?.Attributes ?? [];
        var video = attributes.OfType<T.DocumentAttributeVideo>().FirstOrDefault();
        var audio = attributes.OfType<T.DocumentAttributeAudio>().FirstOrDefault();
        var gif = attributes.Any(a => a is T.DocumentAttributeAnimated);
        var isVideo = video is { RoundMessage: false } && !gif;
        return kind switch
        {
            FilterKind.Photos => media.Photo is not null,
            FilterKind.Video => isVideo,
            FilterKind.PhotoVideo => media.Photo is not null || isVideo,
            FilterKind.Document => media.Document is not null && video is null && audio is null && !gif,
            FilterKind.Gif => gif,
            FilterKind.Voice => audio is { Voice: true },
            FilterKind.Music => audio is { Voice: false },
            FilterKind.RoundVideo => video is { RoundMessage: true },
            FilterKind.RoundVoice => video is { RoundMessage: true } || audio is { Voice: true },
            _ => false,
        };
    }
}
