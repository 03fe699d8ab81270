using Telethon.Connection;

namespace Telethon.Tests.Connection;

/// <summary>
/// How an account's options resolve where to connect: Telegram's production DCs and key by default, its test ones on
/// request, given lists always winning; and which DC a run connects to. Nothing here opens a connection.
/// </summary>
public sealed class ClientOptionsDefaultsTests
{
    private static readonly ClientOptions Bare = new() { ApiId = 1, ApiHash = "hash" };

    [Fact]
    public void Without_data_centers_or_keys_the_account_talks_to_Telegram_production()
    {
        Bare.Validate();
        Assert.Empty(Bare.DataCenters);
        Assert.Empty(Bare.ServerKeys);
        Assert.Same(TelegramDataCenters.Production, Bare.EffectiveDataCenters);
        Assert.Same(TelegramServerKeys.Production, Bare.EffectiveServerKeys);
        Assert.Equal(2, Bare.HomeDataCenter(null));
        Assert.Equal(2, Bare.HandshakeDcId(2));
    }

    [Fact]
    public void Test_data_centers_bring_the_test_DCs_and_key_and_name_DCs_as_test_ones_in_the_exchange()
    {
        var options = Bare with { UseTestDataCenters = true };
        options.Validate();
        Assert.Same(TelegramDataCenters.Test, options.EffectiveDataCenters);
        Assert.Same(TelegramServerKeys.Test, options.EffectiveServerKeys);
        Assert.Equal(10002, options.HandshakeDcId(2));
        Assert.Equal(10001, options.HandshakeDcId(1));
    }

    [Fact]
    public void Given_data_centers_and_keys_win_over_the_built_in_ones()
    {
        var own = new DcAddress(2, "127.0.0.1", 4242);
        var key = TelegramServerKeys.Test[0];
        foreach (var test in new[] { false, true })
        {
            var options = Bare with { DataCenters = [own], ServerKeys = [key], UseTestDataCenters = test };
            options.Validate();
            Assert.Equal([own], options.EffectiveDataCenters);
            Assert.Equal([key], options.EffectiveServerKeys);
        }
        // Only one list given: the other still defaults.
        Assert.Same(TelegramServerKeys.Production, (Bare with { DataCenters = [own] }).EffectiveServerKeys);
        Assert.Same(TelegramDataCenters.Production, (Bare with { ServerKeys = [key] }).EffectiveDataCenters);
    }

    [Theory]
    [InlineData(null, null, 2, 2)]
    [InlineData(null, 4, 2, 4)]
    [InlineData(null, null, 3, 3)]
    [InlineData(4, 2, 2, 4)]
    [InlineData(1, null, 2, 1)]
    [InlineData(5, 5, 2, 5)]
    public void The_override_wins_over_the_stored_home_DC_which_wins_over_the_starting_DC(
        int? overrideDc, int? storedHome, int dataCenter, int expected)
    {
        var options = Bare with { DataCenter = overrideDc, InitialDataCenter = dataCenter };
        options.Validate();
        Assert.Equal(expected, options.HomeDataCenter(storedHome));
    }

    [Fact]
    public void Bad_DC_choices_are_refused_clearly()
    {
        Assert.Equal("DataCenter", Assert.Throws<ArgumentException>(() => (Bare with { DataCenter = 0 }).Validate()).ParamName);
        Assert.Equal("InitialDataCenter", Assert.Throws<ArgumentException>(() => (Bare with { InitialDataCenter = -1 }).Validate()).ParamName);
        // Telegram's test side has DCs 1 to 3 only.
        var noSuchDc = Assert.Throws<ArgumentException>(() => (Bare with { UseTestDataCenters = true, DataCenter = 4 }).Validate());
        Assert.Equal("DataCenter", noSuchDc.ParamName);
        Assert.Contains("DC 4", noSuchDc.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => (Bare with { DataCenters = [new DcAddress(2, "127.0.0.1", 1)], DataCenter = 3 }).Validate());
        Assert.Throws<ArgumentException>(() => (Bare with { DataCenters = null! }).Validate());
        Assert.Throws<ArgumentException>(() => (Bare with { ServerKeys = null! }).Validate());
    }

    [Fact]
    public async Task A_client_needs_nothing_but_the_api_id_and_hash()
    {
        // Made, never connected: no network is touched.
        await using var client = new Client(":memory:", new ClientOptions { ApiId = 1, ApiHash = "hash" });
        Assert.False(client.Connected);
        Assert.Same(TelegramDataCenters.Production, client.Options.EffectiveDataCenters);
        Assert.Same(TelegramServerKeys.Production, client.Options.EffectiveServerKeys);
    }
}
