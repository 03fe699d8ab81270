using System.Text.Json;
using Telethon.Tl;
using Telethon.Tl.Json;

namespace Telethon.Cli.Commands;

/// <summary><c>tl encode</c>: the JSON form of one object on stdin to its boxed TL bytes as hex.</summary>
public sealed class TlEncodeCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["tl", "encode"];

    /// <inheritdoc />
    public string Usage => "— read one object's JSON on stdin, print its TL bytes as hex";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var text = await console.In.ReadToEndAsync(cancellationToken);
        try
        {
            await console.Out.WriteLineAsync(Convert.ToHexStringLower(TlJson.Encode(text)));
            return 0;
        }
        catch (TlJsonException e)
        {
            return await JsonLine.ErrorAsync(console, e.Message, e.Offset);
        }
        catch (TlEncodeException e)
        {
            return await JsonLine.ErrorAsync(console, e.Message, 0);
        }
        catch (JsonException e)
        {
            return await JsonLine.ErrorAsync(console, "not JSON: " + e.Message, (int)(e.BytePositionInLine ?? 0));
        }
    }
}
