namespace Telethon.Cli;

/// <summary>One command of the <c>telethon</c> tool, reached by a path of words (<c>tl decode</c>).</summary>
public interface ICliCommand
{
    /// <summary>The words that select the command.</summary>
    IReadOnlyList<string> Path { get; }

    /// <summary>One line of help: the arguments and what it does.</summary>
    string Usage { get; }

    /// <summary>Runs the command with the arguments after its path; returns the exit code.</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken);
}
