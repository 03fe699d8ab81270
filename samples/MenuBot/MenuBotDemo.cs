using Telethon.Connection;
using Telethon.Events;
using Telethon.Filters;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;

namespace Telethon.Samples.MenuBot;

/// <summary>
/// The sample's default run: an embedded test server with the bot (inline mode on) and one user, the bot running
/// <see cref="MenuBotHandlers"/>, and a scripted user driving it (<see cref="ScriptedUser"/>). Everything goes over
/// MTProto on loopback, as it would against Telegram.
/// </summary>
public static class MenuBotDemo
{
    /// <summary>The bot's token in the test server.</summary>
    public const string BotToken = "7000777:menubot";

    /// <summary>The bot's username in the test server.</summary>
    public const string BotUsername = "menu_demo_bot";

    private const string UserPhone = "9996627777";

    /// <summary>Runs the demo: starts the server, signs the bot and the user in, and plays the user's script.</summary>
    /// <param name="log">Where the conversation is written as it happens.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the user saw; <see cref="MenuBotReport.Failed"/> names the first step that did not happen as expected.</returns>
    public static async Task<MenuBotReport> RunAsync(TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        // The bot's inline-placeholder turns its inline mode on, as @BotFather's /setinline does on Telegram.
        var config = TestServerConfig.Parse($$"""
            telethon.test-server.seed {
              accounts = [ { phone = "{{UserPhone}}", first-name = "Dana", username = "dana_menu" } ]
              bots = [ { token = "{{BotToken}}", first-name = "Menu", username = "{{BotUsername}}", inline-placeholder = "Search fruits..." } ]
            }
            """);
        await using var server = await TestServerHost.StartAsync(new TestServerOptions { DcCount = 2, Config = config });
        var options = new ClientOptions
        {
            ApiId = 1,
            ApiHash = "menubot",
            DataCenters = server.Dcs.Select(d => new DcAddress(d.Id, d.Host, d.Port)).ToArray(),
            ServerKeys = [server.PublicKey],
            // Bots live on DC 2 unless they name one, and so does Dana (+99966 2 ...): start there, not on DC 1.
            InitialDataCenter = 2,
        };

        await using var bot = new Client(":memory:", options);
        MenuBotHandlers.Register(bot);
        await bot.ConnectAsync(cancellationToken);
        var me = await bot.BotSignInAsync(BotToken, cancellationToken);
        log.WriteLine($"bot signed in as @{me.Username}");

        await using var user = new Client(":memory:", options);
        var inbox = new Inbox();
        user.On<NewMessage>(e => { inbox.Add(edited: false, e.Message); return Task.CompletedTask; }, Filter.Incoming);
        user.On<MessageEdited>(e => { inbox.Add(edited: true, e.Message); return Task.CompletedTask; }, Filter.Incoming);
        await user.ConnectAsync(cancellationToken);
        await user.SignInAsync(await user.RequestLoginCodeAsync(UserPhone, cancellationToken), "22222", cancellationToken: cancellationToken);

        var script = new ScriptedUser(user, inbox, log);
        try
        {
            await script.RunAsync("@" + BotUsername, cancellationToken);
            return script.Report(failed: null);
        }
        catch (DemoStepException step)
        {
            log.WriteLine($"FAILED: {step.Message}");
            return script.Report(step.Message);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A refused request (RpcError: BOT_RESPONSE_TIMEOUT...), a timeout: the step failed, and the report says how.
            log.WriteLine($"FAILED: {error}");
            return script.Report($"{error.GetType().Name}: {error.Message}");
        }
    }
}
