using Telethon.Tl;
using Telethon.Tl.Layers;

namespace Telethon.Tests.Tl.Layers;

/// <summary>
/// Builds random instances, in the compiled layer, of objects whose every value lies in the part two layers
/// share: nested objects are constructors both layers have (by name, in the field's type there), optional
/// fields the other layer lacks stay out, and numbers fit both layers' field types. Fields only the compiled
/// layer has, when required, get a small valid value. Independent of the converter under test.
/// </summary>
internal sealed class SharedShapeEncoder(TlLayerSchema current, TlLayerSchema other, int seed)
{
    private const int MaxDepth = 4;
    private readonly Random _random = new(seed);

    /// <summary>The boxed bytes of a random instance of <paramref name="ctor"/>, or null when it cannot be built within the shared part.</summary>
    public byte[]? Encode(TlConstructorInfo ctor)
    {
        var peer = other.Find(ctor.Name);
        if (peer is null)
            return null;
        var w = new TlWriter(256);
        try
        {
            w.WriteUInt32(ctor.Id);
            return WriteFields(ref w, ctor, peer, 0) ? w.ToArray() : null;
        }
        finally
        {
            w.Dispose();
        }
    }

    /// <summary>The field of <paramref name="peer"/> a field of the compiled layer maps to (same name, a type that can hold it).</summary>
    public static TlParamInfo? SharedField(TlParamInfo p, TlConstructorInfo peer)
    {
        foreach (var q in peer.Params)
        {
            if (q.Name == p.Name && q.Type.Kind != TlTypeKind.Flags && p.Type.Kind != TlTypeKind.Flags && Fits(p.Type, q.Type))
                return q;
        }
        return null;
    }

    private static bool Fits(TlTypeInfo a, TlTypeInfo b) => (a.Kind, b.Kind) switch
    {
        (TlTypeKind.Int or TlTypeKind.Long, TlTypeKind.Int or TlTypeKind.Long) => true,
        (TlTypeKind.String or TlTypeKind.Bytes, TlTypeKind.String or TlTypeKind.Bytes) => true,
        (TlTypeKind.Bool or TlTypeKind.True, TlTypeKind.Bool or TlTypeKind.True) => true,
        (TlTypeKind.Vector, TlTypeKind.Vector) => Fits(a.Element!, b.Element!),
        _ when IsObject(a.Kind) && IsObject(b.Kind) => true,
        _ => a.Kind == b.Kind,
    };

    private static bool IsObject(TlTypeKind k) => k is TlTypeKind.Boxed or TlTypeKind.Bare or TlTypeKind.Object or TlTypeKind.Query;

    private bool WriteFields(ref TlWriter w, TlConstructorInfo ctor, TlConstructorInfo peer, int depth)
    {
        var flags = new int[ctor.Params.Length];
        var flagPositions = new int[ctor.Params.Length];
        // Fields that share a bit are present together, in either layer: such fields form one group, set only
        // when every field in it is shared (at random), and always when the other layer requires one of them.
        var groups = Groups(ctor, peer);
        foreach (var group in groups)
        {
            var peers = group.Select(i => SharedField(ctor.Params[i], peer)).ToList();
            var required = peers.Any(q => q is { IsConditional: false });
            var allShared = peers.All(q => q is not null);
            if (required || (allShared && _random.Next(3) != 0))
            {
                foreach (var i in group)
                    flags[ctor.Params[i].FlagIndex] |= 1 << ctor.Params[i].FlagBit;
            }
        }
        for (var i = 0; i < ctor.Params.Length; i++)
        {
            var p = ctor.Params[i];
            if (p.Type.Kind == TlTypeKind.Flags)
            {
                flagPositions[i] = w.Length;
                w.WriteInt32(0);
                continue;
            }
            if (p.Type.Kind == TlTypeKind.True || (p.IsConditional && (flags[p.FlagIndex] & (1 << p.FlagBit)) == 0))
                continue;
            var q = SharedField(p, peer);
            if (q is { Type.Kind: TlTypeKind.True } && p.Type.Kind == TlTypeKind.Bool)
            {
                w.WriteBool(!p.IsConditional ? _random.Next(2) == 0 : true);
                continue;
            }
            if (q is null ? !WriteEmpty(ref w, p.Type, depth) : !WriteValue(ref w, p.Type, q.Type, depth))
                return false;
        }
        for (var i = 0; i < ctor.Params.Length; i++)
        {
            if (ctor.Params[i].Type.Kind == TlTypeKind.Flags)
                w.PatchInt32(flagPositions[i], flags[i]);
        }
        return true;
    }

