using System.CommandLine;
using Telethon.TestServer;

namespace Telethon.Cli.Commands;

/// <summary><c>testserver</c>: runs the test DC, exactly as <c>dotnet run --project Telethon.TestServer</c> does.</summary>
public sealed class TestServerCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["testserver"];

    /// <inheritdoc />
    public string Description => TestServerProgram.Description;

    /// <inheritdoc />
    public void Configure(Command command, CliConsole console) =>
        TestServerProgram.Configure(command, console.In, console.Out, console.Error);
}
