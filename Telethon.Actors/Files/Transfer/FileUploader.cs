using System.Buffers;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using Telethon.Model;
using Telethon.Tl;
using Fn = Telethon.Tl.Functions;
using TlAbcs = Telethon.Tl.Abcs;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Files;

/// <summary>
/// Uploads a file in parts (upload.saveFilePart, or upload.saveBigFilePart for files of more than 10 MB) and names it by the
/// <see cref="TlAbcs.InputFile"/> that messages.sendMedia and the like take. The parts follow Telegram's rules
/// (<see cref="UploadPlan"/>), are read from the stream in order, and several are in flight at once
/// (<see cref="ClientOptions.FilePartsInFlight"/>).
/// </summary>
internal static class FileUploader
{
    /// <summary>
    /// Uploads <paramref name="size"/> bytes of <paramref name="source"/>, from its current position, in parts of 512 KiB.
    /// A file of at most 10 MB gives an inputFile with its MD5, a larger one an inputFileBig.
    /// </summary>
    /// <param name="client">The account that uploads (to its home DC).</param>
    /// <param name="source">The content; read forward once, part by part.</param>
    /// <param name="size">How many bytes to upload; the stream must hold at least that many.</param>
    /// <param name="name">The file name Telegram keeps with the file.</param>
    /// <param name="progress">Told the bytes done as parts are saved; the last report says <paramref name="size"/>.</param>
    /// <param name="cancellationToken">Cancels the upload: the parts in flight are cancelled and no further part is sent.</param>
    /// <returns>The uploaded file, to give to messages.sendMedia, messages.uploadMedia or photos.uploadProfilePhoto.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The file is empty or larger than Telegram takes
    /// (4000 parts of 512 KiB), checked before anything is sent.</exception>
    /// <exception cref="EndOfStreamException">The stream holds fewer than <paramref name="size"/> bytes. A seekable stream is
    /// checked before anything is sent; otherwise the short part is never sent and the upload stops.</exception>
    /// <exception cref="RpcError">Telegram refused a part.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static Task<TlAbcs.InputFile> UploadAsync(Client client, Stream source, long size, string name, IProgress<TransferProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        return UploadAsync(new ClientFileCalls(client), source, size, name, progress, UploadPlan.MaxPartSize, cancellationToken);
    }

    /// <summary>
    /// Uploads through <paramref name="calls"/> in parts of <paramref name="partSize"/>: the engine of
    /// <see cref="UploadAsync(Client, Stream, long, string, IProgress{TransferProgress}?, CancellationToken)"/>.
    /// </summary>
    internal static async Task<TlAbcs.InputFile> UploadAsync(IFileCalls calls, Stream source, long size, string name,
        IProgress<TransferProgress>? progress, int partSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(calls);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        if (!source.CanRead)
            throw new ArgumentException("The stream cannot be read.", nameof(source));
        var plan = UploadPlan.For(size, partSize);
        if (source.CanSeek && source.Length - source.Position < size)
            throw new EndOfStreamException(
                $"The stream holds {Math.Max(0, source.Length - source.Position)} bytes from its position, fewer than the {size} to upload.");
        cancellationToken.ThrowIfCancellationRequested();

        var inFlight = Math.Max(1, calls.PartsInFlight);
        var fileId = NewFileId();
        using var md5 = plan.IsBig ? null : IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var pending = new List<Task<int>>(inFlight);
        long done = 0;
        try
        {
            for (var part = 0; part < plan.PartCount; part++)
            {
                while (pending.Count >= inFlight)
                    done = await CompleteOneAsync(pending, done, size, progress).ConfigureAwait(false);
                var length = plan.SizeOf(part);
                var buffer = RentPart(length, out var pooled);
                int read;
                try
                {
                    read = await source.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, stop.Token)
                        .ConfigureAwait(false);
                }
                catch
                {
                    ReturnPart(buffer, pooled);
                    throw;
                }
                if (read < length)
                {
                    ReturnPart(buffer, pooled);
                    throw new EndOfStreamException(
                        $"The stream ended after {plan.OffsetOf(part) + read} bytes, before the {size} to upload; part {part} was not sent.");
                }
                md5?.AppendData(buffer, 0, length);
                TlFunction<bool> save = plan.IsBig
                    ? new Fn.Upload.SaveBigFilePart { FileId = fileId, FilePart = part, FileTotalParts = plan.PartCount, Bytes = buffer }
                    : new Fn.Upload.SaveFilePart { FileId = fileId, FilePart = part, Bytes = buffer };
                pending.Add(SavePartAsync(calls, save, part, buffer, pooled, stop.Token));
            }
            while (pending.Count > 0)
                done = await CompleteOneAsync(pending, done, size, progress).ConfigureAwait(false);
        }
        catch (Exception failure)
        {
            // Stop the other parts (each cancellation reaches the account as a CancelAccountRequest) and let them settle, so
            // nothing of this upload is still being sent when the caller hears of the failure.
            await stop.CancelAsync().ConfigureAwait(false);
            await SettleAsync(pending).ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
                throw new OperationCanceledException("The upload was cancelled.", failure, cancellationToken);
            ExceptionDispatchInfo.Throw(failure);
            throw;
        }

        return plan.IsBig
            ? new TlTypes.InputFileBig { Id = fileId, Parts = plan.PartCount, Name = name }
            : new TlTypes.InputFile { Id = fileId, Parts = plan.PartCount, Name = name, Md5Checksum = Convert.ToHexStringLower(md5!.GetHashAndReset()) };
    }

    /// <summary>A random file_id, as Telegram asks of the client.</summary>
    internal static long NewFileId()
    {
        Span<byte> random = stackalloc byte[8];
        RandomNumberGenerator.Fill(random);
        return BitConverter.ToInt64(random);
    }

    private static async Task<long> CompleteOneAsync(List<Task<int>> pending, long done, long size, IProgress<TransferProgress>? progress)
    {
        var finished = await Task.WhenAny(pending).ConfigureAwait(false);
        pending.Remove(finished);
        done += await finished.ConfigureAwait(false);
        progress?.Report(new TransferProgress(done, size));
        return done;
    }

    private static async Task<int> SavePartAsync(IFileCalls calls, TlFunction<bool> save, int part, byte[] buffer, bool pooled,
        CancellationToken cancellationToken)
    {
        bool saved;
        try
        {
            saved = await calls.InvokeAsync(save, null, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcError)
        {
            // Answered: the account is done with the request, so its buffer can be used again. After a cancellation or a
            // timeout it is left to the collector, as the request may still be on its way.
            ReturnPart(buffer, pooled);
            throw;
        }
        ReturnPart(buffer, pooled);
        if (!saved)
            throw new InvalidOperationException($"Telegram answered false to {save.TlName} for part {part}: the part was not saved.");
        return buffer.Length;
    }

    private static async Task SettleAsync(List<Task<int>> pending)
    {
        foreach (var task in pending)
        {
            try
            {
                await task.ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The upload already failed with its first error; the others only say they were stopped.
            }
        }
        pending.Clear();
    }

    // Every valid part size is a power of two (a multiple of 1 KiB that divides 512 KiB), which the shared pool hands out
    // exactly; the last part, usually shorter, gets an array of its own, as the TL bytes field takes the whole array.
    private static byte[] RentPart(int length, out bool pooled)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        if (buffer.Length == length)
        {
            pooled = true;
            return buffer;
        }
        ArrayPool<byte>.Shared.Return(buffer);
        pooled = false;
        return new byte[length];
    }

    private static void ReturnPart(byte[] buffer, bool pooled)
    {
        if (pooled)
            ArrayPool<byte>.Shared.Return(buffer);
    }
}
