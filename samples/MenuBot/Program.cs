using Telethon;
using Telethon.Samples.MenuBot;

// A bot with an inline-keyboard menu whose pages edit the message, an inline mode, a photo it sends and files it
// receives. With no arguments it runs against an embedded test server, where a scripted user clicks through the menu,
// queries it inline, downloads its photo and sends it a file; it prints the conversation and one JSON line, and exits
// with 1 when a step did not happen as expected. Against Telegram:
//   dotnet run --project samples/MenuBot -- --api-id ID --api-hash HASH --token BOT_TOKEN
// (Telegram's DCs and keys are built in; turn on the bot's inline mode with @BotFather's /setinline.)
var arguments = args.Select((a, i) => (a, i)).ToDictionary(p => p.a, p => p.i);
string? Arg(string name) => arguments.TryGetValue(name, out var i) && i + 1 < args.Length ? args[i + 1] : null;

if (Arg("--token") is { } token)
{
    var options = new ClientOptions
    {
        ApiId = int.Parse(Arg("--api-id") ?? throw new ArgumentException("--api-id is needed")),
        ApiHash = Arg("--api-hash") ?? throw new ArgumentException("--api-hash is needed"),
    };
    await using var bot = new Client(":memory:", options);
    MenuBotHandlers.Register(bot);
    await bot.ConnectAsync();
    var me = await bot.BotSignInAsync(token);
    Console.WriteLine($"signed in as @{me.Username}; send it /start");
    await bot.RunUntilDisconnectedAsync();
    return 0;
}

var report = await MenuBotDemo.RunAsync(Console.Out);
Console.WriteLine(report.ToJson());
return report.Succeeded ? 0 : 1;
