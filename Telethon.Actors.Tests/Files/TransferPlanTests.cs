using Telethon.Files;
using Telethon.Tests.Formatting;
using Xunit;

namespace Telethon.Tests.Files;

/// <summary>The part planning of uploads and downloads against Telegram's rules (core.telegram.org/api/files).</summary>
public sealed class TransferPlanTests
{
    private static readonly int[] ValidPartSizes = [1024, 2048, 4096, 8192, 16384, 32768, 65536, 131072, 262144, 524288];

    [Fact]
    public void The_valid_part_sizes_are_the_multiples_of_1_KiB_that_divide_512_KiB()
    {
        var valid = new List<int>();
        for (var size = 1; size <= 600 * 1024; size++)
        {
            if (UploadPlan.IsValidPartSize(size))
                valid.Add(size);
        }
        Assert.Equal(ValidPartSizes, valid);
    }

    [Fact]
    public void Upload_plans_keep_the_part_rules_for_random_sizes()
    {
        Seeded.ForEach(1101, 3000,
            random => (Size: random.Next(4) switch
            {
                0 => random.NextInt64(1, 4096),
                1 => random.NextInt64(1, 30L * 1024 * 1024),
                2 => (long)random.Next(1, 40) * ValidPartSizes[random.Next(ValidPartSizes.Length)] + random.Next(-1, 2),
                _ => random.NextInt64(1, UploadPlan.MaxFileSize(ValidPartSizes[^1]) + 1),
            }, PartSize: ValidPartSizes[random.Next(ValidPartSizes.Length)]),
            c =>
            {
                var size = Math.Max(1, c.Size);
                if ((size + c.PartSize - 1) / c.PartSize > UploadPlan.DefaultMaxParts)
                {
                    Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlan.For(size, c.PartSize));
                    return;
                }
                var plan = UploadPlan.For(size, c.PartSize);
                Assert.Equal(c.PartSize, plan.PartSize);
                Assert.InRange(plan.PartCount, 1, UploadPlan.DefaultMaxParts);
                long total = 0;
                for (var part = 0; part < plan.PartCount; part++)
                {
                    var length = plan.SizeOf(part);
                    Assert.Equal(total, plan.OffsetOf(part));
                    if (part < plan.PartCount - 1)
                        Assert.Equal(plan.PartSize, length);
                    else
                        Assert.InRange(length, 1, plan.PartSize);
                    total += length;
                }
                Assert.Equal(size, total);
                Assert.Equal(size > 10 * 1024 * 1024, plan.IsBig);
            },
            c => $"size {c.Size}, part size {c.PartSize}");
    }

    [Fact]
    public void A_file_larger_than_4000_parts_of_512_KiB_is_refused_before_anything_is_planned()
    {
        var max = 4000L * 512 * 1024;
        Assert.Equal(max, UploadPlan.MaxFileSize());
        Assert.Equal(4000, UploadPlan.For(max).PartCount);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlan.For(max + 1));
        Assert.Equal("size", error.ParamName);
        Assert.Contains("FILE_PARTS_INVALID", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_file_and_bad_part_sizes_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlan.For(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlan.For(-5));
        foreach (var bad in new[] { 0, 1000, 3072, 1024 * 1024, 524288 + 1024, 1536 })
            Assert.Throws<ArgumentOutOfRangeException>(() => UploadPlan.For(100_000, bad));
    }

    [Fact]
    public void The_10_MB_threshold_is_exclusive()
    {
        Assert.False(UploadPlan.For(10 * 1024 * 1024).IsBig);
        Assert.True(UploadPlan.For(10 * 1024 * 1024 + 1).IsBig);
        Assert.Equal(20, UploadPlan.For(10 * 1024 * 1024).PartCount);
        Assert.Equal(21, UploadPlan.For(10 * 1024 * 1024 + 1).PartCount);
        Assert.Equal(1, UploadPlan.For(21).PartCount);
        Assert.Equal(21, UploadPlan.For(21).LastPartSize);
    }

    [Fact]
    public void Every_download_request_keeps_the_offset_and_limit_rules()
    {
        var limits = new List<int>();
        for (var limit = 4096; limit <= 1024 * 1024; limit *= 2)
            limits.Add(limit);
        Seeded.ForEach(1102, 200,
            random => (Size: random.NextInt64(1, 8L * 1024 * 1024), Limit: limits[random.Next(limits.Count)]),
            c =>
            {
                var plan = DownloadPlan.For(c.Limit);
                var count = plan.RequestCount(c.Size)!.Value;
                long covered = 0;
                for (long i = 0; i < count; i++)
                {
                    var offset = plan.OffsetOf(i);
                    Assert.Equal(covered, offset);
                    Assert.Equal(0, offset % 4096);
                    Assert.Equal(0, c.Limit % 4096);
                    Assert.Equal(0, 1048576 % c.Limit);
                    Assert.Equal(offset / 1048576, (offset + c.Limit - 1) / 1048576);
                    Assert.True(DownloadPlan.IsValidRequest(offset, c.Limit));
                    var expected = plan.ExpectedLength(i, c.Size);
                    Assert.InRange(expected, 1, c.Limit);
                    covered += expected;
                }
                Assert.Equal(c.Size, covered);
                Assert.Equal(0, plan.ExpectedLength(count, c.Size));
            },
            c => $"size {c.Size}, limit {c.Limit}");
    }

    [Fact]
    public void Requests_that_break_the_rules_are_recognised()
    {
        Assert.True(DownloadPlan.IsValidRequest(0, 1048576));
        Assert.True(DownloadPlan.IsValidRequest(1048576 - 4096, 4096));
        Assert.False(DownloadPlan.IsValidRequest(1048576 - 4096, 8192)); // crosses a 1 MiB block
        Assert.False(DownloadPlan.IsValidRequest(512 * 1024, 1048576)); // crosses a 1 MiB block
        Assert.False(DownloadPlan.IsValidRequest(1024, 4096)); // offset not a multiple of 4 KiB
        Assert.False(DownloadPlan.IsValidRequest(0, 12288)); // 1 MiB is not divisible by 12 KiB
        Assert.False(DownloadPlan.IsValidRequest(0, 2 * 1048576)); // above 1 MiB
        foreach (var bad in new[] { 0, 1024, 12288, 2 * 1048576, 4095 })
            Assert.Throws<ArgumentOutOfRangeException>(() => DownloadPlan.For(bad));
        Assert.Equal(1048576, DownloadPlan.Default.Limit);
        Assert.Null(DownloadPlan.Default.RequestCount(null));
    }
}
