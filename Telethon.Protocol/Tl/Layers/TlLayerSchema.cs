using System.Collections.Frozen;

namespace Telethon.Tl.Layers;

/// <summary>
/// The API schema of one layer at run time: its constructors and functions by id, by TL name and by
/// boxed type. The layer compiled into this assembly is <see cref="Current"/>; others are read from
/// Telegram's <c>.tl</c> files or @mtcute/tl's api-schema.json and serve <see cref="TlLayerConverter"/>.
/// </summary>
public sealed class TlLayerSchema
{
    private static readonly Lazy<TlLayerSchema> CurrentSchema = new(() => new TlLayerSchema(TlRegistry.Layer, TlRegistry.Api, "compiled"));

    private readonly FrozenDictionary<uint, TlConstructorInfo> _byId;
    private readonly FrozenDictionary<string, TlConstructorInfo> _byName;
    private readonly FrozenDictionary<string, TlConstructorInfo[]> _byType;

    /// <summary>Indexes <paramref name="definitions"/> as layer <paramref name="layer"/>.</summary>
    /// <param name="layer">The layer number.</param>
    /// <param name="definitions">The API constructors and functions (not the MTProto service schema).</param>
    /// <param name="source">Where the schema came from, for logs.</param>
    public TlLayerSchema(int layer, IEnumerable<TlConstructorInfo> definitions, string source)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(source);
        Layer = layer;
        Source = source;
        Definitions = definitions.ToArray();
        var byId = new Dictionary<uint, TlConstructorInfo>();
        var byName = new Dictionary<string, TlConstructorInfo>(StringComparer.Ordinal);
        foreach (var info in Definitions)
        {
            byId.TryAdd(info.Id, info);
            byName.TryAdd(info.Name, info);
        }
        _byId = byId.ToFrozenDictionary();
        _byName = byName.ToFrozenDictionary(StringComparer.Ordinal);
        _byType = Definitions.Where(d => !d.IsFunction)
            .GroupBy(d => d.TypeName, StringComparer.Ordinal)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The schema compiled into this assembly (<see cref="TlRegistry.Layer"/>).</summary>
    public static TlLayerSchema Current => CurrentSchema.Value;

    /// <summary>The layer number.</summary>
    public int Layer { get; }

    /// <summary>Where the schema came from (a file, a package, or "compiled").</summary>
    public string Source { get; }

    /// <summary>Every constructor and function.</summary>
    public IReadOnlyList<TlConstructorInfo> Definitions { get; }

    /// <summary>Finds a constructor or function by id.</summary>
    public TlConstructorInfo? Find(uint id) => _byId.GetValueOrDefault(id);

    /// <summary>Finds a constructor or function by TL name.</summary>
    public TlConstructorInfo? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The constructors of a boxed type; empty when the layer has no such type.</summary>
    public IReadOnlyList<TlConstructorInfo> ConstructorsOf(string typeName) =>
        _byType.TryGetValue(typeName, out var list) ? list : [];

    /// <inheritdoc />
    public override string ToString() => $"layer {Layer} ({Source})";
}
