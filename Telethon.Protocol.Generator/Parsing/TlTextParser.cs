using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Telethon.Generator.Model;

namespace Telethon.Generator.Parsing;

/// <summary>
/// Parses Telegram's plain <c>.tl</c> schema text (api.tl, mtproto.tl): <c>---types---</c> and
/// <c>---functions---</c> sections, <c>//</c> comments, ids written with or without leading zeros,
/// definitions without an id (the id is then the CRC-32 of the normalized definition), and the
/// <c>// LAYER N</c> marker. Primitive declarations (<c>int ? = Int;</c>, <c>vector {t:Type} # [ t ] = Vector t;</c>,
/// <c>int128 4*[ int ] = Int128;</c>) and built-ins (<c>boolFalse</c>, <c>boolTrue</c>, <c>vector</c>) are skipped.
/// </summary>
public static class TlTextParser
{
    private static readonly Regex LayerRegex = new(@"^//\s*LAYER\s+(\d+)", RegexOptions.IgnoreCase | RegexOptions.Multiline);
    private static readonly Regex TrueFlagRegex = new(@" [A-Za-z0-9_]+:[A-Za-z0-9_]+\.[0-9]+\?true");

    /// <summary>The built-in definitions the codec handles itself rather than as generated types.</summary>
    public static bool IsBuiltIn(string name) => name is "boolFalse" or "boolTrue" or "vector";