    // Conditional fields linked by a bit they share here or whose counterparts share one in the other layer.
    private static List<List<int>> Groups(TlConstructorInfo ctor, TlConstructorInfo peer)
    {
        var n = ctor.Params.Length;
        var parent = Enumerable.Range(0, n).ToArray();
        int Find(int i) => parent[i] == i ? i : parent[i] = Find(parent[i]);
        var peers = ctor.Params.Select(p => SharedField(p, peer)).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var (a, b) = (ctor.Params[i], ctor.Params[j]);
                if (!a.IsConditional || !b.IsConditional)
                    continue;
                var here = a.FlagIndex == b.FlagIndex && a.FlagBit == b.FlagBit;
                var there = peers[i] is { IsConditional: true } qa && peers[j] is { IsConditional: true } qb
                    && qa.FlagIndex == qb.FlagIndex && qa.FlagBit == qb.FlagBit;
                if (here || there)
                    parent[Find(i)] = Find(j);
            }
        }
        return Enumerable.Range(0, n).Where(i => ctor.Params[i].IsConditional).GroupBy(Find).Select(g => g.ToList()).ToList();
    }

    private bool WriteValue(ref TlWriter w, TlTypeInfo t, TlTypeInfo peerType, int depth)
    {
        var narrow = t.Kind == TlTypeKind.Int || peerType.Kind == TlTypeKind.Int;
        switch (t.Kind)
        {
            case TlTypeKind.Int: w.WriteInt32(_random.Next(int.MinValue, int.MaxValue)); return true;
            case TlTypeKind.Long: w.WriteInt64(narrow ? _random.Next(int.MinValue, int.MaxValue) : _random.NextInt64()); return true;
            case TlTypeKind.Double: w.WriteDouble(_random.NextDouble() * 1000); return true;
            case TlTypeKind.String: w.WriteString(new string('x', _random.Next(0, 12)) + "é😀"); return true;
            case TlTypeKind.Bytes:
                var bytes = new byte[_random.Next(0, 300)];
                _random.NextBytes(bytes);
                w.WriteBytes(bytes);
                return true;
            case TlTypeKind.Int128: w.WriteInt64(_random.NextInt64()); w.WriteInt64(_random.NextInt64()); return true;
            case TlTypeKind.Int256:
                for (var i = 0; i < 4; i++)
                    w.WriteInt64(_random.NextInt64());
                return true;
            case TlTypeKind.Bool: w.WriteBool(_random.Next(2) == 0); return true;
            case TlTypeKind.Vector:
            {
                var count = depth >= MaxDepth ? 0 : _random.Next(0, 3);
                var header = w.Length;
                w.WriteVectorHeader(count, t.IsBare);
                for (var i = 0; i < count; i++)
                {
                    if (!WriteValue(ref w, t.Element!, peerType.Element!, depth + 1))
                    {
                        w.Truncate(header);
                        w.WriteVectorHeader(0, t.IsBare);
                        return true;
                    }
                }
                return true;
            }
            case TlTypeKind.Bare:
            {
                var ctor = current.Find(t.ConstructorId)!;
                var peer = other.Find(ctor.Name);
                return peer is not null && WriteFields(ref w, ctor, peer, depth + 1);
            }
            case TlTypeKind.Boxed:
            {
                var candidates = current.ConstructorsOf(t.Name!)
                    .Where(c => other.Find(c.Name) is { IsFunction: false } peer && (peerType.Kind != TlTypeKind.Boxed || peer.TypeName == peerType.Name))
                    .ToList();
                if (candidates.Count == 0)
                    return false;
                // Deep down, the constructor with the fewest required objects keeps the instance finite.
                var chosen = depth >= MaxDepth
                    ? candidates.MinBy(c => c.Params.Count(p => !p.IsConditional && p.Type.Kind is TlTypeKind.Boxed or TlTypeKind.Vector or TlTypeKind.Bare))!
                    : candidates[_random.Next(candidates.Count)];
                var start = w.Length;
                w.WriteUInt32(chosen.Id);
                if (WriteFields(ref w, chosen, other.Find(chosen.Name)!, depth + 1))
                    return true;
                w.Truncate(start);
                return false;
            }
            case TlTypeKind.Object:
            case TlTypeKind.Query:
            {
                var name = t.Kind == TlTypeKind.Query ? "help.getConfig" : "inputPeerSelf";
                if (other.Find(name) is null)
                    return false;
                w.WriteUInt32(current.Find(name)!.Id);
                return true;
            }
            default:
                return false;
        }
    }

    // A small valid value of a field the other layer lacks (it is dropped there, and the comparison skips it).
    private bool WriteEmpty(ref TlWriter w, TlTypeInfo t, int depth)
    {
        if (depth > 12)
            return false;
        switch (t.Kind)
        {
            case TlTypeKind.Int: w.WriteInt32(7); return true;
            case TlTypeKind.Long or TlTypeKind.Double: w.WriteInt64(7); return true;
            case TlTypeKind.String or TlTypeKind.Bytes: w.WriteBytes([1, 2, 3]); return true;
            case TlTypeKind.Int128: w.WriteInt64(1); w.WriteInt64(2); return true;
            case TlTypeKind.Int256:
                for (var i = 0; i < 4; i++)
                    w.WriteInt64(i);
                return true;
            case TlTypeKind.Bool: w.WriteBool(true); return true;
            case TlTypeKind.Vector: w.WriteVectorHeader(0, t.IsBare); return true;
            case TlTypeKind.Boxed:
            case TlTypeKind.Bare:
            {
                var ctor = t.Kind == TlTypeKind.Bare ? current.Find(t.ConstructorId)!
                    : current.ConstructorsOf(t.Name!).MinBy(c => c.Params.Count(p => !p.IsConditional && p.Type.Kind != TlTypeKind.Flags))!;
                if (t.Kind == TlTypeKind.Boxed)
                    w.WriteUInt32(ctor.Id);
                foreach (var p in ctor.Params)
                {
                    if (p.Type.Kind == TlTypeKind.Flags)
                        w.WriteInt32(0);
                    else if (!p.IsConditional && !WriteEmpty(ref w, p.Type, depth + 1))
                        return false;
                }
                return true;
            }
            case TlTypeKind.Object:
            case TlTypeKind.Query:
                w.WriteUInt32(current.Find(t.Kind == TlTypeKind.Query ? "help.getConfig" : "inputPeerSelf")!.Id);
                return true;
            default:
                return false;
        }
    }
}
