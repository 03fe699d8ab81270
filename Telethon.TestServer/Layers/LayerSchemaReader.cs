using Telethon.Generator.Model;
using Telethon.Generator.Parsing;
using Telethon.Tl;
using Telethon.Tl.Layers;

namespace Telethon.TestServer.Layers;

/// <summary>
/// Reads another layer's API schema at run time, from Telegram's plain <c>.tl</c> text (its <c>// LAYER N</c> line
/// gives the layer) or from @mtcute/tl's api-schema.json, with the same parsers the code generator uses, and
/// turns it into the run-time metadata <see cref="TlLayerConverter"/> works from.
/// </summary>
public static class LayerSchemaReader
{
    /// <summary>Reads a file: api-schema.json when its name ends in .json, <c>.tl</c> text otherwise.</summary>
    /// <exception cref="FormatException">The file is not a schema, or a .tl file has no <c>// LAYER N</c> line.</exception>
    public static TlLayerSchema ReadFile(string path)
    {
        var text = File.ReadAllText(path);
        return path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) ? FromMtcuteJson(text, path) : FromTl(text, path);
    }

    /// <summary>Reads Telegram's <c>.tl</c> text.</summary>
    /// <exception cref="FormatException">A definition does not parse, or there is no <c>// LAYER N</c> line.</exception>
    public static TlLayerSchema FromTl(string text, string source)
    {
        var schema = TlTextParser.Parse(text);
        if (schema.Layer <= 0)
            throw new FormatException($"{source}: no '// LAYER N' line says which layer the schema is");
        return Build(schema, source);
    }

    /// <summary>Reads @mtcute/tl's api-schema.json.</summary>
    /// <exception cref="FormatException">The JSON is not in api-schema.json's shape, or names no layer.</exception>
    public static TlLayerSchema FromMtcuteJson(string json, string source)
    {
        var schema = MtcuteSchemaReader.Parse(json);
        if (schema.Layer <= 0)
            throw new FormatException($"{source}: the schema names no layer");
        return Build(schema, source);
    }

    private static TlLayerSchema Build(TlSchema schema, string source)
    {
        // The service schema (mtproto.tl) may sit in the same file: its types are the codec's, not a layer's.
        // Some published api-schema.json files add helpers that repeat a wrapper's id (invokeWithBusinessConnectionPrefix):
        // the wrapper is what that id means on the wire.
        var ids = schema.Definitions.GroupBy(d => d.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet();
        var definitions = schema.Definitions
            .Where(d => !TlTextParser.IsBuiltIn(d.Name) && !(ids.Contains(d.Id) && d.Name.EndsWith("Prefix", StringComparison.Ordinal)))
            .ToList();
        var byName = new Dictionary<string, TlDefinition>(StringComparer.Ordinal);
        var byType = new Dictionary<string, List<TlDefinition>>(StringComparer.Ordinal);
        foreach (var d in definitions)
        {
            byName.TryAdd(d.Name, d);
            if (!d.IsFunction)
            {
                if (!byType.TryGetValue(d.Result.Name, out var list))
                    byType[d.Result.Name] = list = [];
                list.Add(d);
            }
        }

        var infos = new List<TlConstructorInfo>(definitions.Count);
        foreach (var d in definitions)
        {
            var parameters = new TlParamInfo[d.Params.Count];
            for (var i = 0; i < parameters.Length; i++)
            {
                var p = d.Params[i];
                var flagIndex = p.FlagField is null ? -1 : IndexOf(d, p.FlagField, source);
                var type = p.IsFlagsField ? TlTypeInfo.Flags : TypeOf(p.Type, d, byName, byType, source);
                parameters[i] = new TlParamInfo(p.Name, type, flagIndex, p.FlagField is null ? -1 : p.FlagBit);
            }
            infos.Add(new TlConstructorInfo(d.Id, d.Name, d.IsFunction ? d.Result.ToString() : d.Result.Name, d.IsFunction, false, parameters,
                d.IsFunction ? TypeOf(d.Result, d, byName, byType, source) : null));
        }
        return new TlLayerSchema(schema.Layer, infos, source);
    }

    private static int IndexOf(TlDefinition d, string name, string source)
    {
        for (var i = 0; i < d.Params.Count; i++)
        {
            if (d.Params[i].Name == name)
                return i;
        }
        throw new FormatException($"{source}: {d.Name}: flags field '{name}' is not defined");
    }

    private static TlTypeInfo TypeOf(TlTypeRef t, TlDefinition d, Dictionary<string, TlDefinition> byName,
        Dictionary<string, List<TlDefinition>> byType, string source)
    {
        if (t.IsVector)
            return TlTypeInfo.VectorOf(TypeOf(t.Element!, d, byName, byType, source), t.IsBare);
        if (t.IsGenericParameter)
            return TlTypeInfo.Query;
        switch (t.Name)
        {
            case "int": return TlTypeInfo.Int;
            case "long":
            case "int53": return TlTypeInfo.Long;
            case "double": return TlTypeInfo.Double;
            case "string": return TlTypeInfo.String;
            case "bytes": return TlTypeInfo.Bytes;
            case "int128": return TlTypeInfo.Int128;
            case "int256": return TlTypeInfo.Int256;
            case "Bool": return TlTypeInfo.Bool;
            case "true": return TlTypeInfo.True;
            case "Object": return TlTypeInfo.Object;
        }
        if (!t.IsBare)
            return TlTypeInfo.Boxed(t.Name);
        // A bare reference names its constructor (`%Message` of a one-constructor type, or a lowercase name).
        var ctor = byName.TryGetValue(t.Name, out var named) ? named
            : byType.TryGetValue(t.Name, out var list) && list.Count == 1 ? list[0]
            : throw new FormatException($"{source}: {d.Name}: type '{t}' is not defined by the schema");
        return TlTypeInfo.BareOf(ctor.Name, ctor.Id);
    }
}
