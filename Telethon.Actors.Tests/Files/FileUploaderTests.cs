using System.Security.Cryptography;
using Telethon.Files;
using Telethon.Model;
using Xunit;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.Files;

/// <summary>The upload engine against a fake account: Telegram's part rules, parts in flight, progress, errors, cancellation.</summary>
public sealed class FileUploaderTests
{
    private const int Part = 512 * 1024;

    private static byte[] Content(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task A_file_larger_than_one_part_and_not_a_multiple_of_it_arrives_whole_with_its_md5()
    {
        var content = Content(3 * Part + 1000, 1);
        var calls = new FakeFileCalls(2);
        var file = await FileUploader.UploadAsync(calls, new ForwardOnlyStream(content), content.Length, "a.bin", null, Part, CancellationToken.None);

        var small = Assert.IsType<TlTypes.InputFile>(file);
        Assert.Equal(4, small.Parts);
        Assert.Equal("a.bin", small.Name);
        Assert.Equal(Convert.ToHexStringLower(MD5.HashData(content)), small.Md5Checksum);
        Assert.Equal(content, calls.Assemble(small.Id, 4));
        var saves = calls.Requests.Select(r => Assert.IsType<Fn.Upload.SaveFilePart>(r.Function)).ToList();
        Assert.Equal([0, 1, 2, 3], saves.Select(s => s.FilePart));
        Assert.Equal([Part, Part, Part, 1000], saves.Select(s => s.Bytes.Length));
        Assert.All(saves, s => Assert.Equal(small.Id, s.FileId));
        Assert.All(calls.Requests, r => Assert.Null(r.DcId));
    }

    [Fact]
    public async Task A_file_over_10_MB_goes_through_saveBigFilePart_and_gives_an_inputFileBig()
    {
        var content = Content(10 * 1024 * 1024 + 5, 2);
        var calls = new FakeFileCalls(4);
        var file = await FileUploader.UploadAsync(calls, new MemoryStream(content), content.Length, "big.bin", null, Part, CancellationToken.None);

        var big = Assert.IsType<TlTypes.InputFileBig>(file);
        Assert.Equal(21, big.Parts);
        Assert.Equal(content, calls.Assemble(big.Id, 21));
        var saves = calls.Requests.Select(r => Assert.IsType<Fn.Upload.SaveBigFilePart>(r.Function)).ToList();
        Assert.All(saves, s => Assert.Equal(21, s.FileTotalParts));
        Assert.Equal(5, saves[^1].Bytes.Length);
    }

    [Fact]
    public async Task Every_valid_part_size_uploads_the_same_bytes()
    {
        var content = Content(70_000, 3);
        for (var partSize = 1024; partSize <= Part; partSize *= 2)
        {
            var calls = new FakeFileCalls(3);
            var file = (TlTypes.InputFile)await FileUploader.UploadAsync(calls, new MemoryStream(content), content.Length, "x", null, partSize,
                CancellationToken.None);
            Assert.Equal((content.Length + partSize - 1) / partSize, file.Parts);
            Assert.Equal(content, calls.Assemble(file.Id, file.Parts));
        }
    }

    [Fact]
    public async Task Progress_grows_part_by_part_and_adds_up_to_the_size()
    {
        var content = Content(5 * 4096 + 123, 4);
        var progress = new RecordingProgress();
        await FileUploader.UploadAsync(new FakeFileCalls(3), new MemoryStream(content), content.Length, "p", progress, 4096, CancellationToken.None);

        var reports = progress.Reports.ToList();
        Assert.Equal(6, reports.Count);
        Assert.All(reports, r => Assert.Equal(content.Length, r.TotalBytes));
        var sizes = reports.Select((r, i) => r.BytesDone - (i == 0 ? 0 : reports[i - 1].BytesDone)).Order().ToList();
        Assert.Equal([123, 4096, 4096, 4096, 4096, 4096], sizes);
        Assert.Equal(content.Length, reports[^1].BytesDone);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public async Task No_more_parts_than_FilePartsInFlight_are_in_flight_and_the_stream_is_read_in_order()
    {
        var content = Content(40 * 1024, 5);
        var calls = new FakeFileCalls(3) { Gate = _ => Task.Delay(5) };
        var file = (TlTypes.InputFile)await FileUploader.UploadAsync(calls, new ForwardOnlyStream(content), content.Length, "f", null, 1024,
            CancellationToken.None);

        Assert.Equal(3, calls.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, 40), calls.Requests.Select(r => ((Fn.Upload.SaveFilePart)r.Function).FilePart));
        Assert.Equal(content, calls.Assemble(file.Id, 40));
    }

    [Fact]
    public async Task Two_uploads_get_different_random_file_ids()
    {
        var calls = new FakeFileCalls(1);
        var a = (TlTypes.InputFile)await FileUploader.UploadAsync(calls, new MemoryStream(new byte[10]), 10, "a", null, Part, CancellationToken.None);
        var b = (TlTypes.InputFile)await FileUploader.UploadAsync(calls, new MemoryStream(new byte[10]), 10, "b", null, Part, CancellationToken.None);
        Assert.NotEqual(a.Id, b.Id);
    }

    [Fact]
    public async Task A_seekable_stream_shorter_than_the_size_is_refused_before_anything_is_sent()
    {
        var calls = new FakeFileCalls(2);
        await Assert.ThrowsAsync<EndOfStreamException>(() =>
            FileUploader.UploadAsync(calls, new MemoryStream(new byte[5000]), 5001, "s", null, 1024, CancellationToken.None));
        Assert.Empty(calls.Requests);
    }

    [Fact]
    public async Task A_forward_only_stream_that_ends_early_stops_the_upload_without_sending_the_short_part()
    {
        var calls = new FakeFileCalls(2);
        var error = await Assert.ThrowsAsync<EndOfStreamException>(() =>
            FileUploader.UploadAsync(calls, new ForwardOnlyStream(new byte[5000]), 8192, "s", null, 1024, CancellationToken.None));
        Assert.Contains("part 4", error.Message, StringComparison.Ordinal);
        Assert.All(calls.Requests, r => Assert.Equal(1024, ((Fn.Upload.SaveFilePart)r.Function).Bytes.Length));
        Assert.True(calls.Requests.Count <= 4);
        Assert.Equal(0, calls.InFlight);
    }

    [Fact]
    public async Task A_file_too_big_for_telegram_is_refused_with_a_typed_error_before_any_request()
    {
        var calls = new FakeFileCalls(2);
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            FileUploader.UploadAsync(calls, new ForwardOnlyStream([]), 4000L * Part + 1, "huge", null, Part, CancellationToken.None));
        Assert.Equal("size", error.ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            FileUploader.UploadAsync(calls, new MemoryStream(), 0, "empty", null, Part, CancellationToken.None));
        Assert.Empty(calls.Requests);
    }

