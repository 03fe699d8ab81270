using Akka.Actor;
using Telethon.Tests.Support;
using Telethon.Tl;
using static Telethon.Tests.Accounts.AccountTesting;
using static Telethon.Tests.Accounts.FileDcServer;
using Fn = Telethon.Tl.Functions;

namespace Telethon.Tests.Accounts;

/// <summary>
/// Requests for DCs other than home (a file's DC), against the test server (5 DCs; Alice's home is DC 2): one sender per
/// DC in use, kept for reuse; the account's authorization exported at home and imported there once per key, whose key
/// the session stores; FILE_MIGRATE_X followed without moving home; a 401 there imports again, a -404 there makes a new key.
/// </summary>
public sealed class FileDcTests
{
    [Fact]
    public async Task A_request_for_another_DC_goes_there_after_one_import_and_the_DCs_key_is_stored()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var alice = await AliceAsync(runtime, files.Server);
        var me = (await alice.GetMeAsync())!;

        // A burst for a DC the account has not used yet: every request waits for the one import.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0 ? ProveAuthorizedAsync(alice, 3) : ThisDcAsync(alice, 3)));
        Assert.Equal(3, await ThisDcAsync(alice, 3));
        await ProveAuthorizedAsync(alice, 3);
        Assert.Equal(2, await ThisDcAsync(alice, null));
        Assert.Equal(2, await ThisDcAsync(alice, 2));

