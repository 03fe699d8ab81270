using System.Runtime.CompilerServices;
using Telethon.Model;
using Fn = Telethon.Tl.Functions;
using TlAbcs = Telethon.Tl.Abcs;

namespace Telethon.Files;

/// <summary>
/// Downloads a file with upload.getFile, by Telegram's offset and limit rules (<see cref="DownloadPlan"/>), keeping several
/// requests in flight (<see cref="ClientOptions.FilePartsInFlight"/>) and handing the chunks out in file order. It stops at the
/// end of the file: when the known size is reached, or at the first part shorter than asked.
/// </summary>
internal static class FileDownloader
{
    /// <summary>
    /// Reads the file at <paramref name="location"/> on DC <paramref name="dcId"/> as chunks in file order (each chunk is the
    /// bytes of one upload.getFile answer; keep or copy it before asking for the next if needed, it is not reused).
    /// </summary>
    /// <param name="client">The account that downloads.</param>
    /// <param name="location">Where the file is.</param>
    /// <param name="dcId">The DC the file lives on (the photo's or document's dc_id); the account follows FILE_MIGRATE.</param>
    /// <param name="size">The size of the file when known (no request is made past it), or null: the download then goes on
    /// until a part comes back shorter than asked.</param>
    /// <param name="cancellationToken">Stops the download: the requests in flight are cancelled and no more are sent.</param>
    /// <exception cref="RpcError">Telegram refused a request (FILE_REFERENCE_EXPIRED, LOCATION_INVALID, …).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(Client client, TlAbcs.InputFileLocation location, int dcId, long? size,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return ReadAsync(new ClientFileCalls(client), location, dcId, size, DownloadPlan.Default, cancellationToken);
    }

    /// <summary>
    /// Downloads the file at <paramref name="location"/> into <paramref name="destination"/>, written in file order.
    /// </summary>
    /// <param name="client">The account that downloads.</param>
    /// <param name="location">Where the file is.</param>
    /// <param name="dcId">The DC the file lives on.</param>
    /// <param name="size">The size of the file when known, or null.</param>
    /// <param name="destination">Where the bytes go; it is not flushed nor closed.</param>
    /// <param name="progress">Told the bytes done after each chunk is written; the last report of a finished download says the
    /// whole size (for a file of unknown size, its total is then the bytes downloaded).</param>
    /// <param name="cancellationToken">Stops the download.</param>
    /// <exception cref="RpcError">Telegram refused a request.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task DownloadAsync(Client client, TlAbcs.InputFileLocation location, int dcId, long? size, Stream destination,
        IProgress<TransferProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return DownloadAsync(new ClientFileCalls(client), location, dcId, size, destination, progress, DownloadPlan.Default, cancellationToken);
    }

    /// <summary>The engine of <see cref="DownloadAsync(Client, TlAbcs.InputFileLocation, int, long?, Stream, IProgress{TransferProgress}?, CancellationToken)"/>.</summary>
    internal static async Task DownloadAsync(IFileCalls calls, TlAbcs.InputFileLocation location, int dcId, long? size, Stream destination,
        IProgress<TransferProgress>? progress, DownloadPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!destination.CanWrite)
            throw new ArgumentException("The stream cannot be written.", nameof(destination));
        long done = 0;
        // Each chunk is written before the next is asked for, so it may stay in its pooled array.
        await foreach (var chunk in ReadChunksAsync(calls, location, dcId, size, plan, lend: true, cancellationToken).ConfigureAwait(false))
        {
            await destination.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            done += chunk.Length;
            progress?.Report(new TransferProgress(done, size));
        }
        if (size is null || done == 0)
            progress?.Report(new TransferProgress(done, size ?? done));
    }

    /// <summary>The engine of <see cref="ReadAsync(Client, TlAbcs.InputFileLocation, int, long?, CancellationToken)"/>: every chunk is an array of its own.</summary>
    internal static IAsyncEnumerable<ReadOnlyMemory<byte>> ReadAsync(IFileCalls calls, TlAbcs.InputFileLocation location, int dcId,
        long? size, DownloadPlan plan, CancellationToken cancellationToken) =>
        ReadChunksAsync(calls, location, dcId, size, plan, lend: false, cancellationToken);

    /// <summary>
    /// The chunks of a download, in file order. With
    /// <paramref name="lend"/>, a chunk is lent: its memory is pooled and valid only until the next chunk is asked for;
    /// without, every chunk is an array of its own.
    /// </summary>
    private static async IAsyncEnumerable<ReadOnlyMemory<byte>> ReadChunksAsync(IFileCalls calls, TlAbcs.InputFileLocation location, int dcId,
        long? size, DownloadPlan plan, bool lend, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfLessThan(dcId, 1);
        if (size is < 0)
            throw new ArgumentOutOfRangeException(nameof(size), size, "A file size cannot be negative.");
        cancellationToken.ThrowIfCancellationRequested();
        if (size == 0)
            yield break;

        var requests = plan.RequestCount(size) ?? long.MaxValue;
        var inFlight = Math.Max(1, calls.PartsInFlight);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var window = new Queue<Task<FileChunk>>(inFlight);
        long next = 0;
        long received = 0;
        FileChunk? current = null;
        try
        {
            while (next < requests && window.Count < inFlight)
                window.Enqueue(GetPart(calls, location, dcId, plan, next++, stop.Token));
            for (long index = 0; window.Count > 0; index++)
            {
                current = await AwaitPart(window.Dequeue(), cancellationToken).ConfigureAwait(false);
                if (current.Other is { } other)
                    throw new InvalidOperationException(
                        $"upload.getFile answered {other.TlName}, a CDN redirect, though the request did not say it supports CDNs.");
                var bytes = current.Bytes;
                if (bytes.Length > plan.Limit)
                    throw new InvalidOperationException(
                        $"upload.getFile answered {bytes.Length} bytes at offset {plan.OffsetOf(index)}, more than the {plan.Limit} asked.");
                var length = size is { } known ? (int)Math.Min(bytes.Length, known - received) : bytes.Length;
                var last = bytes.Length < plan.Limit || received + length == size;
                if (!last && next < requests)
                    window.Enqueue(GetPart(calls, location, dcId, plan, next++, stop.Token));
                received += length;
                if (length > 0)
                {
                    if (lend)
                    {
                        yield return bytes[..length];
                    }
                    else
                    {
                        var own = bytes[..length].ToArray();
                        current.Release();
                        yield return own;
                    }
                }
                current.Release();
                current = null;
                if (last)
                    yield break;
            }
        }
        finally
        {
            current?.Release();
            // The end of the file, a failure, a cancellation or a consumer that stopped early: whatever is still in flight is
            // cancelled (a CancelAccountRequest each) and awaited, so no request of this download outlives it.
            if (window.Count > 0)
            {
                await stop.CancelAsync().ConfigureAwait(false);
                while (window.TryDequeue(out var pending))
                {
                    try
                    {
                        (await pending.ConfigureAwait(false)).Release();
                    }
                    catch (Exception)
                    {
                        // Cancelled, or failed after the download ended: nothing anyone waits for.
                    }
                }
            }
        }
    }

    // A part cancelled through the download's own token is reported with the caller's token.
    private static async Task<FileChunk> AwaitPart(Task<FileChunk> part, CancellationToken cancellationToken)
    {
        try
        {
            return await part.ConfigureAwait(false);
        }
        catch (OperationCanceledException e) when (cancellationToken.IsCancellationRequested && e.CancellationToken != cancellationToken)
        {
            throw new OperationCanceledException("The download was cancelled.", e, cancellationToken);
        }
    }

    private static Task<FileChunk> GetPart(IFileCalls calls, TlAbcs.InputFileLocation location, int dcId, DownloadPlan plan, long index,
        CancellationToken cancellationToken) =>
        calls.InvokeAsync(new GetFileChunk(new Fn.Upload.GetFile { Precise = false, Location = location, Offset = plan.OffsetOf(index), Limit = plan.Limit }),
            dcId, cancellationToken);
}