    [Fact]
    public async Task A_refused_part_fails_the_upload_with_telegrams_error_and_stops_the_others()
    {
        var content = Content(20 * 1024, 6);
        var release = new TaskCompletionSource();
        var calls = new FakeFileCalls(4)
        {
            Gate = f => ((Fn.Upload.SaveFilePart)f).FilePart == 2 ? Task.CompletedTask : release.Task,
            Fail = f => ((Fn.Upload.SaveFilePart)f).FilePart == 2 ? new RpcError(400, "FILE_PART_SIZE_INVALID") : null,
        };
        var error = await Assert.ThrowsAsync<RpcError>(() =>
            FileUploader.UploadAsync(calls, new MemoryStream(content), content.Length, "r", null, 1024, CancellationToken.None));
        Assert.Equal("FILE_PART_SIZE_INVALID", error.Name);
        Assert.Equal(4, calls.Requests.Count);
        Assert.Equal(3, calls.Cancelled);
        Assert.Equal(0, calls.InFlight);
    }

    [Fact]
    public async Task Cancelling_stops_between_parts_and_cancels_the_parts_in_flight()
    {
        var content = Content(64 * 1024, 7);
        using var cancel = new CancellationTokenSource();
        var answered = 0;
        var calls = new FakeFileCalls(3);
        calls.Gate = _ =>
        {
            if (Interlocked.Increment(ref answered) <= 5)
                return Task.CompletedTask;
            cancel.Cancel();
            return Task.Delay(Timeout.Infinite);
        };
        var progress = new RecordingProgress();
        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            FileUploader.UploadAsync(calls, new MemoryStream(content), content.Length, "c", progress, 1024, cancel.Token));
        Assert.Equal(cancel.Token, error.CancellationToken);
        var sent = calls.Requests.Count;
        Assert.InRange(sent, 6, 8);
        Assert.Equal(0, calls.InFlight);
        Assert.True(calls.Cancelled >= 1);
        await Task.Delay(50);
        Assert.Equal(sent, calls.Requests.Count);
        Assert.All(progress.Reports, r => Assert.True(r.BytesDone <= 5 * 1024));
    }
}
