using System.Diagnostics;
using Telethon.TestServer.Config;
using Telethon.Tl;
using static Telethon.Tests.Accounts.FileDcServer;

namespace Telethon.Tests.Accounts;

/// <summary>FLOOD_WAIT on a file method answered by the file's DC: slept by that DC's sender under the threshold, an error above it.</summary>
public sealed class FileDcFloodTests
{
    [Fact]
    public async Task A_short_FLOOD_WAIT_on_the_files_DC_is_slept_and_the_request_sent_again_there()
    {
        // One upload.getFile per 2 s: the second waits FLOOD_WAIT_1 or _2, under the threshold.
        await using var files = await FileDcServer.StartAsync(Flood(TimeSpan.FromSeconds(2)));
        var runtime = files.Server.Runtime();
        var alice = runtime.GetClient("alice", files.Server.Options() with { FloodSleepThreshold = TimeSpan.FromSeconds(10) });
        await alice.ConnectAsync();
        await alice.SignInAsync(await alice.RequestLoginCodeAsync(AccountTesting.AlicePhone), "22222");

        Assert.Equal(Content.AsSpan(0, 1024).ToArray(), await GetFileAsync(alice, FileDc));
        var clock = Stopwatch.StartNew();
        Assert.Equal(Content.AsSpan(1024, 1024).ToArray(), await GetFileAsync(alice, FileDc, 1024));

        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"answered after {clock.Elapsed}, without the wait");
        Assert.Equal(new[] { 2, FileDc }, DcsOf(await FileDcServer.SendersAsync(runtime, "alice")));
    }

    [Fact]
    public async Task A_FLOOD_WAIT_above_the_threshold_on_the_files_DC_is_the_callers_error()
    {
        await using var files = await FileDcServer.StartAsync(Flood(TimeSpan.FromMinutes(5)));
        var runtime = files.Server.Runtime();
        var alice = runtime.GetClient("alice", files.Server.Options() with { FloodSleepThreshold = TimeSpan.FromSeconds(10) });
        await alice.ConnectAsync();
        await alice.SignInAsync(await alice.RequestLoginCodeAsync(AccountTesting.AlicePhone), "22222");

        await GetFileAsync(alice, FileDc);
        var clock = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<RpcError>(() => GetFileAsync(alice, FileDc, 1024));

        Assert.Equal(420, error.Code);
        Assert.Equal("FLOOD_WAIT", error.Name);
        Assert.True(error.Value > 10, $"waits {error.Value} s");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "answered at once");
        Assert.True(await alice.IsAuthorizedAsync());
    }

    private static FaultOptions Flood(TimeSpan window) =>
        new() { FloodRules = [new FloodRule("upload.getFile", AccountSelector.Any, 1, window)] };
}
