using System.Text.Json;

namespace Telethon.Cli.Commands;

/// <summary>Writes the one-line JSON results and errors the commands print.</summary>
internal static class JsonLine
{
    public static async Task<int> ErrorAsync(CliConsole console, string message, int offset)
    {
        var line = JsonSerializer.Serialize(new Dictionary<string, object> { ["error"] = message, ["offset"] = offset });
        await console.Out.WriteLineAsync(line);
        return 1;
    }
}
