using Telethon.TestServer;

namespace Telethon.Cli.Commands;

/// <summary><c>testserver</c>: runs the test DC, exactly as <c>dotnet run --project Telethon.TestServer</c> does.</summary>
public sealed class TestServerCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["testserver"];

    /// <inheritdoc />
    public string Usage => TestServerProgram.Usage + " — a local MTProto test DC";

    /// <inheritdoc />
    public Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken) =>
        TestServerProgram.RunAsync(args, console.In, console.Out, console.Error, cancellationToken);
}
