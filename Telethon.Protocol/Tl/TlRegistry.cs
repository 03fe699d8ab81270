using System.Collections.Frozen;

namespace Telethon.Tl;

/// <summary>
/// Run-time metadata of every constructor and function (the generated part adds the readers):
/// lookups by id and by TL name, and the constructors of each boxed type.
/// </summary>
public static partial class TlRegistry
{
    private static readonly Lazy<Index> Lookup = new(() => new Index());

    /// <summary>Constructors and functions of the API schema.</summary>
    public static IReadOnlyList<TlConstructorInfo> Api => Metadata.Api;

    /// <summary>Constructors and functions of the MTProto service schema.</summary>
    public static IReadOnlyList<TlConstructorInfo> Service => Metadata.Service;

    /// <summary>Finds a constructor or function by id (the service schema first).</summary>
    public static TlConstructorInfo? Find(uint id) => Lookup.Value.ById.GetValueOrDefault(id);

    /// <summary>Finds a constructor or function by TL name (<c>messages.sendMessage</c>); the API first (the service
    /// <c>message</c> is only ever bare, and bare types name their constructor by id).</summary>
    public static TlConstructorInfo? Find(string name) => Lookup.Value.ByName.GetValueOrDefault(name);

    /// <summary>Finds a constructor or function by TL name in one schema.</summary>
    public static TlConstructorInfo? Find(string name, bool service) =>
        (service ? Lookup.Value.ServiceByName : Lookup.Value.ByName).GetValueOrDefault(name) is { } info && info.IsService == service ? info : null;

    /// <summary>The constructors of a boxed type (<c>User</c>) of the API, or of the service schema; empty when unknown.</summary>
    public static IReadOnlyList<TlConstructorInfo> ConstructorsOf(string typeName, bool service = false) =>
        (service ? Lookup.Value.ServiceByType : Lookup.Value.ByType).TryGetValue(typeName, out var list) ? list : [];

    /// <summary>The constructors of the boxed type <paramref name="type"/> describes.</summary>
    public static IReadOnlyList<TlConstructorInfo> ConstructorsOf(TlTypeInfo type) => ConstructorsOf(type.Name ?? "", type.IsService);

    private sealed class Index
    {
        public readonly FrozenDictionary<uint, TlConstructorInfo> ById;
        public readonly FrozenDictionary<string, TlConstructorInfo> ByName;
        public readonly FrozenDictionary<string, TlConstructorInfo[]> ByType;
        public readonly FrozenDictionary<string, TlConstructorInfo> ServiceByName;
        public readonly FrozenDictionary<string, TlConstructorInfo[]> ServiceByType;

        public Index()
        {
            var byId = new Dictionary<uint, TlConstructorInfo>();
            var byName = new Dictionary<string, TlConstructorInfo>(StringComparer.Ordinal);
            foreach (var info in Metadata.Service.Concat(Metadata.Api))
            {
                byId.TryAdd(info.Id, info);
                if (!byName.TryAdd(info.Name, info) && !info.IsService)
                    byName[info.Name] = info;
            }
            ById = byId.ToFrozenDictionary();
            ByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
            ByType = GroupByType(Metadata.Api);
            ServiceByType = GroupByType(Metadata.Service);
            ServiceByName = Metadata.Service.ToFrozenDictionary(c => c.Name, StringComparer.Ordinal);
        }

        // Service and API types live apart: both schemas define a `Message`.
        private static FrozenDictionary<string, TlConstructorInfo[]> GroupByType(TlConstructorInfo[] definitions) =>
            definitions.Where(c => !c.IsFunction)
                .GroupBy(c => c.TypeName, StringComparer.Ordinal)
                .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }
}
