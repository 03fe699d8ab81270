using System;
using System.Collections.Generic;
using Telethon.Generator.Model;

namespace Telethon.Generator.Parsing;

/// <summary>Reads raw-errors.json of @mtcute/tl: error name patterns (FLOOD_WAIT_X), codes and descriptions.</summary>
public static class ErrorsReader
{
    /// <summary>Parses raw-errors.json text, sorted by name.</summary>
    /// <exception cref="FormatException">The JSON is not in the expected shape.</exception>
    public static IReadOnlyList<TlErrorInfo> Parse(string json)
    {
        if (JsonLite.Parse(json) is not Dictionary<string, object?> root || !root.TryGetValue("errors", out var e)
            || e is not Dictionary<string, object?> errors)
            throw new FormatException("raw-errors.json: no 'errors' object");
        var list = new List<TlErrorInfo>();
        foreach (var pair in errors)
        {
            if (pair.Value is not Dictionary<string, object?> info)
                continue;
            var code = info.TryGetValue("code", out var c) && c is double d ? (int)d : 400;
            list.Add(new TlErrorInfo(pair.Key, code, info.TryGetValue("description", out var desc) ? desc as string : null));
        }
        list.Sort((x, y) => string.CompareOrdinal(x.Name, y.Name));
        return list;
    }
}
