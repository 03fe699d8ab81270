using System.CommandLine;

namespace Telethon.Cli;

/// <summary>One command of the <c>telethon</c> tool, reached by a path of words (<c>tl decode</c>).</summary>
public interface ICliCommand
{
    /// <summary>The words that select the command; the last is its name, the others the groups it sits in.</summary>
    IReadOnlyList<string> Path { get; }

    /// <summary>One line of help: what it does.</summary>
    string Description { get; }

    /// <summary>Adds the command's options and arguments to <paramref name="command"/> and sets its action, which writes to
    /// <paramref name="console"/> and returns the exit code.</summary>
    void Configure(Command command, CliConsole console);
}