    /// <summary>Parses a whole schema file.</summary>
    /// <exception cref="FormatException">A definition does not follow the TL grammar.</exception>
    public static TlSchema Parse(string text)
    {
        var layerMatch = LayerRegex.Match(text);
        var layer = layerMatch.Success ? int.Parse(layerMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var definitions = new List<TlDefinition>();
        var isFunction = false;
        var pending = new StringBuilder();
        var lineNumber = 0;
        foreach (var rawLine in text.Split('\n'))
        {
            lineNumber++;
            var line = rawLine;
            var comment = line.IndexOf("//", StringComparison.Ordinal);
            if (comment >= 0)
                line = line.Substring(0, comment);
            line = line.Trim();
            if (line.Length == 0)
                continue;
            if (line == "---types---") { isFunction = false; continue; }
            if (line == "---functions---") { isFunction = true; continue; }
            if (line.StartsWith("---", StringComparison.Ordinal))
                continue;
            pending.Append(pending.Length > 0 ? " " : "").Append(line);
            if (!line.EndsWith(";", StringComparison.Ordinal))
                continue;
            var definitionText = pending.ToString(0, pending.Length - 1).Trim();
            pending.Clear();
            var definition = ParseDefinition(definitionText, isFunction, lineNumber);
            if (definition is not null && !IsBuiltIn(definition.Name))
                definitions.Add(definition);
        }
        if (pending.Length > 0)
            throw new FormatException($"line {lineNumber}: unterminated definition '{pending}'");
        return new TlSchema(definitions, layer, new Dictionary<string, string>());
    }

    /// <summary>
    /// Parses one definition (without the trailing semicolon). Returns null for primitive declarations
    /// that describe the TL language itself rather than a constructor.
    /// </summary>
    public static TlDefinition? ParseDefinition(string text, bool isFunction, int lineNumber = 0)
    {
        var eq = text.LastIndexOf('=');
        if (eq < 0)
            throw new FormatException($"line {lineNumber}: no '=' in '{text}'");
        var left = text.Substring(0, eq).Trim();
        var right = text.Substring(eq + 1).Trim();
        if (left.Contains("?") && !left.Contains(":") || left.Contains("[") || right.Length == 0)
            return null; // int ? = Int; vector {t:Type} # [ t ] = Vector t; int128 4*[ int ] = Int128;

        var parts = left.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
        var head = parts[0];
        string name;
        uint id = 0;
        var hasId = false;
        var hash = head.IndexOf('#');
        if (hash >= 0)
        {
            name = head.Substring(0, hash);
            if (!uint.TryParse(head.Substring(hash + 1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out id))
                throw new FormatException($"line {lineNumber}: bad constructor id in '{head}'");
            hasId = true;
        }
        else
        {
            name = head;
        }
        if (name.Length == 0)
            throw new FormatException($"line {lineNumber}: empty name in '{text}'");

        var generics = new List<string>();
        var parameters = new List<TlParam>();
        for (var i = 1; i < parts.Length; i++)
        {
            var p = parts[i];
            if (p.StartsWith("{", StringComparison.Ordinal))
            {
                // {X:Type}: a generic type parameter of a wrapper function.
                var inner = p.Trim('{', '}');
                var colon = inner.IndexOf(':');
                generics.Add(colon >= 0 ? inner.Substring(0, colon) : inner);
                continue;
            }
            var sep = p.IndexOf(':');
            if (sep <= 0)
                throw new FormatException($"line {lineNumber}: bad parameter '{p}' in '{name}'");
            var paramName = p.Substring(0, sep);
            var typeText = p.Substring(sep + 1);
            string? flagField = null;
            var flagBit = -1;
            var question = typeText.IndexOf('?');
            if (question >= 0)
            {
                var condition = typeText.Substring(0, question);
                typeText = typeText.Substring(question + 1);
                var dot = condition.IndexOf('.');
                if (dot < 0 || !int.TryParse(condition.Substring(dot + 1), NumberStyles.None, CultureInfo.InvariantCulture, out flagBit) || flagBit > 31)
                    throw new FormatException($"line {lineNumber}: bad condition '{condition}' in '{name}'");
                flagField = condition.Substring(0, dot);
            }
            parameters.Add(new TlParam(paramName, ParseType(typeText, generics, lineNumber), flagField, flagBit, null));
        }

        var result = ParseType(right, generics, lineNumber);
        var normalized = Normalize(text);
        if (!hasId)
            id = TlCrc32.Compute(normalized);
        return new TlDefinition(name, id, hasId, parameters, result, isFunction, generics, null, normalized);
    }

    /// <summary>
    /// The normalized form whose CRC-32 is the constructor id: no id, no <c>flags.N?true</c> parameters,
    /// <c>bytes</c> written as <c>string</c>, angle brackets and braces dropped, single spaces.
    /// </summary>
    public static string Normalize(string definition)
    {
        var text = Regex.Replace(definition, @"#[0-9a-fA-F]+", "");
        text = TrueFlagRegex.Replace(" " + text, "");
        text = Regex.Replace(text, @"([:?])bytes\b", "$1string");
        text = text.Replace("<", " ").Replace(">", "").Replace("{", "").Replace("}", "");
        text = Regex.Replace(text, @"\s+", " ").Trim();
        return text;
    }

    /// <summary>Parses a parameter or result type: <c>int</c>, <c>Vector&lt;long&gt;</c>, <c>vector&lt;%Message&gt;</c>, <c>!X</c>, <c>%Message</c>.</summary>
    public static TlTypeRef ParseType(string text, IReadOnlyCollection<string> generics, int lineNumber = 0)
    {
        text = text.Trim();
        if (text.StartsWith("!", StringComparison.Ordinal))
            return TlTypeRef.Generic(text.Substring(1));
        var lt = text.IndexOf('<');
        if (lt >= 0)
        {
            if (!text.EndsWith(">", StringComparison.Ordinal))
                throw new FormatException($"line {lineNumber}: bad type '{text}'");
            var outer = text.Substring(0, lt);
            var inner = ParseType(text.Substring(lt + 1, text.Length - lt - 2), generics, lineNumber);
            if (outer == "Vector") return TlTypeRef.Vector(inner, bare: false);
            if (outer == "vector") return TlTypeRef.Vector(inner, bare: true);
            throw new FormatException($"line {lineNumber}: unknown generic type '{outer}'");
        }
        var space = text.IndexOf(' ');
        if (space >= 0)
        {
            // "Vector t" in a primitive declaration, or "Vector long" in old texts.
            var outer = text.Substring(0, space);
            var inner = ParseType(text.Substring(space + 1), generics, lineNumber);
            return TlTypeRef.Vector(inner, bare: outer == "vector");
        }
        foreach (var g in generics)
            if (g == text)
                return TlTypeRef.Generic(text);
        if (text.StartsWith("%", StringComparison.Ordinal))
            return TlTypeRef.Simple(text.Substring(1), bare: true);
        var local = text.Substring(text.LastIndexOf('.') + 1);
        var bare = local.Length > 0 && char.IsLower(local[0]) && !IsPrimitiveName(text);
        return TlTypeRef.Simple(text, bare);
    }

    private static bool IsPrimitiveName(string text) =>
        text is "int" or "long" or "double" or "string" or "bytes" or "int128" or "int256" or "true" or "#" or "int53";
}
