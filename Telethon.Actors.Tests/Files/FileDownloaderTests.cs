using Telethon.Files;
using Xunit;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Files;

/// <summary>The download engine against a fake account serving a file by Telegram's upload.getFile rules.</summary>
public sealed class FileDownloaderTests
{
    private static readonly TlTypes.InputDocumentFileLocation Location =
        new() { Id = 1, AccessHash = 2, FileReference = [3], ThumbSize = "" };

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<byte[]> ReadAll(IAsyncEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        using var all = new MemoryStream();
        await foreach (var chunk in chunks)
            all.Write(chunk.Span);
        return all.ToArray();
    }

    private static List<Fn.Upload.GetFile> GetFiles(FakeFileCalls calls) =>
        calls.Requests.Select(r => Assert.IsType<Fn.Upload.GetFile>(r.Function)).ToList();

    [Fact]
    public async Task A_file_of_known_size_not_a_multiple_of_the_limit_is_read_whole_in_order_and_no_request_goes_past_its_end()
    {
        var content = Content(2 * 1048576 + 300_000, 11);
        var calls = new FakeFileCalls(3) { Content = content, Gate = f => Task.Delay(((Fn.Upload.GetFile)f).Offset == 0 ? 30 : 0) };
        var read = await ReadAll(FileDownloader.ReadAsync(calls, Location, 4, content.Length, DownloadPlan.Default, CancellationToken.None));

        Assert.Equal(content, read);
        var requests = GetFiles(calls);
        Assert.Equal([0L, 1048576L, 2097152L], requests.Select(r => r.Offset));
        Assert.All(requests, r =>
        {
            Assert.False(r.Precise);
            Assert.Equal(1048576, r.Limit);
            Assert.Same(Location, r.Location);
        });
        Assert.All(calls.Requests, r => Assert.Equal(4, r.DcId));
    }

    [Fact]
    public async Task Random_sizes_and_limits_read_the_same_bytes_with_valid_requests_only()
    {
        var random = new Random(1103);
        for (var i = 0; i < 40; i++)
        {
            var limit = 4096 << random.Next(0, 5);
            var content = Content(random.Next(1, 300_000), i);
            long? size = random.Next(3) == 0 ? null : content.Length;
            var calls = new FakeFileCalls(random.Next(1, 6)) { Content = content };
            var read = await ReadAll(FileDownloader.ReadAsync(calls, Location, 2, size, DownloadPlan.For(limit), CancellationToken.None));
            Assert.True(content.AsSpan().SequenceEqual(read), $"case {i}: {content.Length} bytes, limit {limit}, size {size}");
            Assert.All(GetFiles(calls), r => Assert.True(DownloadPlan.IsValidRequest(r.Offset, r.Limit)));
            Assert.True(calls.MaxInFlight <= calls.PartsInFlight);
            if (size is not null)
                Assert.Equal((content.Length + limit - 1) / limit, calls.Requests.Count);
        }
    }

    [Fact]
    public async Task A_file_of_unknown_size_ends_at_the_first_short_part()
    {
        var content = Content(3 * 4096 * 4, 12);
        var calls = new FakeFileCalls(2) { Content = content };
        var read = await ReadAll(FileDownloader.ReadAsync(calls, Location, 2, null, DownloadPlan.For(16384), CancellationToken.None));
        Assert.Equal(content, read);
        // An exact multiple of the limit: the end shows as an empty part.
        Assert.Contains(GetFiles(calls), r => r.Offset == content.Length);
        Assert.Equal(0, calls.InFlight);
    }

