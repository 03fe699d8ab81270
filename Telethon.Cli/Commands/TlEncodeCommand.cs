using System.CommandLine;
using System.Text.Json;
using Telethon.TestServer.Layers;
using Telethon.Tl;
using Telethon.Tl.Json;
using Telethon.Tl.Layers;

namespace Telethon.Cli.Commands;

/// <summary><c>tl encode [--layer N]</c>: the JSON form of one object on stdin to its boxed TL bytes as hex (of layer N:
/// the compiled layer's object converted there).</summary>
public sealed class TlEncodeCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["tl", "encode"];

    /// <inheritdoc />
    public string Description => "read one object's JSON on stdin, print its TL bytes (in layer N) as hex";

    /// <inheritdoc />
    public void Configure(Command command, CliConsole console)
    {
        var layers = new LayerArguments();
        layers.AddTo(command);
        command.SetAction((parsed, cancellationToken) => RunAsync(layers.Resolve(parsed), console, cancellationToken));
    }

    private static async Task<int> RunAsync((LayerConverters? Converters, string? Error) layer, CliConsole console, CancellationToken cancellationToken)
    {
        if (layer.Error is { } error)
            return await JsonLine.ErrorAsync(console, error, 0);
        var text = await console.In.ReadToEndAsync(cancellationToken);
        try
        {
            var bytes = TlJson.Encode(text);
            if (layer.Converters is { } converters)
                bytes = converters.FromCurrent.Convert(bytes);
            await console.Out.WriteLineAsync(Convert.ToHexStringLower(bytes));
            return 0;
        }
        catch (TlLayerConversionException e)
        {
            return await JsonLine.ErrorAsync(console, e.Message, 0);
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
