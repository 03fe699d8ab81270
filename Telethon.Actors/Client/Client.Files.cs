using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Telethon.Events;
using Telethon.Files;
using Telethon.Formatting;
using Telethon.Model;
using File = Telethon.Model.File;
using Fn = Telethon.Tl.Functions;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon;

// Files and media: sending photos, audio, video and documents, albums, downloads and profile photos.
public sealed partial class Client
{
    /// <summary>The most photos photos.getUserPhotos returns at once.</summary>
    private const int ProfilePhotoPageSize = 100;

    /// <summary>The name a photo sent from a stream or bytes goes by when none is given (Telegram does not keep it).</summary>
    private const string DefaultPhotoName = "photo.jpg";

    /// <summary>
    /// Sends a file (Telethon's <c>send_file</c>): a document, or, with <paramref name="compress"/>, an image as a photo.
    /// The metadata is not read from the content: give the width, duration and the rest (or use
    /// <see cref="SendPhotoAsync"/>, <see cref="SendAudioAsync"/> and <see cref="SendVideoAsync"/>, which read them). The
    /// mime type comes from the name's extension unless given. The attributes Telegram gets follow the mime type: image
    /// size for images, audio attributes for audio, video attributes for video; <paramref name="animated"/>,
    /// <paramref name="emoji"/> and <paramref name="emojiSticker"/> add theirs whatever the type.
    /// </summary>
    /// <param name="chat">Where to send it.</param>
    /// <param name="file">A path, a URL, a stream, bytes, or a file received before (sent again as it is: the other
    /// parameters but the caption and reply do not apply).</param>
    /// <param name="size">How many bytes to send: required for a stream that cannot seek; less than the content sends
    /// only its start.</param>
    /// <param name="name">The file name; by default a path's own name, or a file stream's. Required for other streams
    /// and bytes.</param>
    /// <param name="mimeType">The mime type; by default guessed from the name (application/octet-stream when unknown).</param>
    /// <param name="compress">Whether an image is sent as a photo (which Telegram compresses) rather than as a file.</param>
    /// <param name="animated">Whether the file is an animation (a GIF-like video without sound): documentAttributeAnimated.</param>
    /// <param name="duration">How long the audio or video plays (rounded to whole seconds for audio).</param>
    /// <param name="voice">Whether the audio is a voice note.</param>
    /// <param name="title">The song's title.</param>
    /// <param name="performer">The song's performer.</param>
    /// <param name="emoji">The emoji a sticker stands for: the file is sent as a sticker (documentAttributeSticker).</param>
    /// <param name="emojiSticker">The emoji a custom emoji stands for: the file is sent as a custom emoji
    /// (documentAttributeCustomEmoji).</param>
    /// <param name="width">The image's or video's width, in pixels.</param>
    /// <param name="height">The image's or video's height, in pixels.</param>
    /// <param name="round">Whether the video is a round video message.</param>
    /// <param name="supportsStreaming">Whether the video can be played while it downloads.</param>
    /// <param name="muted">Whether the video has no sound.</param>
    /// <param name="caption">The caption, plain.</param>
    /// <param name="captionMarkdown">The caption, formatted as markdown.</param>
    /// <param name="captionHtml">The caption, formatted as HTML.</param>
    /// <param name="replyTo">The id of the message to reply to.</param>
    /// <param name="buttons">The buttons to send with it, in rows (<c>[[a, b], [c]]</c>), or a keyboard command
    /// (<see cref="Keyboard.Hide"/>, <see cref="Keyboard.ForceReply"/>); null or empty for none. Only bots can send buttons.</param>
    /// <param name="progress">Told of the bytes uploaded as parts complete.</param>
    /// <param name="cancellationToken">Cancels the upload (part by part) and the send.</param>
    /// <returns>The message as sent.</returns>
    /// <exception cref="ArgumentException">No file, more than one caption, or a stream or bytes without a name.</exception>
    /// <exception cref="FileNotFoundException">The path names no file.</exception>
    /// <exception cref="RpcError">Telegram refused it (MEDIA_EMPTY, PHOTO_INVALID_DIMENSIONS, MEDIA_CAPTION_TOO_LONG,
    /// CHAT_SEND_MEDIA_FORBIDDEN, FILE_PARTS_INVALID...).</exception>
    public Task<Message> SendFileAsync(PeerLike chat, InFileLike file, long? size = null, string? name = null, string? mimeType = null,
        bool compress = false, bool animated = false, TimeSpan? duration = null, bool voice = false, string? title = null, string? performer = null,
        string? emoji = null, string? emojiSticker = null, int? width = null, int? height = null, bool round = false, bool supportsStreaming = false,
        bool muted = false, string? caption = null, string? captionMarkdown = null, string? captionHtml = null, int? replyTo = null,
        Keyboard? buttons = null, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SendMediaAsync(chat, file, new MediaRequest(size, name, mimeType, compress)
        {
            Animated = animated,
            Duration = duration,
            Voice = voice,
            Title = title,
            Performer = performer,
            Emoji = emoji,
            EmojiSticker = emojiSticker,
            Width = width,
            Height = height,
            Round = round,
            SupportsStreaming = supportsStreaming,
            Muted = muted,
        }, CaptionOf(caption, captionMarkdown, captionHtml), replyTo,
            KeyboardConversion.ToTl(buttons), progress, cancellationToken);

    /// <summary>
    /// Sends a photo (Telethon's <c>send_photo</c>): by default as a photo Telegram compresses; with
    /// <paramref name="compress"/> false, as an image file, with its width and height read from the content when not
    /// given (JPEG, PNG, GIF, BMP, WebP).
    /// </summary>
    /// <param name="chat">Where to send it.</param>
    /// <param name="file">A path, a URL, a stream, bytes, or a file received before.</param>
    /// <param name="size">See <see cref="SendFileAsync"/>.</param>
    /// <param name="name">See <see cref="SendFileAsync"/>; a compressed photo from a stream or bytes may go without one.</param>
    /// <param name="mimeType">See <see cref="SendFileAsync"/> (compressed photos are image/jpeg to Telegram).</param>
    /// <param name="compress">Whether to send it as a photo (the default) rather than as a file.</param>
    /// <param name="width">The width, in pixels; read from the content when not given.</param>
    /// <param name="height">The height, in pixels; read from the content when not given.</param>
    /// <param name="caption">The caption, plain.</param>
    /// <param name="captionMarkdown">The caption, formatted as markdown.</param>
    /// <param name="captionHtml">The caption, formatted as HTML.</param>
    /// <param name="replyTo">The id of the message to reply to.</param>
    /// <param name="buttons">The buttons to send with it, in rows (<c>[[a, b], [c]]</c>), or a keyboard command
    /// (<see cref="Keyboard.Hide"/>, <see cref="Keyboard.ForceReply"/>); null or empty for none. Only bots can send buttons.</param>
    /// <param name="progress">Told of the bytes uploaded as parts complete.</param>
    /// <param name="cancellationToken">Cancels the upload and the send.</param>
    /// <returns>The message as sent.</returns>
    /// <exception cref="ArgumentException">No file, or more than one caption.</exception>
    /// <exception cref="RpcError">Telegram refused it (PHOTO_INVALID_DIMENSIONS, PHOTO_EXT_INVALID, IMAGE_PROCESS_FAILED...).</exception>
    public Task<Message> SendPhotoAsync(PeerLike chat, InFileLike file, long? size = null, string? name = null, string? mimeType = null,
        bool compress = true, int? width = null, int? height = null, string? caption = null, string? captionMarkdown = null,
        string? captionHtml = null, int? replyTo = null, Keyboard? buttons = null, IProgress<TransferProgress>? progress = null,
        CancellationToken cancellationToken = default) =>
        SendMediaAsync(chat, file, new MediaRequest(size, name, compress ? "image/jpeg" : mimeType, compress)
        {
            Width = width,
            Height = height,
            Guess = MediaGuess.Image,
            DefaultName = compress ? DefaultPhotoName : null,
        }, CaptionOf(caption, captionMarkdown, captionHtml), replyTo,
            KeyboardConversion.ToTl(buttons), progress, cancellationToken);

    /// <summary>
    /// Sends an audio file (Telethon's <c>send_audio</c>), with its duration read from the content when not given (MP3,
    /// WAV, MP4 audio), and an MP3's title and performer from its ID3v2 tag.
    /// </summary>
    /// <param name="chat">Where to send it.</param>
    /// <param name="file">A path, a URL, a stream, bytes, or a file received before.</param>
    /// <param name="size">See <see cref="SendFileAsync"/>.</param>
    /// <param name="name">See <see cref="SendFileAsync"/>.</param>
    /// <param name="mimeType">See <see cref="SendFileAsync"/>; audio/* when the name tells nothing better.</param>
    /// <param name="duration">How long it plays; read from the content when not given.</param>
    /// <param name="voice">Whether it is a voice note.</param>
    /// <param name="title">The song's title; read from the tag when not given.</param>
    /// <param name="performer">The song's performer; read from the tag when not given.</param>
    /// <param name="caption">The caption, plain.</param>
    /// <param name="captionMarkdown">The caption, formatted as markdown.</param>
    /// <param name="captionHtml">The caption, formatted as HTML.</param>
    /// <param name="replyTo">The id of the message to reply to.</param>
    /// <param name="buttons">The buttons to send with it, in rows (<c>[[a, b], [c]]</c>), or a keyboard command
    /// (<see cref="Keyboard.Hide"/>, <see cref="Keyboard.ForceReply"/>); null or empty for none. Only bots can send buttons.</param>
    /// <param name="progress">Told of the bytes uploaded as parts complete.</param>
    /// <param name="cancellationToken">Cancels the upload and the send.</param>
    /// <returns>The message as sent.</returns>
    /// <exception cref="ArgumentException">No file, more than one caption, or a stream or bytes without a name.</exception>
    /// <exception cref="RpcError">Telegram refused it.</exception>
    public Task<Message> SendAudioAsync(PeerLike chat, InFileLike file, long? size = null, string? name = null, string? mimeType = null,
        TimeSpan? duration = null, bool voice = false, string? title = null, string? performer = null, string? caption = null,
        string? captionMarkdown = null, string? captionHtml = null, int? replyTo = null, Keyboard? buttons = null,
        IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SendMediaAsync(chat, file, new MediaRequest(size, name, mimeType, false)
        {
            Duration = duration,
            Voice = voice,
            Title = title,
            Performer = performer,
            Guess = MediaGuess.Audio,
        }, CaptionOf(caption, captionMarkdown, captionHtml), replyTo,
            KeyboardConversion.ToTl(buttons), progress, cancellationToken);

    /// <summary>
    /// Sends a video (Telethon's <c>send_video</c>), with its duration, width and height read from the content when not
    /// given (MP4/QuickTime, AVI).
    /// </summary>
    /// <param name="chat">Where to send it.</param>
    /// <param name="file">A path, a URL, a stream, bytes, or a file received before.</param>
    /// <param name="size">See <see cref="SendFileAsync"/>.</param>
    /// <param name="name">See <see cref="SendFileAsync"/>.</param>
    /// <param name="mimeType">See <see cref="SendFileAsync"/>; video/* when the name tells nothing better.</param>
    /// <param name="duration">How long it plays; read from the content when not given.</param>
    /// <param name="width">The width, in pixels; read from the content when not given.</param>
    /// <param name="height">The height, in pixels; read from the content when not given.</param>
    /// <param name="round">Whether it is a round video message.</param>
    /// <param name="supportsStreaming">Whether it can be played while it downloads.</param>
    /// <param name="muted">Whether it has no sound.</param>
    /// <param name="caption">The caption, plain.</param>
    /// <param name="captionMarkdown">The caption, formatted as markdown.</param>
    /// <param name="captionHtml">The caption, formatted as HTML.</param>
    /// <param name="replyTo">The id of the message to reply to.</param>
    /// <param name="buttons">The buttons to send with it, in rows (<c>[[a, b], [c]]</c>), or a keyboard command
    /// (<see cref="Keyboard.Hide"/>, <see cref="Keyboard.ForceReply"/>); null or empty for none. Only bots can send buttons.</param>
    /// <param name="progress">Told of the bytes uploaded as parts complete.</param>
    /// <param name="cancellationToken">Cancels the upload and the send.</param>
    /// <returns>The message as sent.</returns>
    /// <exception cref="ArgumentException">No file, more than one caption, or a stream or bytes without a name.</exception>
    /// <exception cref="RpcError">Telegram refused it.</exception>
    public Task<Message> SendVideoAsync(PeerLike chat, InFileLike file, long? size = null, string? name = null, string? mimeType = null,
        TimeSpan? duration = null, int? width = null, int? height = null, bool round = false, bool supportsStreaming = false, bool muted = false,
        string? caption = null, string? captionMarkdown = null, string? captionHtml = null, int? replyTo = null,
        Keyboard? buttons = null, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default) =>
        SendMediaAsync(chat, file, new MediaRequest(size, name, mimeType, false)
        {
            Duration = duration,
            Width = width,
            Height = height,
            Round = round,
            SupportsStreaming = supportsStreaming,
            Muted = muted,
            Guess = MediaGuess.Video,
        }, CaptionOf(caption, captionMarkdown, captionHtml), replyTo,
            KeyboardConversion.ToTl(buttons), progress, cancellationToken);

    /// <summary>Downloads <paramref name="media"/> to the file at <paramref name="path"/> (Telethon's <c>download</c>),
    /// overwriting what is there; a download that fails or is cancelled leaves no file behind.</summary>
    /// <param name="media">The file, from a message or a profile photo.</param>
    /// <param name="path">Where to write it; the extension is not added (see <see cref="File.Ext"/>).</param>
    /// <param name="progress">Told of the bytes downloaded as parts arrive.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RpcError">Telegram refused it (FILE_REFERENCE_EXPIRED, LOCATION_INVALID...).</exception>
    public async Task DownloadAsync(File media, string path, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var completed = false;
        var destination = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous);
        try
        {
            await DownloadAsync(media, destination, progress, cancellationToken).ConfigureAwait(false);
            completed = true;
        }
        finally
        {
            await destination.DisposeAsync().ConfigureAwait(false);
            if (!completed)
                System.IO.File.Delete(path);
        }
    }

    /// <summary>Downloads <paramref name="media"/> into <paramref name="destination"/> (Telethon's <c>download</c>), from
    /// the stream's position; the stream is not closed.</summary>
    /// <param name="media">The file, from a message or a profile photo.</param>
    /// <param name="destination">Where to write it.</param>
    /// <param name="progress">Told of the bytes downloaded as parts arrive.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RpcError">Telegram refused it (FILE_REFERENCE_EXPIRED, LOCATION_INVALID...).</exception>
    public async Task DownloadAsync(File media, Stream destination, IProgress<TransferProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
            throw new ArgumentException("The stream cannot be written.", nameof(destination));
        if (media.InlineBytes is { } inline)
        {
            await destination.WriteAsync(inline, cancellationToken).ConfigureAwait(false);
            progress?.Report(new TransferProgress(inline.Length, inline.Length));
            return;
        }
        await FileDownloader.DownloadAsync(this, media.Location, media.DcId, media.Size, destination, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The contents of <paramref name="media"/> as chunks, in order, as they download (Telethon's <c>get_file_bytes</c>):
    /// for showing progress or streaming the file elsewhere. <see cref="DownloadAsync(File, Stream, IProgress{TransferProgress}?, CancellationToken)"/>
    /// is simpler when the file goes to a stream or a path.
    /// </summary>
    /// <param name="media">The file, from a message or a profile photo.</param>
    /// <param name="cancellationToken">Cancels the download.</param>
    /// <exception cref="RpcError">Telegram refused it (FILE_REFERENCE_EXPIRED, LOCATION_INVALID...), on enumeration.</exception>
    public async IAsyncEnumerable<ReadOnlyMemory<byte>> GetFileBytesAsync(File media, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(media);
        if (media.InlineBytes is { } inline)
        {
            yield return inline;
            yield break;
        }
        await foreach (var chunk in FileDownloader.ReadAsync(this, media.Location, media.DcId, media.Size, cancellationToken)
                           .WithCancellation(cancellationToken).ConfigureAwait(false))
            yield return chunk;
    }

    /// <summary>
    /// The profile photos of a user, or the photos a group or channel has had (Telethon's <c>get_profile_photos</c>),
    /// newest first: a user's through photos.getUserPhotos, a chat's from the service messages that set them
    /// (messages.search for chat photos).
    /// </summary>
    /// <param name="peer">The user, group or channel.</param>
    /// <param name="limit">How many photos at most; null for all.</param>
    /// <exception cref="RpcError">Telegram refused it (USER_ID_INVALID, CHANNEL_PRIVATE...), on enumeration.</exception>
    public AsyncList<File> GetProfilePhotosAsync(PeerLike peer, int? limit = null)
    {
        if (peer.IsEmpty)
            throw new ArgumentException("No peer was given.", nameof(peer));
        return new AsyncList<File>(async (cursor, ct) =>
        {
            var state = cursor.State as ProfilePhotoPage ?? await FirstProfilePhotoPageAsync(peer, ct).ConfigureAwait(false);
            var size = cursor.PageSize(state.User is null ? MessagePageSize : ProfilePhotoPageSize);
            return state.User is { } user
                ? await UserPhotosAsync(user, state, size, ct).ConfigureAwait(false)
                : await ChatPhotosAsync(state, size, ct).ConfigureAwait(false);
        }, limit);
    }

    /// <summary>A new album to fill with photos and videos and send as one (Telethon's <c>prepare_album</c>).</summary>
    public AlbumBuilder PrepareAlbum() => new(this);

    /// <summary>Uploads <paramref name="file"/> and has Telegram make it a photo or document (messages.uploadMedia), so it
    /// can go in an album; a file received before is used as it is.</summary>
    internal async Task<TlAbcs.InputMedia> UploadMediaAsync(InFileLike file, MediaRequest request, IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        var media = await InputMediaAsync(file, request, progress, cancellationToken).ConfigureAwait(false);
        if (media is TlTypes.InputMediaPhoto or TlTypes.InputMediaDocument)
            return media;
        var uploaded = await InvokeAsync(new Fn.Messages.UploadMedia { Peer = new TlTypes.InputPeerSelf(), Media = media }, cancellationToken)
            .ConfigureAwait(false);
        return uploaded switch
        {
            TlTypes.MessageMediaPhoto { Photo: TlTypes.Photo photo } m => new TlTypes.InputMediaPhoto
            {
                Spoiler = m.Spoiler,
                Id = new TlTypes.InputPhoto { Id = photo.Id, AccessHash = photo.AccessHash, FileReference = photo.FileReference },
            },
            TlTypes.MessageMediaDocument { Document: TlTypes.Document document } m => new TlTypes.InputMediaDocument
            {
                Spoiler = m.Spoiler,
                Id = new TlTypes.InputDocument { Id = document.Id, AccessHash = document.AccessHash, FileReference = document.FileReference },
            },
            _ => throw new InvalidOperationException($"messages.uploadMedia answered {uploaded.TlName}, neither a photo nor a document."),
        };
    }

    /// <summary>Sends the album's media in one messages.sendMultiMedia, each with a new random id.</summary>
    internal async Task<IReadOnlyList<Message>> SendAlbumAsync(PeerLike chat, IReadOnlyList<(TlAbcs.InputMedia Media, FormattedText Caption)> items,
        int? replyTo, CancellationToken cancellationToken)
    {
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        var singles = new TlAbcs.InputSingleMedia[items.Count];
        for (var i = 0; i < singles.Length; i++)
        {
            var caption = await CompleteMentionsAsync(items[i].Caption, cancellationToken).ConfigureAwait(false);
            singles[i] = new TlTypes.InputSingleMedia
            {
                Media = items[i].Media,
                RandomId = RandomId(),
                Message = caption.Text,
                Entities = caption.Entities.Length > 0 ? caption.Entities : null,
            };
        }
        var result = await InvokeAsync(new Fn.Messages.SendMultiMedia
        {
            Peer = peer,
            ReplyTo = replyTo is { } id ? new TlTypes.InputReplyToMessage { ReplyToMsgId = id } : null,
            MultiMedia = singles,
        }, cancellationToken).ConfigureAwait(false);
        var sent = SentMessages.Of(result, context, chat.Peer);
        var messages = new List<Message>(singles.Length);
        foreach (var single in singles)
        {
            messages.Add(sent.WithRandomId(((TlTypes.InputSingleMedia)single).RandomId)
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"The result of messages.sendMultiMedia ({result.TlName}) does not hold all {singles.Length} messages of the album.")));
        }
        return messages;
    }

    /// <summary>A caption from at most one of plain text, markdown and HTML (none: no caption).</summary>
    /// <exception cref="ArgumentException">More than one was given.</exception>
    internal static FormattedText CaptionOf(string? caption, string? captionMarkdown, string? captionHtml)
    {
        var given = (caption is null ? 0 : 1) + (captionMarkdown is null ? 0 : 1) + (captionHtml is null ? 0 : 1);
        if (given > 1)
            throw new ArgumentException("Give at most one of caption, captionMarkdown and captionHtml.", nameof(captionMarkdown));
        return given == 0 ? new FormattedText("", []) : FormatOf(caption, captionMarkdown, captionHtml);
    }

    private async Task<Message> SendMediaAsync(PeerLike chat, InFileLike file, MediaRequest request, FormattedText caption, int? replyTo,
        TlAbcs.ReplyMarkup? replyMarkup, IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        RequirePeer(chat);
        caption = await CompleteMentionsAsync(caption, cancellationToken).ConfigureAwait(false);
        var media = await InputMediaAsync(file, request, progress, cancellationToken).ConfigureAwait(false);
        var context = await ContextAsync(cancellationToken).ConfigureAwait(false);
        var peer = await InputPeerAsync(chat, cancellationToken).ConfigureAwait(false);
        return await SendInputMediaAsync(context, peer, chat.Peer, media, caption, replyTo, replyMarkup, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends media with a caption (and <paramref name="replyMarkup"/>, its buttons) as the account of
    /// <paramref name="context"/> (messages.sendMedia) and returns the message as sent.</summary>
    private static async Task<Message> SendInputMediaAsync(IEventContext context, TlAbcs.InputPeer peer, Peer? chat, TlAbcs.InputMedia media,
        FormattedText caption, int? replyTo, TlAbcs.ReplyMarkup? replyMarkup, CancellationToken cancellationToken)
    {
        var randomId = RandomId();
        var entities = caption.Entities.Length > 0 ? caption.Entities : null;
        var result = await context.InvokeAsync(new Fn.Messages.SendMedia
        {
            Peer = peer,
            ReplyTo = replyTo is { } id ? new TlTypes.InputReplyToMessage { ReplyToMsgId = id } : null,
            Media = media,
            Message = caption.Text,
            RandomId = randomId,
            Entities = entities,
            ReplyMarkup = replyMarkup,
        }, cancellationToken).ConfigureAwait(false);
        return SentMessage(result, randomId, context, peer, chat, caption.Text, entities, replyTo, silent: false);
    }

    /// <summary>What Telegram is sent for <paramref name="file"/>: the photo or document itself for a file received
    /// before, an external photo or document for a URL, else the content uploaded with its attributes.</summary>
    private async Task<TlAbcs.InputMedia> InputMediaAsync(InFileLike file, MediaRequest request, IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        if (file.IsEmpty)
            throw new ArgumentException("No file was given.", nameof(file));
        if (file.File is { } received)
            return received.InputMedia;
        if (file.Url is { } url)
        {
            var mime = request.MimeType ?? MediaTypes.MimeOf(request.Name ?? new Uri(url).AbsolutePath);
            return request.Compress && mime.StartsWith("image/", StringComparison.OrdinalIgnoreCase)
                ? new TlTypes.InputMediaPhotoExternal { Url = url }
                : new TlTypes.InputMediaDocumentExternal { Url = url };
        }

        await using var source = OpenSource(file, request);
        var mimeType = request.MimeType ?? MediaTypes.MimeOf(source.Name);
        var info = request.Guess != MediaGuess.None && source.Stream.CanSeek ? MediaReader.Read(source.Stream, source.Size) : MediaInfo.None;
        var uploaded = await FileUploader.UploadAsync(this, source.Stream, source.Size, source.Name, progress, cancellationToken).ConfigureAwait(false);
        if (request.Compress && mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
            return new TlTypes.InputMediaUploadedPhoto { File = uploaded };
        return new TlTypes.InputMediaUploadedDocument
        {
            NosoundVideo = request.Muted,
            File = uploaded,
            MimeType = mimeType,
            Attributes = Attributes(request, source.Name, mimeType, info),
        };
    }

    /// <summary>The document attributes for a file: its name always, then those its mime type and the request call for,
    /// with what the content told filling what the request left out.</summary>
    internal static TlAbcs.DocumentAttribute[] Attributes(MediaRequest request, string name, string mimeType, MediaInfo info)
    {
        var attributes = new List<TlAbcs.DocumentAttribute> { new TlTypes.DocumentAttributeFilename { FileName = name } };
        var width = request.Width ?? info.Width;
        var height = request.Height ?? info.Height;
        var duration = request.Duration ?? info.Duration;
        if (mimeType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            if (width is { } w && height is { } h)
                attributes.Add(new TlTypes.DocumentAttributeImageSize { W = w, H = h });
        }
        else if (mimeType.StartsWith("audio/", StringComparison.OrdinalIgnoreCase) || request.Guess == MediaGuess.Audio)
        {
            var title = request.Title ?? info.Title;
            var performer = request.Performer ?? info.Performer;
            if (duration is not null || request.Voice || title is not null || performer is not null)
            {
                attributes.Add(new TlTypes.DocumentAttributeAudio
                {
                    Voice = request.Voice,
                    Duration = duration is { } d ? (int)Math.Round(d.TotalSeconds, MidpointRounding.AwayFromZero) : 0,
                    Title = title,
                    Performer = performer,
                });
            }
        }
        else if (mimeType.StartsWith("video/", StringComparison.OrdinalIgnoreCase) || request.Guess == MediaGuess.Video)
        {
            if (duration is not null || width is not null || height is not null || request.Round || request.SupportsStreaming || request.Muted)
            {
                attributes.Add(new TlTypes.DocumentAttributeVideo
                {
                    RoundMessage = request.Round,
                    SupportsStreaming = request.SupportsStreaming,
                    Nosound = request.Muted,
                    Duration = duration?.TotalSeconds ?? 0,
                    W = width ?? 0,
                    H = height ?? 0,
                });
            }
        }
        if (request.Animated)
            attributes.Add(new TlTypes.DocumentAttributeAnimated());
        if (request.Emoji is { } emoji)
            attributes.Add(new TlTypes.DocumentAttributeSticker { Alt = emoji, Stickerset = new TlTypes.InputStickerSetEmpty() });
        if (request.EmojiSticker is { } emojiSticker)
            attributes.Add(new TlTypes.DocumentAttributeCustomEmoji { Alt = emojiSticker, Stickerset = new TlTypes.InputStickerSetEmpty() });
        return [.. attributes];
    }

    /// <summary>The content to upload, its size and its name, from a path, a stream or bytes.</summary>
    /// <exception cref="ArgumentException">A size larger than the content or negative, or no name where one is needed.</exception>
    private static UploadSource OpenSource(InFileLike file, MediaRequest request)
    {
        if (request.Size is < 0)
            throw new ArgumentOutOfRangeException(nameof(file), request.Size, "A size is not negative.");
        if (file.Path is { } path)
        {
            var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            try
            {
                return new UploadSource(stream, SizeOf(request.Size, stream.Length), request.Name ?? Path.GetFileName(path), Owned: true);
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }
        if (file.Bytes is { } bytes)
        {
            var stream = MemoryMarshal.TryGetArray(bytes, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(bytes.ToArray(), writable: false);
            return new UploadSource(stream, SizeOf(request.Size, bytes.Length), NameOf(request, null), Owned: true);
        }
        var source = file.Stream!;
        long size;
        if (source.CanSeek)
            size = SizeOf(request.Size, source.Length - source.Position);
        else
            size = request.Size ?? throw new ArgumentException("The size must be given for a stream that cannot seek.", nameof(file));
        return new UploadSource(source, size, NameOf(request, (source as FileStream)?.Name), Owned: false);
    }

    private static long SizeOf(long? given, long available)
    {
        if (given is not { } size)
            return available;
        if (size > available)
            throw new ArgumentOutOfRangeException(nameof(given), size, string.Create(CultureInfo.InvariantCulture, $"Only {available} bytes are there to send."));
        return size;
    }

    private static string NameOf(MediaRequest request, string? streamPath) =>
        request.Name
        ?? (streamPath is not null ? Path.GetFileName(streamPath) : null)
        ?? request.DefaultName
        ?? throw new ArgumentException("A name must be given for a stream or bytes (it gives the file its name and mime type).", "name");

    private async Task<ProfilePhotoPage> FirstProfilePhotoPageAsync(PeerLike peer, CancellationToken cancellationToken)
    {
        var reference = await RefOfAsync(peer, cancellationToken).ConfigureAwait(false);
        if (reference is UserRef)
            return new ProfilePhotoPage(await InputUserAsync(peer, cancellationToken).ConfigureAwait(false), null, 0);
        return new ProfilePhotoPage(null, await InputPeerAsync(peer, cancellationToken).ConfigureAwait(false), 0);
    }

    private async Task<AsyncListPage<File>> UserPhotosAsync(TlAbcs.InputUser user, ProfilePhotoPage state, int size, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(new Fn.Photos.GetUserPhotos { UserId = user, Offset = state.Offset, MaxId = 0, Limit = size }, cancellationToken)
            .ConfigureAwait(false);
        var (photos, count, complete) = result switch
        {
            TlTypes.Photos.Photos p => (p.PhotosValue, state.Offset + p.PhotosValue.Length, true),
            TlTypes.Photos.PhotosSlice p => (p.Photos, p.Count, false),
            _ => throw new InvalidOperationException($"Unexpected photos result {result.TlName}."),
        };
        var files = new List<File>(photos.Length);
        foreach (var photo in photos)
        {
            if (photo is TlTypes.Photo p && File.FromPhoto(p, this, null) is { } file)
                files.Add(file);
        }
        var offset = state.Offset + photos.Length;
        var next = complete || photos.Length == 0 || offset >= count ? null : state with { Offset = offset };
        return new AsyncListPage<File>(files, next, count);
    }

    private async Task<AsyncListPage<File>> ChatPhotosAsync(ProfilePhotoPage state, int size, CancellationToken cancellationToken)
    {
        var result = await InvokeAsync(new Fn.Messages.Search
        {
            Peer = state.Peer!,
            Q = "",
            Filter = new TlTypes.InputMessagesFilterChatPhotos(),
            MinDate = 0,
            MaxDate = 0,
            OffsetId = state.Offset,
            AddOffset = 0,
            Limit = size,
            MaxId = 0,
            MinId = 0,
            Hash = 0,
        }, cancellationToken).ConfigureAwait(false);
        var (messages, count, complete) = result switch
        {
            TlTypes.Messages.Messages m => (m.MessagesValue, m.MessagesValue.Length, true),
            TlTypes.Messages.MessagesSlice m => (m.Messages, m.Count, false),
            TlTypes.Messages.ChannelMessages m => (m.Messages, m.Count, false),
            TlTypes.Messages.MessagesNotModified m => ([], m.Count, true),
            _ => throw new InvalidOperationException($"Unexpected messages result {result.TlName}."),
        };
        var files = new List<File>(messages.Length);
        var lastId = 0;
        foreach (var message in messages)
        {
            if (message is TlTypes.MessageService service)
            {
                lastId = service.Id;
                if (service.Action is TlTypes.MessageActionChatEditPhoto { Photo: TlTypes.Photo photo } && File.FromPhoto(photo, this, null) is { } file)
                    files.Add(file);
            }
            else if (message is TlTypes.Message m)
            {
                lastId = m.Id;
            }
        }
        var next = complete || messages.Length < size || lastId == 0 ? null : state with { Offset = lastId };
        return new AsyncListPage<File>(files, next, count);
    }

    /// <summary>Where the next page of profile photos starts: a user's by offset, a chat's by message id.</summary>
    private sealed record ProfilePhotoPage(TlAbcs.InputUser? User, TlAbcs.InputPeer? Peer, int Offset);

    /// <summary>The content of an upload; disposed after it when the client opened it.</summary>
    private sealed record UploadSource(Stream Stream, long Size, string Name, bool Owned) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Owned ? Stream.DisposeAsync() : ValueTask.CompletedTask;
    }
}
