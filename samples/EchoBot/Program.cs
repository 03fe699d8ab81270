using System.CommandLine;
using Telethon;
using Telethon.Connection;
using Telethon.Model;
using Telethon.Events;
using Telethon.Filters;
using Telethon.TestServer.Config;
using Telethon.TestServer.Network;
using Telethon.TestServer.World;

// The echo bot of Telethon's documentation, in C#. With no arguments it runs against an embedded test
// server and a demo user talks to it for a few seconds. Against Telegram:
//   dotnet run --project samples/EchoBot -- --api-id ID --api-hash HASH --token BOT_TOKEN
// (Telegram's DCs and keys are built in.)
var apiIdOption = new Option<int?>("--api-id") { Description = "your api_id from my.telegram.org (with --token)" };
var apiHashOption = new Option<string?>("--api-hash") { Description = "your api_hash from my.telegram.org (with --token)" };
var tokenOption = new Option<string?>("--token") { Description = "the bot's token from @BotFather: run on Telegram instead of the embedded test server" };
var root = new RootCommand("EchoBot: Telethon's echo bot, on an embedded test server with a demo user, or on Telegram")
{
    apiIdOption, apiHashOption, tokenOption,
};
root.Validators.Add(result =>
{
    if (result.GetValue(tokenOption) is not null && (result.GetValue(apiIdOption) is null || result.GetValue(apiHashOption) is null))
        result.AddError("--token needs --api-id and --api-hash");
});
root.SetAction((parsed, _) => RunAsync(parsed.GetValue(apiIdOption), parsed.GetValue(apiHashOption), parsed.GetValue(tokenOption)));
return await root.Parse(args).InvokeAsync();

static async Task<int> RunAsync(int? apiId, string? apiHash, string? realToken)
{
    TestServerHost? server = null;
    ClientOptions options;
    string token;
    if (realToken is not null)
    {
        token = realToken;
        options = new ClientOptions { ApiId = apiId!.Value, ApiHash = apiHash! };
    }
    else
    {
        server = await TestServerHost.StartAsync(new TestServerOptions { DcCount = 3, Config = new TestServerConfig { World = new WorldOptions { AllowBotAutocreate = true } } });
        token = "7000123:echo";
        options = new ClientOptions
        {
            ApiId = 1,
            ApiHash = "echo",
            DataCenters = server.Dcs.Select(d => new DcAddress(d.Id, d.Host, d.Port)).ToArray(),
            ServerKeys = [server.PublicKey],
        };
        Console.WriteLine($"test server: {string.Join(", ", server.Dcs.Select(d => $"dc{d.Id}={d.Host}:{d.Port}"))}");
    }

    await using var bot = new Client(":memory:", options);

    // Handle '/help' and '/start'.
    bot.On<NewMessage>(message => message.Message.ReplyAsync("""
        Hi there, I am EchoBot.
        I am here to echo your kind words back to you. Just say anything nice and I'll say the exact same thing to you!
        """), Filter.Any(Filter.Command("/help"), Filter.Command("/start")));

    // Handle all other messages.
    bot.On<NewMessage>(message => message.Message.ReplyAsync(message.Message.Text), Filter.Incoming);

    await bot.ConnectAsync();
    var me = await bot.BotSignInAsync(token);
    Console.WriteLine($"signed in as @{me.Username}");

    if (server is null)
    {
        await bot.RunUntilDisconnectedAsync();
        return 0;
    }

    // The demo: a test user says a few things and prints what comes back.
    await using (var user = new Client(":memory:", options))
    {
        user.On<NewMessage>(m =>
        {
            Console.WriteLine($"bot: {m.Message.Text}");
            return Task.CompletedTask;
        }, Filter.Incoming);
        await user.ConnectAsync();
        await user.SignInAsync(await user.RequestLoginCodeAsync("9996620001"), "22222", "Demo");
        var botPeer = await user.ResolveUsernameAsync("@" + me.Username);
        foreach (var text in new[] { "/start", "You are a nice bot", "Have a great day" })
        {
            Console.WriteLine($"user: {text}");
            await user.SendMessageAsync(botPeer, text);
            await Task.Delay(500);
        }
    }
    await server.DisposeAsync();
    return 0;
}
