using Telethon.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await CliApp.Default().RunAsync(args, CliConsole.System, cancel.Token);
