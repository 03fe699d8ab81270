using System.CommandLine;
using Telethon.TestServer.Layers;
using Telethon.Tl;
using Telethon.Tl.Json;
using Telethon.Tl.Layers;

namespace Telethon.Cli.Commands;

/// <summary><c>tl decode [--layer N] [--schema FILE.tl] &lt;hex&gt;</c>: one boxed TL object as its JSON form (bytes of another layer are read
/// into the compiled layer's form).</summary>
public sealed class TlDecodeCommand : ICliCommand
{
    /// <inheritdoc />
    public IReadOnlyList<string> Path { get; } = ["tl", "decode"];

    /// <inheritdoc />
    public string Description => "decode one boxed object (of layer N) to JSON";

    /// <inheritdoc />
    public void Configure(Command command, CliConsole console)
    {
        var layers = new LayerArguments();
        layers.AddTo(command);
        var hex = new Argument<string>("hex") { Description = "the object's bytes in hex" };
        command.Add(hex);
        command.SetAction((parsed, cancellationToken) => RunAsync(parsed.GetRequiredValue(hex), layers.Resolve(parsed), console));
    }

    private static async Task<int> RunAsync(string hex, (LayerConverters? Converters, string? Error) layer, CliConsole console)
    {
        if (layer.Error is { } error)
            return await JsonLine.ErrorAsync(console, error, 0);
        byte[] bytes;
        try
        {
            bytes = Convert.FromHexString(hex.Trim());
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
