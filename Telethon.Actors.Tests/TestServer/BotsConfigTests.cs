using Microsoft.Extensions.Time.Testing;
using Telethon.TestServer.Config;
using Telethon.TestServer.World;

namespace Telethon.Tests.TestServer;

/// <summary>The bots' configuration keys: world.bot-response-timeout and the seeded bots' inline-placeholder.</summary>
public sealed class BotsConfigTests
{
    [Fact]
    public void TheBotKeysAreReadAndSeeded()
    {
        var config = TestServerConfig.Parse("""
            telethon.test-server {
              world.bot-response-timeout = 250ms
              seed.bots = [
                { token = "7000001:AAa", username = "inline_bot", inline-placeholder = "Search..." }
                { token = "7000002:AAb", username = "plain_bot" }
              ]
            }
            """);
        Assert.Equal(TimeSpan.FromMilliseconds(250), config.World.BotResponseTimeout);
        Assert.Equal("Search...", config.Seed.Bots[0].InlinePlaceholder);
        Assert.Null(config.Seed.Bots[1].InlinePlaceholder);

        var world = new TelegramWorld(config.World with { Time = new FakeTimeProvider(WorldHarness.Start) });
        config.Seed.ApplyTo(world);
        Assert.Equal("Search...", world.Peers.InlinePlaceholder(7000001));
        Assert.Null(world.Peers.InlinePlaceholder(7000002));
    }

    [Fact]
    public void TheDefaultTimeoutIsTelegramLikeAndANonPositiveOneIsRefused()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), TestServerConfig.Parse("").World.BotResponseTimeout);
        Assert.Throws<FormatException>(() => TestServerConfig.Parse("telethon.test-server.world.bot-response-timeout = 0s"));
        var world = new TelegramWorld(new WorldOptions());
        var user = world.CreateUser("9996621111", "Alice");
        Assert.Throws<ArgumentException>(() => world.SetBotInlinePlaceholder(user, "x"));
    }
}
