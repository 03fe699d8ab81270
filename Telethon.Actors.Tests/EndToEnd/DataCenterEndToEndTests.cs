using static Telethon.Tests.Accounts.AccountTesting;
using Fn = Telethon.Tl.Functions;
using TlTypes = Telethon.Tl.Types;

namespace Telethon.Tests.EndToEnd;

/// <summary>
/// <see cref="ClientOptions.DataCenter"/> against the test server's five DCs: it wins over the home DC the session
/// stored, for the runs that give it, and the DC that answers is the one asked for (help.getConfig's this_dc).
/// </summary>
public sealed class DataCenterEndToEndTests
{
    private const string CarolPhone = "9996643333"; // a test number of DC 4

    [Fact]
    public async Task A_session_whose_home_is_DC_2_connects_to_DC_4_when_told_so_and_goes_home_without_the_override()
    {
        await using var server = await EndToEndServer.StartAsync();
        var file = TempFile();
        try
        {
            await MakeHomeDc2Async(server, file);

            var forced = server.Runtime(file).GetClient("acct", server.Options() with { DataCenter = 4 });
            await forced.ConnectAsync();
            Assert.Equal(4, await ThisDcAsync(forced));
            await forced.DisconnectAsync();

            // The override was for that run only: the stored home is still DC 2.
            var plain = server.Runtime(file).GetClient("acct", server.Options());
            await plain.ConnectAsync();
            Assert.Equal(2, await ThisDcAsync(plain));
            await plain.DisconnectAsync();
        }
        finally
        {
            DeleteFiles(file);
        }
    }

    [Fact]
    public async Task A_sign_in_on_the_override_DC_makes_it_the_home_DC()
    {
        await using var server = await EndToEndServer.StartAsync();
        var file = TempFile();
        try
        {
            await MakeHomeDc2Async(server, file);

            var forced = server.Runtime(file).GetClient("acct", server.Options() with { DataCenter = 4 });
            await forced.ConnectAsync();
            var carol = await forced.SignInAsync(await forced.RequestLoginCodeAsync(CarolPhone), "44444");
            Assert.Equal("Carol", carol.User!.FirstName);
            Assert.Equal(4, await ThisDcAsync(forced));
            await forced.DisconnectAsync();

            // Signed in there, the account's home is DC 4 from now on, with or without the override.
            var plain = server.Runtime(file).GetClient("acct", server.Options());
            await plain.ConnectAsync();
            Assert.True(await plain.IsAuthorizedAsync());
            Assert.Equal(4, await ThisDcAsync(plain));
            Assert.Equal(carol.User.Id, Assert.IsType<Telethon.Model.User>(await plain.GetMeAsync()).Id);
            await plain.DisconnectAsync();
        }
        finally
        {
            DeleteFiles(file);
        }
    }

    /// <summary>
    /// Leaves session "acct" in <paramref name="file"/> signed out with DC 2 as its stored home: it starts on DC 4, and
    /// asking for Alice's code moves it to her DC (PHONE_MIGRATE_2).
    /// </summary>
    private static async Task MakeHomeDc2Async(EndToEndServer server, string file)
    {
        var client = server.Runtime(file).GetClient("acct", server.Options() with { InitialDataCenter = 4 });
        await client.ConnectAsync();
        Assert.Equal(4, await ThisDcAsync(client));
        await client.RequestLoginCodeAsync(AlicePhone);
        Assert.Equal(2, await ThisDcAsync(client));
        Assert.False(await client.IsAuthorizedAsync());
        await client.DisconnectAsync();
    }

    private static async Task<int> ThisDcAsync(Client client) =>
        Assert.IsType<TlTypes.Config>(await client.InvokeAsync(new Fn.Help.GetConfig())).ThisDc;

    private static string TempFile() => Path.Combine(Path.GetTempPath(), $"telethon-dc-override-{Guid.NewGuid():N}.db");

    private static void DeleteFiles(string file)
    {
        foreach (var f in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
            File.Delete(f);
    }
}
