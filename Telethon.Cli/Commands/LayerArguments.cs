using System.CommandLine;
using Telethon.TestServer.Layers;
using Telethon.Tl;

namespace Telethon.Cli.Commands;

/// <summary>
/// <c>--layer N</c> (and <c>--schema FILE.tl</c>, repeatable) of the <c>tl</c> commands: bytes in another layer than the
/// compiled one. The JSON form stays the compiled layer's; the bytes are converted by constructor and field name.
/// </summary>
internal sealed class LayerArguments
{
    private readonly Option<int?> _layer = new("--layer") { Description = "the layer of the bytes (default: the compiled layer)" };

    private readonly Option<string[]> _schemas = new("--schema") { Description = "a .tl file of another layer (repeatable)" };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(_layer);
        command.Add(_schemas);
    }

    /// <summary>The converters between the layer asked for and the compiled one (null for the compiled layer), or why there are none.</summary>
    public (LayerConverters? Converters, string? Error) Resolve(ParseResult parsed)
    {
        var layer = parsed.GetValue(_layer);
        if (layer is null || layer == TlRegistry.Layer)
            return (null, null);
        var schemas = parsed.GetValue(_schemas) ?? [];
        LayerCatalog catalog;
        try
        {
            catalog = schemas.Length == 0 ? LayerCatalog.Packaged : LayerCatalog.Load(schemas);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return (null, $"cannot read the schema: {e.Message}");
        }
        if (!catalog.Layers.Contains(layer.Value))
            return (null, $"layer {layer} is not known (known: {string.Join(", ", catalog.Layers)}; add one with --schema FILE.tl)");
        return (catalog.ConvertersFor(layer.Value), null);
    }
}