    [Fact]
    public async Task Several_requests_are_in_flight_but_never_more_than_FilePartsInFlight()
    {
        var content = Content(40 * 4096, 13);
        var calls = new FakeFileCalls(4) { Content = content, Gate = _ => Task.Delay(3) };
        var read = await ReadAll(FileDownloader.ReadAsync(calls, Location, 2, content.Length, DownloadPlan.For(4096), CancellationToken.None));
        Assert.Equal(content, read);
        Assert.Equal(4, calls.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i * 4096L), GetFiles(calls).Select(r => r.Offset));
    }

    [Fact]
    public async Task DownloadAsync_writes_the_file_and_reports_progress_that_adds_up()
    {
        var content = Content(5 * 8192 + 77, 14);
        var calls = new FakeFileCalls(3) { Content = content };
        var progress = new RecordingProgress();
        using var destination = new MemoryStream();
        await FileDownloader.DownloadAsync(calls, Location, 2, content.Length, destination, progress, DownloadPlan.For(8192), CancellationToken.None);

        Assert.Equal(content, destination.ToArray());
        var reports = progress.Reports.ToList();
        Assert.Equal([8192L, 16384, 24576, 32768, 40960, 41037], reports.Select(r => r.BytesDone));
        Assert.All(reports, r => Assert.Equal(content.Length, r.TotalBytes));
    }

    [Fact]
    public async Task A_download_of_unknown_size_ends_with_a_report_of_its_total()
    {
        var content = Content(10_000, 15);
        var progress = new RecordingProgress();
        using var destination = new MemoryStream();
        await FileDownloader.DownloadAsync(new FakeFileCalls(2) { Content = content }, Location, 2, null, destination, progress,
            DownloadPlan.For(4096), CancellationToken.None);
        Assert.Equal(content, destination.ToArray());
        Assert.Equal(new Model.TransferProgress(10_000, 10_000), progress.Reports.Last());
    }

    [Fact]
    public async Task A_download_cancelled_halfway_stops_sending_requests_and_throws_only_OperationCanceledException()
    {
        var content = Content(64 * 4096, 16);
        using var cancel = new CancellationTokenSource();
        var calls = new FakeFileCalls(3) { Content = content };
        calls.Gate = f => ((Fn.Upload.GetFile)f).Offset < 32 * 4096 ? Task.CompletedTask : Task.Delay(Timeout.Infinite);
        using var destination = new MemoryStream();
        var progress = new RecordingProgress();
        var download = FileDownloader.DownloadAsync(calls, Location, 2, content.Length, destination, progress, DownloadPlan.For(4096), cancel.Token);
        while (destination.Length < 32 * 4096)
            await Task.Delay(5);
        await Task.Delay(20);
        Assert.False(download.IsCompleted);
        await cancel.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => download);
        Assert.Equal(cancel.Token, error.CancellationToken);
        var sent = calls.Requests.Count;
        Assert.Equal(35, sent);
        Assert.Equal(0, calls.InFlight);
        Assert.Equal(3, calls.Cancelled);
        await Task.Delay(50);
        Assert.Equal(sent, calls.Requests.Count);
        Assert.Equal(content.AsSpan(0, 32 * 4096).ToArray(), destination.ToArray());
        Assert.Equal(32 * 4096, progress.Reports.Last().BytesDone);
    }

    [Fact]
    public async Task A_consumer_that_stops_early_leaves_no_request_behind()
    {
        var content = Content(64 * 4096, 17);
        var calls = new FakeFileCalls(4) { Content = content, Gate = f => ((Fn.Upload.GetFile)f).Offset < 2 * 4096 ? Task.CompletedTask : Task.Delay(Timeout.Infinite) };
        var chunks = 0;
        await foreach (var _ in FileDownloader.ReadAsync(calls, Location, 2, content.Length, DownloadPlan.For(4096), CancellationToken.None))
        {
            if (++chunks == 2)
                break;
        }
        Assert.Equal(0, calls.InFlight);
        Assert.Equal(6, calls.Requests.Count);
        Assert.Equal(4, calls.Cancelled);
    }

    [Fact]
    public async Task An_error_from_telegram_ends_the_download_with_that_error()
    {
        var calls = new FakeFileCalls(3)
        {
            Content = Content(20 * 4096, 18),
            Fail = f => ((Fn.Upload.GetFile)f).Offset == 4 * 4096 ? new RpcError(400, "FILE_REFERENCE_EXPIRED") : null,
        };
        var error = await Assert.ThrowsAsync<RpcError>(() =>
            ReadAll(FileDownloader.ReadAsync(calls, Location, 2, 20 * 4096, DownloadPlan.For(4096), CancellationToken.None)));
        Assert.Equal("FILE_REFERENCE_EXPIRED", error.Name);
        Assert.Equal(0, calls.InFlight);
    }

    [Fact]
    public async Task An_empty_file_makes_no_request_and_bad_arguments_are_refused()
    {
        var calls = new FakeFileCalls(2);
        Assert.Empty(await ReadAll(FileDownloader.ReadAsync(calls, Location, 2, 0, DownloadPlan.Default, CancellationToken.None)));
        Assert.Empty(calls.Requests);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ReadAll(FileDownloader.ReadAsync(calls, Location, 2, -1, DownloadPlan.Default, CancellationToken.None)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            ReadAll(FileDownloader.ReadAsync(calls, Location, 0, 10, DownloadPlan.Default, CancellationToken.None)));
    }
}