        Assert.Equal(1, files.Imports(3));
        Assert.Equal(0, files.Imports(2));
        var session = await SessionOfAsync(runtime, "alice");
        // The key the session holds for DC 3 is the one the server authorized for Alice.
        Assert.Equal(me.Id, files.Server.Host.World.Identify(3, KeyIdOf(session, 3))?.UserId);
        Assert.Equal(2, session.HomeDcId);
        Assert.Equal(2, await HomeDcAsync(runtime, "alice"));
    }

    [Fact]
    public async Task FILE_MIGRATE_is_followed_to_the_files_DC_with_one_sender_per_DC_in_use_and_home_unchanged()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var alice = await AliceAsync(runtime, files.Server);

        // Home answers FILE_MIGRATE_4; the request goes to DC 4, authorized there first.
        var downloaded = new List<byte>();
        for (var offset = 0; offset < Content.Length; offset += 1 << 20)
            downloaded.AddRange(await GetFileAsync(alice, null, offset, 1 << 20));
        Assert.Equal(Content, downloaded);
        // Named DCs and migrations share the senders: several downloads and other calls later, one sender per DC.
        await Task.WhenAll(Enumerable.Range(0, 6).Select(i => GetFileAsync(alice, i % 2 == 0 ? FileDc : null, 1024 * (i % 3))));
        Assert.Equal(3, await ThisDcAsync(alice, 3));
        Assert.Equal(FileDc, await ThisDcAsync(alice, FileDc));

        Assert.Equal(1, files.Imports(FileDc));
        Assert.Equal(1, files.Imports(3));
        Assert.Equal(new[] { 2, 3, 4 }, DcsOf(await SendersAsync(runtime, "alice")));
        Assert.Equal(2, await HomeDcAsync(runtime, "alice"));
        Assert.Equal(2, await ThisDcAsync(alice, null));
        var session = await SessionOfAsync(runtime, "alice");
        Assert.NotNull(session.GetAuthKey(FileDc));
        Assert.Equal(2, session.HomeDcId);
    }

    [Fact]
    public async Task Several_downloads_through_the_transfer_engine_share_the_files_DC_sender_and_its_one_import()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var alice = await AliceAsync(runtime, files.Server);

        // Told the file lives at home (DC 2), the parts in flight are answered FILE_MIGRATE_4 and follow it; told DC 4, they go there.
        for (var i = 0; i < 3; i++)
        {
            using var destination = new MemoryStream();
            await Telethon.Files.FileDownloader.DownloadAsync(alice, Location, i % 2 == 0 ? 2 : FileDc, i < 2 ? null : Content.Length,
                destination, null, CancellationToken.None);
            Assert.Equal(Content, destination.ToArray());
        }

        Assert.Equal(1, files.Imports(FileDc));
        Assert.Equal(new[] { 2, 4 }, DcsOf(await SendersAsync(runtime, "alice")));
        Assert.Equal(2, await HomeDcAsync(runtime, "alice"));
    }

    [Fact]
    public async Task A_bot_imports_its_authorization_into_the_files_DC_too()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var bot = await BotAsync(runtime, files.Server);

        Assert.Equal(Content.AsSpan(0, 1024).ToArray(), await GetFileAsync(bot, null));
        Assert.Equal(Content.AsSpan(1024, 1024).ToArray(), await GetFileAsync(bot, FileDc, 1024));

        Assert.Equal(1, files.Imports(FileDc));
        Assert.True((await bot.GetMeAsync())!.IsBot);
        Assert.Equal(new[] { 2, 4 }, DcsOf(await SendersAsync(runtime, "bot")));
    }

    [Fact]
    public async Task With_perfect_forward_secrecy_the_files_DC_stores_its_permanent_key_only_and_talks_over_a_bound_temporary_one()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var bot = await BotAsync(runtime, files.Server, options: files.Server.Options() with { PerfectForwardSecrecy = true });

        Assert.Equal(Content.AsSpan(0, 1024).ToArray(), await GetFileAsync(bot, null));

        Assert.Equal(1, files.Imports(FileDc));
        var session = await SessionOfAsync(runtime, "bot");
        Assert.Null(session.GetAuthKey(FileDc, temporary: true));
        Assert.NotNull(files.Server.Host.BoundTemporaryKey(FileDc, KeyIdOf(session, FileDc)));
        Assert.Equal(new[] { 2, 4 }, DcsOf(await SendersAsync(runtime, "bot")));
    }

    [Fact]
    public async Task A_signed_out_account_sends_to_another_DC_without_importing()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var client = runtime.GetClient("guest", files.Server.Options());
        await client.ConnectAsync();

        Assert.Equal(3, await ThisDcAsync(client, 3));
        // Without an authorization DC 3 refuses what needs one, and the account is not signed out of anything.
        var error = await Assert.ThrowsAsync<RpcError>(() => ProveAuthorizedAsync(client, 3));
        Assert.Equal(401, error.Code);

        Assert.Equal(0, files.Imports(3));
        Assert.NotNull((await SessionOfAsync(runtime, "guest")).GetAuthKey(3));
        Assert.Equal(new[] { 2, 3 }, DcsOf(await SendersAsync(runtime, "guest")));
    }

    [Fact]
    public async Task A_second_client_on_the_same_store_reuses_the_DCs_key_and_authorization()
    {
        await using var files = await FileDcServer.StartAsync();
        var file = Path.Combine(Path.GetTempPath(), $"telethon-file-dc-{Guid.NewGuid():N}.db");
        try
        {
            var first = files.Server.Runtime(file).GetClient("alice", files.Server.Options());
            await first.ConnectAsync();
            await first.SignInAsync(await first.RequestLoginCodeAsync(AlicePhone), "22222");
            await ProveAuthorizedAsync(first, 3);
            await first.DisconnectAsync();
            var keys = files.Server.Host.AuthKeyCount;

            var runtime = files.Server.Runtime(file);
            var second = runtime.GetClient("alice", files.Server.Options());
            await second.ConnectAsync();
            await ProveAuthorizedAsync(second, 3);
            Assert.Equal(3, await ThisDcAsync(second, 3));

            Assert.Equal(1, files.Imports(3));
            Assert.Equal(keys, files.Server.Host.AuthKeyCount);
            Assert.Equal(new[] { 2, 3 }, DcsOf(await SendersAsync(runtime, "alice")));
            await second.DisconnectAsync();
        }
        finally
        {
            foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
                File.Delete(f);
        }
    }

    [Fact]
    public async Task A_401_on_the_files_DC_imports_the_authorization_again_and_the_account_stays_signed_in()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var alice = await AliceAsync(runtime, files.Server);
        await ProveAuthorizedAsync(alice, 3);
        var keyId = KeyIdOf(await SessionOfAsync(runtime, "alice"), 3);

        // The server forgets the authorization of DC 3's key (the key itself stays): its next request answers 401.
        files.Server.Host.World.Accounts.LogOut(new Telethon.TestServer.World.SessionKey(3, keyId, 0), new Fn.Auth.LogOut());
        Assert.Null(files.Server.Host.World.Identify(3, keyId));

        await ProveAuthorizedAsync(alice, 3);
        Assert.Equal(2, files.Imports(3));
        Assert.NotNull(files.Server.Host.World.Identify(3, keyId));
        Assert.True(await alice.IsAuthorizedAsync());
        Assert.Equal(2, await ThisDcAsync(alice, null));
        Assert.Equal(keyId, KeyIdOf(await SessionOfAsync(runtime, "alice"), 3));
    }

    [Fact]
    public async Task An_auth_key_the_files_DC_forgot_is_dropped_and_replaced_by_a_new_authorized_one()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var alice = await AliceAsync(runtime, files.Server);
        await ProveAuthorizedAsync(alice, 3);
        var before = await SessionOfAsync(runtime, "alice");
        var old = KeyIdOf(before, 3);

        Assert.True(files.Server.Host.ForgetAuthKey(3, old)); // its next message is answered -404
        await ProveAuthorizedAsync(alice, 3);

        var after = await SessionOfAsync(runtime, "alice");
        Assert.NotEqual(old, KeyIdOf(after, 3));
        Assert.Equal(KeyIdOf(before, 2), KeyIdOf(after, 2));
        Assert.Equal(2, files.Imports(3));
        Assert.True(await alice.IsAuthorizedAsync());
        Assert.Equal(2, await HomeDcAsync(runtime, "alice"));
        await Eventually.UntilAsync(async () => DcsOf(await SendersAsync(runtime, "alice")).SequenceEqual(new[] { 2, 3 }), "one sender per DC");
    }

    [Fact]
    public async Task A_failed_files_DC_sender_is_made_again_with_the_stored_key_and_no_new_import()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var alice = await AliceAsync(runtime, files.Server);
        await ProveAuthorizedAsync(alice, 3);
        var keys = files.Server.Host.AuthKeyCount;

        await KillAsync(await ChildAsync(runtime, "alice", "dc-3-"));
        await ProveAuthorizedAsync(alice, 3);

        Assert.Equal(1, files.Imports(3));
        Assert.Equal(keys, files.Server.Host.AuthKeyCount);
        Assert.True(await alice.IsAuthorizedAsync());
        Assert.Equal(new[] { 2, 3 }, DcsOf(await SendersAsync(runtime, "alice")));
    }

    [Fact]
    public async Task A_request_for_a_DC_the_account_has_no_address_of_fails_clearly()
    {
        await using var files = await FileDcServer.StartAsync();
        var client = files.Server.Runtime().GetClient("guest", files.Server.Options());
        await client.ConnectAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => ThisDcAsync(client, 9));
        Assert.Contains("DC 9", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_account_stops_every_sender()
    {
        await using var files = await FileDcServer.StartAsync();
        var runtime = files.Server.Runtime();
        var alice = await AliceAsync(runtime, files.Server);
        await GetFileAsync(alice, null);
        await ThisDcAsync(alice, 3);
        var senders = await Task.WhenAll(new[] { "dc-2-", "dc-3-", "dc-4-" }.Select(p => ChildAsync(runtime, "alice", p)));

        await alice.DisconnectAsync();

        await Task.WhenAll(senders.Select(s => s.WatchAsync()));
        await Eventually.UntilAsync(() => files.Server.Host.OpenConnections == 0, "the senders' connections to close");
    }
}
