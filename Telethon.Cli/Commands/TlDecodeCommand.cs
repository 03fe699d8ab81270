using Telethon.Tl;
using Telethon.Tl.Json;
using Telethon.Tl.Layers;

namespace Telethon.Cli.Commands;

/// <summary><c>tl decode [--layer N] &lt;hex&gt;</c>: one boxed TL object as its JSON form (bytes of another layer are read
/// into the compiled layer's form).</summary>
public sealed class TlDecodeCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["tl", "decode"];

    /// <inheritdoc />
    public string Usage => "[--layer N] [--schema FILE.tl] <hex> — decode one boxed object (of layer N) to JSON";

    /// <inheritdoc />
    public async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken)
    {
        var (layer, error) = LayerArguments.Parse(args);
        if (layer is null)
            return await JsonLine.ErrorAsync(console, error!, 0);
        if (layer.Rest.Count != 1)
            return await JsonLine.ErrorAsync(console, "usage: tl decode [--layer N] [--schema FILE.tl] <hex>", 0);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(layer.Rest[0].Trim());
        }
        catch (FormatException)
        {
            return await JsonLine.ErrorAsync(console, "the argument is not hex", 0);
        }
        try
        {
            if (layer.Converters is { } converters)
                bytes = converters.ToCurrent.Convert(bytes);
            await console.Out.WriteLineAsync(TlJson.Decode(bytes));
            return 0;
        }
        catch (TlDecodeException e)
        {
            return await JsonLine.ErrorAsync(console, e.Message, e.Offset);
        }
        catch (TlLayerConversionException e)
        {
            return await JsonLine.ErrorAsync(console, e.Message, 0);
        }
    }
}
