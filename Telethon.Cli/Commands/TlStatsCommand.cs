using System.CommandLine;
using System.Text.Json;
using Telethon.Tl;

namespace Telethon.Cli.Commands;

/// <summary><c>tl stats</c>: the layer and the counts of the generated schema as one JSON line.</summary>
public sealed class TlStatsCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["tl", "stats"];

    /// <inheritdoc />
    public string Description => "layer and constructor/function counts as JSON";

    /// <inheritdoc />
    public void Configure(Command command, CliConsole console) => command.SetAction((_, _) => RunAsync(console));

    private static async Task<int> RunAsync(CliConsole console)
    {
        var stats = new Dictionary<string, int>
        {
            ["layer"] = TlRegistry.Layer,
            ["constructors"] = TlRegistry.Api.Count(c => !c.IsFunction),
            ["functions"] = TlRegistry.Api.Count(c => c.IsFunction),
            ["service_constructors"] = TlRegistry.Service.Count(c => !c.IsFunction),
            ["service_functions"] = TlRegistry.Service.Count(c => c.IsFunction),
        };
        await console.Out.WriteLineAsync(JsonSerializer.Serialize(stats));
        return 0;
    }
}
