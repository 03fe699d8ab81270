using System.Collections.Concurrent;
using System.Globalization;
using Telethon.Tl;
using Telethon.Tl.Layers;

namespace Telethon.TestServer.Layers;

/// <summary>
/// The layers the test server speaks: its own (<see cref="TlRegistry.Layer"/>), the older ones published as
/// @mtcute/tl versions (copied beside the program under <c>schemas/</c> at build time), and any <c>.tl</c> files
/// given at start. A session is served in the layer it announced when known, else in the nearest known layer
/// above it, else the nearest below. Schemas are parsed on first use and shared by every server in the process.
/// </summary>
public sealed class LayerCatalog
{
    private static readonly ConcurrentDictionary<string, Lazy<TlLayerSchema>> Parsed = new(StringComparer.Ordinal);

    private readonly SortedDictionary<int, Lazy<TlLayerSchema>> _layers = [];
    private readonly ConcurrentDictionary<int, LayerConverters> _converters = new();
    private readonly Lazy<TlLayerSchema[]> _all;

    private LayerCatalog(IEnumerable<(int Layer, Lazy<TlLayerSchema> Schema)> layers)
    {
        _layers[TlRegistry.Layer] = new Lazy<TlLayerSchema>(TlLayerSchema.Current);
        foreach (var (layer, schema) in layers)
            _layers[layer] = schema; // a file given at start replaces a packaged schema of the same layer
        _all = new Lazy<TlLayerSchema[]>(() => [.. _layers.Values.Reverse().Select(s => s.Value)]);
    }

    private static readonly Lazy<LayerCatalog> PackagedCatalog = new(() => Load());

    /// <summary>Only the compiled layer.</summary>
    public static LayerCatalog CurrentOnly { get; } = new([]);

    /// <summary>The compiled layer and the packaged ones beside the program.</summary>
    public static LayerCatalog Packaged => PackagedCatalog.Value;

    /// <summary>The compiled layer, the packaged ones found in <paramref name="packagedDirectory"/> (by default <c>schemas/</c>
    /// beside the program), and <paramref name="schemaFiles"/>, which are read now so that a bad file stops the start.</summary>
    /// <exception cref="FormatException">A schema file does not parse or names no layer.</exception>
    /// <exception cref="IOException">A schema file cannot be read.</exception>
    public static LayerCatalog Load(IEnumerable<string>? schemaFiles = null, string? packagedDirectory = null)
    {
        var layers = new List<(int, Lazy<TlLayerSchema>)>();
        var directory = packagedDirectory ?? Path.Combine(AppContext.BaseDirectory, "schemas");
        if (Directory.Exists(directory))
        {
            // schemas/tl-189/api-schema.json: the folder names the layer, the file is read on first use.
            foreach (var folder in Directory.EnumerateDirectories(directory, "tl-*"))
            {
                var file = Path.Combine(folder, "api-schema.json");
                if (File.Exists(file) && int.TryParse(Path.GetFileName(folder).AsSpan(3), NumberStyles.None, CultureInfo.InvariantCulture, out var layer))
                    layers.Add((layer, Cached(file)));
            }
        }
        foreach (var file in schemaFiles ?? [])
        {
            var full = Path.GetFullPath(file);
            var schema = Cached(full);
            layers.Add((schema.Value.Layer, schema));
        }
        return new LayerCatalog(layers);
    }

    /// <summary>The known layers, ascending.</summary>
    public IReadOnlyList<int> Layers => [.. _layers.Keys];

    /// <summary>The schema of a known layer.</summary>
    /// <exception cref="KeyNotFoundException">The layer is not known.</exception>
    public TlLayerSchema Schema(int layer) => _layers[layer].Value;

    /// <summary>The layer a session announcing <paramref name="announced"/> is served in.</summary>
    public int Choose(int announced)
    {
        if (_layers.ContainsKey(announced))
            return announced;
        int? below = null;
        foreach (var layer in _layers.Keys)
        {
            if (layer > announced)
                return layer;
            below = layer;
        }
        return below ?? TlRegistry.Layer;
    }

    /// <summary>The converters between a known layer and the compiled one: requests in, answers and pushes out.</summary>
    public LayerConverters ConvertersFor(int layer) => _converters.GetOrAdd(layer, l =>
    {
        var schema = Schema(l);
        // Requests are read by constructor id in the session's layer first, then in every other known layer.
        var toCurrent = new TlLayerConverter(schema, TlLayerSchema.Current, _all.Value);
        var fromCurrent = new TlLayerConverter(TlLayerSchema.Current, schema);
        return new LayerConverters(l, toCurrent, fromCurrent);
    });

    private static Lazy<TlLayerSchema> Cached(string path) =>
        Parsed.GetOrAdd(path, p => new Lazy<TlLayerSchema>(() => LayerSchemaReader.ReadFile(p)));
}
