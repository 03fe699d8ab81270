using Telethon.Tl;
using Telethon.Tl.Json;

namespace Telethon.Cli.Commands;

/// <summary><c>tl decode &lt;hex&gt;</c>: one boxed TL object as its JSON form.</summary>
public sealed class TlDecodeCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["tl", "decode"];

    /// <inheritdoc />
    public string Usage => "<hex> — decode one boxed object to JSON";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        if (args.Count != 1)
            return await JsonLine.ErrorAsync(console, "usage: tl decode <hex>", 0);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(args[0].Trim());
        }
        catch (FormatException)
        {
            return await JsonLine.ErrorAsync(console, "the argument is not hex", 0);
        }
        try
        {
            await console.Out.WriteLineAsync(TlJson.Decode(bytes));
            return 0;
        }
        catch (TlDecodeException e)
        {
            return await JsonLine.ErrorAsync(console, e.Message, e.Offset);
        }
    }
}
