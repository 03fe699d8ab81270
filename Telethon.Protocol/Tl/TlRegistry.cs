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

    /// <summary>Finds a constructor or function by TL name (<c>messages.sendMessage</c>); the service schema first.</summary>
    public static TlConstructorInfo? Find(string name) => Lookup.Value.ByName.GetValueOrDefault(name);

    /// <summary>The constructors of a boxed type (<c>User</c>); empty when the type is unknown.</summary>
    public static IReadOnlyList<TlConstructorInfo> ConstructorsOf(string typeName) =>
        Lookup.Value.ByType.TryGetValue(typeName, out var list) ? list : [];

    private sealed class Index
    {
        public readonly FrozenDictionary<uint, TlConstructorInfo> ById;
        public readonly FrozenDictionary<string, TlConstructorInfo> ByName;
        public readonly FrozenDictionary<string, TlConstructorInfo[]> ByType;

        public Index()
        {
            var byId = new Dictionary<uint, TlConstructorInfo>();
            var byName = new Dictionary<string, TlConstructorInfo>(StringComparer.Ordinal);
            var byType = new Dictionary<string, List<TlConstructorInfo>>(StringComparer.Ordinal);
            foreach (var info in Metadata.Service.Concat(Metadata.Api))
            {
                byId.TryAdd(info.Id, info);
                byName.TryAdd(info.Name, info);
                if (info.IsFunction)
                    continue;
                // Service and API types live apart; the same name in both (IpPort) keeps the service one.
                var key = info.TypeName;
                if (!byType.TryGetValue(key, out var list))
                    byType[key] = list = [];
                if (list.Count == 0 || list[0].IsService == info.IsService)
                    list.Add(info);
            }
            ById = byId.ToFrozenDictionary();
            ByName = byName.ToFrozenDictionary(StringComparer.Ordinal);
            ByType = byType.ToFrozenDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        }
    }
}
