using System.Globalization;
using Telethon.TestServer.Layers;
using Telethon.Tl;

namespace Telethon.Cli.Commands;

/// <summary>
/// <c>--layer N</c> (and <c>--schema FILE.tl</c>, repeatable) of the <c>tl</c> commands: bytes in another layer than the
/// compiled one. The JSON form stays the compiled layer's; the bytes are converted by constructor and field name.
/// </summary>
internal sealed record LayerArguments(IReadOnlyList<string> Rest, LayerConverters? Converters)
{
    /// <summary>Takes the layer options out of <paramref name="args"/>; null and an error message when they are wrong.</summary>
    public static (LayerArguments? Arguments, string? Error) Parse(IReadOnlyList<string> args)
    {
        var rest = new List<string>();
        var schemas = new List<string>();
        int? layer = null;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--layer" when i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var n):
                    layer = n;
                    i++;
                    break;
                case "--layer":
                    return (null, "--layer needs a layer number");
                case "--schema" when i + 1 < args.Count:
                    schemas.Add(args[++i]);
                    break;
                case "--schema":
                    return (null, "--schema needs a .tl file");
                default:
                    rest.Add(args[i]);
                    break;
            }
        }
        if (layer is null || layer == TlRegistry.Layer)
            return (new LayerArguments(rest, null), null);
        LayerCatalog catalog;
        try
        {
            catalog = schemas.Count == 0 ? LayerCatalog.Packaged : LayerCatalog.Load(schemas);
        }
        catch (Exception e) when (e is FormatException or IOException)
        {
            return (null, $"cannot read the schema: {e.Message}");
        }
        if (!catalog.Layers.Contains(layer.Value))
            return (null, $"layer {layer} is not known (known: {string.Join(", ", catalog.Layers)}; add one with --schema FILE.tl)");
        return (new LayerArguments(rest, catalog.ConvertersFor(layer.Value)), null);
    }
}
