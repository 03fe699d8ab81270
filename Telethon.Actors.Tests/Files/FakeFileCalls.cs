using System.Collections.Concurrent;
using Telethon.Files;
using Telethon.Tl;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Files;

/// <summary>
/// A fake account for the transfer engine: it keeps the parts saved and serves one file's bytes by Telegram's rules
/// (a part of the wrong size or a request across a 1 MiB block is refused with Telegram's error), counts the requests in
/// flight, and answers only when <see cref="Gate"/> lets it. Cancellation acts as the account's does: the call ends with an
/// <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class FakeFileCalls(int partsInFlight) : IFileCalls
{
    private readonly object _lock = new();
    private int _inFlight;

    public int PartsInFlight { get; } = partsInFlight;

    /// <summary>The content upload.getFile serves.</summary>
    public byte[] Content { get; init; } = [];

    /// <summary>Awaited before a request is answered; null answers at once (after a yield).</summary>
    public Func<TlFunction, Task>? Gate { get; set; }

    /// <summary>An error to answer a request with instead of its result.</summary>
    public Func<TlFunction, Exception?>? Fail { get; init; }

    /// <summary>Every request, in the order it was made, with the DC it was for.</summary>
    public ConcurrentQueue<(TlFunction Function, int? DcId)> Requests { get; } = new();

    /// <summary>The saved parts by file id and part number (copies: the engine reuses its buffers).</summary>
    public ConcurrentDictionary<(long FileId, int Part), byte[]> Saved { get; } = new();

    public int MaxInFlight { get; private set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public int Cancelled;

    public async Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, int? dcId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        // A download asks through GetFileChunk: the fake sees (and the tests inspect) the upload.getFile it wraps.
        var request = function is GetFileChunk chunk ? chunk.Request : (TlFunction)function;
        Requests.Enqueue((request, dcId));
        lock (_lock)
        {
            _inFlight++;
            MaxInFlight = Math.Max(MaxInFlight, _inFlight);
        }
        try
        {
            await Task.Yield();
            if (Gate is { } gate)
            {
                try
                {
                    await gate(request).WaitAsync(cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref Cancelled);
                    throw;
                }
            }
            cancellationToken.ThrowIfCancellationRequested();
            if (Fail?.Invoke(request) is { } error)
                throw error;
            var answer = Answer(request);
            if (function is GetFileChunk)
            {
                // The answer goes through the function's own reader, as the account's would.
                var bytes = ((TlObject)answer).ToBytes();
                var reader = new TlReader(bytes);
                return (TResult)function.ReadResultObject(ref reader)!;
            }
            return (TResult)answer;
        }
        finally
        {
            lock (_lock)
                _inFlight--;
        }
    }

    private object Answer(TlFunction function)
    {
        switch (function)
        {
            case Fn.Upload.SaveFilePart save:
                CheckPart(save.Bytes.Length);
                Saved[(save.FileId, save.FilePart)] = save.Bytes.ToArray();
                return true;
            case Fn.Upload.SaveBigFilePart big:
                CheckPart(big.Bytes.Length);
                if (big.FilePart < 0 || big.FilePart >= big.FileTotalParts)
                    throw new RpcError(400, "FILE_PART_INVALID");
                Saved[(big.FileId, big.FilePart)] = big.Bytes.ToArray();
                return true;
            case Fn.Upload.GetFile get:
                if (get.Offset % 4096 != 0 || get.Offset < 0)
                    throw new RpcError(400, "OFFSET_INVALID");
                if (get.Limit <= 0 || get.Limit % 4096 != 0 || 1048576 % get.Limit != 0
                    || get.Offset / 1048576 != (get.Offset + get.Limit - 1) / 1048576)
                    throw new RpcError(400, "LIMIT_INVALID");
                var start = (int)Math.Min(get.Offset, Content.Length);
                var length = Math.Min(get.Limit, Content.Length - start);
                return new TlTypes.Upload.File { Type = new TlTypes.Storage.FilePartial(), Mtime = 0, Bytes = Content.AsSpan(start, length).ToArray() };
            default:
                throw new InvalidOperationException($"The fake does not serve {function.TlName}.");
        }
    }

    private static void CheckPart(int length)
    {
        if (length == 0)
            throw new RpcError(400, "FILE_PART_EMPTY");
        if (length > 512 * 1024)
            throw new RpcError(400, "FILE_PART_TOO_BIG");
    }

    /// <summary>The bytes saved for <paramref name="fileId"/>, parts in order.</summary>
    public byte[] Assemble(long fileId, int parts)
    {
        using var all = new MemoryStream();
        for (var part = 0; part < parts; part++)
            all.Write(Saved[(fileId, part)]);
        return all.ToArray();
    }
}
