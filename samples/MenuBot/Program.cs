using System.CommandLine;
using Telethon;
using Telethon.Samples.MenuBot;

// A bot with an inline-keyboard menu whose pages edit the message, an inline mode, a photo it sends and files it
// receives. With no arguments it runs against an embedded test server, where a scripted user clicks through the menu,
// queries it inline, downloads its photo and sends it a file; it prints the conversation and one JSON line, and exits
// with 1 when a step did not happen as expected. Against Telegram:
//   dotnet run --project samples/MenuBot -- --api-id ID --api-hash HASH --token BOT_TOKEN
// (Telegram's DCs and keys are built in; turn on the bot's inline mode with @BotFather's /setinline.)
var apiIdOption = new Option<int?>("--api-id") { Description = "your api_id from my.telegram.org (with --token)" };
var apiHashOption = new Option<string?>("--api-hash") { Description = "your api_hash from my.telegram.org (with --token)" };
var tokenOption = new Option<string?>("--token") { Description = "the bot's token from @BotFather: run on Telegram instead of the scripted demo" };
var root = new RootCommand("MenuBot: a bot with a menu, inline mode and files, on an embedded test server with a scripted user, or on Telegram")
{
    apiIdOption, apiHashOption, tokenOption,
};
root.Validators.Add(result =>
{
    if (result.GetValue(tokenOption) is not null && (result.GetValue(apiIdOption) is null || result.GetValue(apiHashOption) is null))
        result.AddError("--token needs --api-id and --api-hash");
});
root.SetAction((parsed, _) => parsed.GetValue(tokenOption) is { } token
    ? RunOnTelegramAsync(parsed.GetValue(apiIdOption)!.Value, parsed.GetValue(apiHashOption)!, token)
    : RunDemoAsync());
return await root.Parse(args).InvokeAsync();

static async Task<int> RunOnTelegramAsync(int apiId, string apiHash, string token)
{
    await using var bot = new Client(":memory:", new ClientOptions { ApiId = apiId, ApiHash = apiHash });
    MenuBotHandlers.Register(bot);
    await bot.ConnectAsync();
    var me = await bot.BotSignInAsync(token);
    Console.WriteLine($"signed in as @{me.Username}; send it /start");
    await bot.RunUntilDisconnectedAsync();
    return 0;
}

static async Task<int> RunDemoAsync()
{
    var report = await MenuBotDemo.RunAsync(Console.Out);
    Console.WriteLine(report.ToJson());
    return report.Succeeded ? 0 : 1;
}
