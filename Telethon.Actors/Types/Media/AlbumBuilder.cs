using Telethon.Formatting;
using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Model;

/// <summary>
/// Photos and videos to send together as one album (Telethon's <c>AlbumBuilder</c>, from
/// <see cref="Client.PrepareAlbum"/>). Each one is uploaded as it is added; <see cref="SendAsync"/> sends them all at
/// once, as messages sharing one <see cref="Message.GroupedId"/>, and can send the same album to several chats.
/// </summary>
public sealed class AlbumBuilder
{
    /// <summary>The most media Telegram puts in one album.</summary>
    public const int MaxCount = 10;

    private readonly Client _client;
    private readonly List<(TlAbcs.InputMedia Media, FormattedText Caption)> _items = [];
    private readonly Lock _lock = new();

    internal AlbumBuilder(Client client) => _client = client;

    /// <summary>How many photos and videos the album holds.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
                return _items.Count;
        }
    }

    /// <summary>Adds a photo (Telethon's <c>add_photo</c>): uploaded now, as a photo Telegram compresses.</summary>
    /// <param name="file">A path, a URL, a stream, bytes, or a photo received before.</param>
    /// <param name="size">See <see cref="Client.SendFileAsync"/>.</param>
    /// <param name="caption">The photo's caption, plain.</param>
    /// <param name="captionMarkdown">The photo's caption, formatted as markdown.</param>
    /// <param name="captionHtml">The photo's caption, formatted as HTML.</param>
    /// <param name="progress">Told of the bytes uploaded as parts complete.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="ArgumentException">No file, or more than one caption.</exception>
    /// <exception cref="InvalidOperationException">The album is full (<see cref="MaxCount"/>).</exception>
    public async Task AddPhotoAsync(InFileLike file, long? size = null, string? caption = null, string? captionMarkdown = null,
        string? captionHtml = null, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var text = Client.CaptionOf(caption, captionMarkdown, captionHtml);
        EnsureRoom();
        var media = await _client.UploadMediaAsync(file, new MediaRequest(size, null, "image/jpeg", true) { DefaultName = "photo.jpg" },
            progress, cancellationToken).ConfigureAwait(false);
        Add(media, text);
    }

    /// <summary>Adds a video (Telethon's <c>add_video</c>): uploaded now, with its duration, width and height read from
    /// the content when not given.</summary>
    /// <param name="file">A path, a URL, a stream, bytes, or a video received before.</param>
    /// <param name="size">See <see cref="Client.SendFileAsync"/>.</param>
    /// <param name="name">See <see cref="Client.SendFileAsync"/>.</param>
    /// <param name="mimeType">See <see cref="Client.SendFileAsync"/>.</param>
    /// <param name="duration">How long it plays; read from the content when not given.</param>
    /// <param name="width">The width, in pixels; read from the content when not given.</param>
    /// <param name="height">The height, in pixels; read from the content when not given.</param>
    /// <param name="round">Whether it is a round video message.</param>
    /// <param name="supportsStreaming">Whether it can be played while it downloads.</param>
    /// <param name="muted">Whether it has no sound.</param>
    /// <param name="caption">The video's caption, plain.</param>
    /// <param name="captionMarkdown">The video's caption, formatted as markdown.</param>
    /// <param name="captionHtml">The video's caption, formatted as HTML.</param>
    /// <param name="progress">Told of the bytes uploaded as parts complete.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="ArgumentException">No file, more than one caption, or a stream or bytes without a name.</exception>
    /// <exception cref="InvalidOperationException">The album is full (<see cref="MaxCount"/>).</exception>
    public async Task AddVideoAsync(InFileLike file, long? size = null, string? name = null, string? mimeType = null, TimeSpan? duration = null,
        int? width = null, int? height = null, bool round = false, bool supportsStreaming = false, bool muted = false, string? caption = null,
        string? captionMarkdown = null, string? captionHtml = null, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var text = Client.CaptionOf(caption, captionMarkdown, captionHtml);
        EnsureRoom();
        var request = new MediaRequest(size, name, mimeType, false)
        {
            Duration = duration,
            Width = width,
            Height = height,
            Round = round,
            SupportsStreaming = supportsStreaming,
            Muted = muted,
            Guess = MediaGuess.Video,
        };
        var media = await _client.UploadMediaAsync(file, request, progress, cancellationToken).ConfigureAwait(false);
        Add(media, text);
    }

    /// <summary>Sends the album to <paramref name="chat"/> (Telethon's <c>send</c>); it can be sent again, to the same or
    /// other chats. An album takes no buttons: messages.sendMultiMedia has no reply_markup in Telegram's schema (send
    /// the buttons with a single file through <see cref="Client.SendFileAsync"/> or a message instead).</summary>
    /// <param name="chat">Where to send it.</param>
    /// <param name="replyTo">The id of the message the album replies to.</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The album's messages, in the order their media were added.</returns>
    /// <exception cref="InvalidOperationException">The album is empty.</exception>
    /// <exception cref="RpcError">Telegram refused it (MEDIA_INVALID, MULTI_MEDIA_TOO_LONG, CHAT_SEND_MEDIA_FORBIDDEN...).</exception>
    public Task<IReadOnlyList<Message>> SendAsync(PeerLike chat, int? replyTo = null, CancellationToken cancellationToken = default)
    {
        if (chat.IsEmpty)
            throw new ArgumentException("No chat was given.", nameof(chat));
        (TlAbcs.InputMedia, FormattedText)[] items;
        lock (_lock)
            items = [.. _items];
        if (items.Length == 0)
            throw new InvalidOperationException("The album is empty: add photos or videos first.");
        return _client.SendAlbumAsync(chat, items, replyTo, cancellationToken);
    }

    private void EnsureRoom()
    {
        if (Count >= MaxCount)
            throw new InvalidOperationException($"An album holds at most {MaxCount} photos and videos.");
    }

    private void Add(TlAbcs.InputMedia media, FormattedText caption)
    {
        lock (_lock)
        {
            if (_items.Count >= MaxCount)
                throw new InvalidOperationException($"An album holds at most {MaxCount} photos and videos.");
            _items.Add((media, caption));
        }
    }
}
