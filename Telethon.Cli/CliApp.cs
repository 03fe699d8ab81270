using System.CommandLine;

namespace Telethon.Cli;

/// <summary>
/// The <c>telethon</c> tool: its commands as a System.CommandLine tree (<c>tl decode</c> is the command <c>decode</c> in the
/// group <c>tl</c>). Bad arguments print what is wrong and the list of commands to standard error and exit 2;
/// <c>--help</c> after any command shows its options.
/// </summary>
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
        new Commands.SessionShowCommand(),
    ]);

    /// <summary>The command tree, writing to <paramref name="console"/>.</summary>
    public RootCommand CreateRoot(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("telethon: the Telethon.Actors tool (TL, benchmarks, the test server, session files)");
        foreach (var entry in _commands)
        {
            Command parent = root;
            foreach (var group in entry.Path.SkipLast(1))
            {
                var existing = parent.Subcommands.FirstOrDefault(c => c.Name == group);
                if (existing is null)
                {
                    existing = new Command(group, $"the {group} commands");
                    parent.Add(existing);
                }
                parent = existing;
            }
            var command = new Command(entry.Path[^1], entry.Description);
            entry.Configure(command, console);
            parent.Add(command);
        }
        return root;
    }

    /// <summary>Runs the command the arguments name; prints what is wrong and the commands, and returns 2, when the arguments are wrong.</summary>
    public async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        var parsed = CreateRoot(console).Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
                await console.Error.WriteLineAsync(error.Message);
            await console.Error.WriteLineAsync("usage: telethon <command> [options] (telethon <command> --help for its options)\ncommands:");
            foreach (var command in _commands)
                await console.Error.WriteLineAsync($"  {string.Join(' ', command.Path)} — {command.Description}");
            return 2;
        }
        return await parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error }, cancellationToken);
    }
}
