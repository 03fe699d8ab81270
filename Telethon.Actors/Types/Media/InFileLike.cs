namespace Telethon.Model;

/// <summary>
/// Whatever a send method's file parameter accepts (Telethon's <c>InFileLike</c>, a path or a <see cref="File"/>): a
/// path to a local file, a URL (a string starting with <c>http://</c> or <c>https://</c>, which Telegram fetches
/// itself), a <see cref="System.IO.Stream"/> (read from its position, not closed), bytes, or a <see cref="Model.File"/>
/// received before (sent again without downloading or uploading it). It converts implicitly from each of them, so
/// <c>client.SendFileAsync(chat, "photo.jpg")</c>, <c>client.SendFileAsync(chat, stream, name: "a.txt")</c> and
/// <c>client.SendFileAsync(chat, message.File!)</c> all work.
/// </summary>
public readonly record struct InFileLike
{
    private InFileLike(string? path, string? url, Stream? stream, ReadOnlyMemory<byte>? bytes, File? file)
    {
        Path = path;
        Url = url;
        Stream = stream;
        Bytes = bytes;
        File = file;
    }

    /// <summary>The local path given, if one was.</summary>
    public string? Path { get; }

    /// <summary>The URL given, if one was.</summary>
    public string? Url { get; }

    /// <summary>The stream given, if one was.</summary>
    public Stream? Stream { get; }

    /// <summary>The bytes given, if they were.</summary>
    public ReadOnlyMemory<byte>? Bytes { get; }

    /// <summary>The file received before, if one was given.</summary>
    public File? File { get; }

    /// <summary>Whether nothing was given (the default value).</summary>
    public bool IsEmpty => Path is null && Url is null && Stream is null && Bytes is null && File is null;

    /// <summary>A path, or a URL when it starts with <c>http://</c> or <c>https://</c>.</summary>
    public static implicit operator InFileLike(string pathOrUrl) => FromString(pathOrUrl);

    /// <summary>A stream, read from its position.</summary>
    public static implicit operator InFileLike(Stream stream) => FromStream(stream);

    /// <summary>Bytes.</summary>
    public static implicit operator InFileLike(byte[] bytes) => FromBytes(bytes ?? throw new ArgumentNullException(nameof(bytes)));

    /// <summary>Bytes.</summary>
    public static implicit operator InFileLike(ReadOnlyMemory<byte> bytes) => FromBytes(bytes);

    /// <summary>A file received before.</summary>
    public static implicit operator InFileLike(File file) => FromFile(file);

    /// <summary>A path, or a URL when it starts with <c>http://</c> or <c>https://</c> (any case).</summary>
    /// <exception cref="ArgumentException">The string is empty.</exception>
    public static InFileLike FromString(string pathOrUrl)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathOrUrl);
        return pathOrUrl.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || pathOrUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(pathOrUrl)
            : FromPath(pathOrUrl);
    }

    /// <summary>A path to a local file (never taken for a URL).</summary>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    public static InFileLike FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new InFileLike(path, null, null, null, null);
    }

    /// <summary>A URL Telegram fetches the file from.</summary>
    /// <exception cref="ArgumentException">It is not an absolute http or https URL.</exception>
    public static InFileLike FromUrl(string url)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(url);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            throw new ArgumentException($"Not an http or https URL: \"{url}\".", nameof(url));
        return new InFileLike(null, url, null, null, null);
    }

    /// <summary>A stream, read from its position (and not closed).</summary>
    /// <exception cref="ArgumentException">The stream cannot be read.</exception>
    public static InFileLike FromStream(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanRead)
            throw new ArgumentException("The stream cannot be read.", nameof(stream));
        return new InFileLike(null, null, stream, null, null);
    }

    /// <summary>Bytes.</summary>
    public static InFileLike FromBytes(ReadOnlyMemory<byte> bytes) => new(null, null, null, bytes, null);

    /// <summary>A file received before.</summary>
    public static InFileLike FromFile(File file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return new InFileLike(null, null, null, null, file);
    }

    /// <inheritdoc />
    public override string ToString() =>
        Path is not null ? $"path {Path}"
        : Url is not null ? $"URL {Url}"
        : Stream is not null ? "a stream"
        : Bytes is { } b ? $"{b.Length} bytes"
        : File is not null ? File.ToString()
        : "no file";
}
