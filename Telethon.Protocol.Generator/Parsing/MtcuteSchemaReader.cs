using System;
using System.Collections.Generic;
using Telethon.Generator.Model;

namespace Telethon.Generator.Parsing;

/// <summary>
/// Reads the JSON schema of the npm package @mtcute/tl (api-schema.json): entries of kind class or
/// method with TL names, ids, arguments (with <c>typeModifiers</c> for conditions and vectors) and
/// descriptions. Its <c>int53</c> is an 8-byte long on the wire.
/// </summary>
public static class MtcuteSchemaReader
{
    /// <summary>Parses api-schema.json text.</summary>
    /// <exception cref="FormatException">The JSON is not in the expected shape.</exception>
    public static TlSchema Parse(string json)
    {
        if (JsonLite.Parse(json) is not Dictionary<string, object?> root)
            throw new FormatException("api-schema.json: the root is not an object");
        var layer = root.TryGetValue("l", out var l) && l is double d ? (int)d : 0;
        var definitions = new List<TlDefinition>();
        if (!root.TryGetValue("e", out var entries) || entries is not List<object?> list)
            throw new FormatException("api-schema.json: no entry list 'e'");
        foreach (var item in list)
        {
            if (item is not Dictionary<string, object?> e)
                throw new FormatException("api-schema.json: an entry is not an object");
            definitions.Add(ReadEntry(e));
        }
        var typeComments = new Dictionary<string, string>();
        if (root.TryGetValue("u", out var unions) && unions is Dictionary<string, object?> u)
        {
            foreach (var pair in u)
                if (pair.Value is string comment)
                    typeComments[pair.Key] = comment;
        }
        return new TlSchema(definitions, layer, typeComments);
    }

    private static TlDefinition ReadEntry(Dictionary<string, object?> e)
    {
        var name = Str(e, "name");
        var isFunction = Str(e, "kind") == "method";
        var id = e.TryGetValue("id", out var idValue) && idValue is double idNumber
            ? (uint)idNumber
            : throw new FormatException($"api-schema.json: {name} has no id");
        var generics = new List<string>();
        if (e.TryGetValue("generics", out var g) && g is List<object?> gl)
            foreach (var gi in gl)
                if (gi is Dictionary<string, object?> gd)
                    generics.Add(Str(gd, "name"));

        var parameters = new List<TlParam>();
        if (e.TryGetValue("arguments", out var a) && a is List<object?> args)
        {
            foreach (var argItem in args)
            {
                if (argItem is not Dictionary<string, object?> arg)
                    throw new FormatException($"api-schema.json: bad argument in {name}");
                var argName = Str(arg, "name");
                var type = ToTypeRef(Str(arg, "type"), generics);
                string? flagField = null;
                var flagBit = -1;
                if (arg.TryGetValue("typeModifiers", out var m) && m is Dictionary<string, object?> mods)
                {
                    if (mods.TryGetValue("isVector", out var v) && v is true)
                        type = TlTypeRef.Vector(type, bare: mods.TryGetValue("isBareVector", out var bv) && bv is true);
                    if (mods.TryGetValue("predicate", out var p) && p is string predicate)
                    {
                        var dot = predicate.IndexOf('.');
                        if (dot < 0 || !int.TryParse(predicate.Substring(dot + 1), out flagBit))
                            throw new FormatException($"api-schema.json: bad predicate '{predicate}' in {name}");
                        flagField = predicate.Substring(0, dot);
                    }
                }
                parameters.Add(new TlParam(argName, type, flagField, flagBit, arg.TryGetValue("comment", out var c) ? c as string : null));
            }
        }

        var result = ToTypeRef(Str(e, "type"), generics);
        if (e.TryGetValue("typeModifiers", out var rm) && rm is Dictionary<string, object?> resultMods
            && resultMods.TryGetValue("isVector", out var rv) && rv is true)
            result = TlTypeRef.Vector(result, bare: false);
        return new TlDefinition(name, id, true, parameters, result, isFunction, generics,
            e.TryGetValue("comment", out var comment) ? comment as string : null, null);
    }

    private static TlTypeRef ToTypeRef(string type, List<string> generics)
    {
        if (type == "int53")
            return TlTypeRef.Simple("long");
        return TlTextParser.ParseType(type, generics);
    }

    private static string Str(Dictionary<string, object?> e, string key) =>
        e.TryGetValue(key, out var v) && v is string s ? s : throw new FormatException($"api-schema.json: missing '{key}'");
}
