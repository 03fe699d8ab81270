namespace Telethon.Cli;

/// <summary>Finds the command named by the leading arguments and runs it.</summary>
public sealed class CliApp
{
    private readonly IReadOnlyList<ICliCommand> _commands;

    /// <summary>Creates the tool with its commands.</summary>
    public CliApp(IReadOnlyList<ICliCommand> commands) => _commands = commands;

    /// <summary>The tool with every built-in command.</summary>
    public static CliApp Default() => new([
        new Commands.TlStatsCommand(),
        new Commands.TlDecodeCommand(),
        new Commands.TlEncodeCommand(),
        new Commands.BenchCryptoCommand(),
        new Commands.BenchFilesCommand(),
        new Commands.TestServerCommand(),
    ]);

    /// <summary>Runs the command the arguments name; prints usage and returns 2 when none does.</summary>
    public async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ICliCommand? best = null;
        foreach (var command in _commands)
        {
            if (command.Path.Count > args.Length || (best is not null && best.Path.Count >= command.Path.Count))
                continue;
            var matches = true;
            for (var i = 0; i < command.Path.Count && matches; i++)
                matches = string.Equals(args[i], command.Path[i], StringComparison.Ordinal);
            if (matches)
                best = command;
        }
        if (best is null)
        {
            await console.Error.WriteLineAsync("usage: telethon <command> [arguments]\ncommands:");
            foreach (var command in _commands)
                await console.Error.WriteLineAsync($"  {string.Join(' ', command.Path)} {command.Usage}");
            return 2;
        }
        return await best.RunAsync(args[best.Path.Count..], console, cancellationToken);
    }
}
