using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace Telethon.Generator.Parsing;

/// <summary>
/// A small JSON reader for the generator, which runs inside the compiler on netstandard2.0 where
/// System.Text.Json is not available. Objects become dictionaries, arrays lists, numbers doubles.
/// </summary>
public static class JsonLite
{
    /// <summary>Parses a JSON document.</summary>
    /// <exception cref="FormatException">The text is not valid JSON.</exception>
    public static object? Parse(string text)
    {
        var pos = 0;
        var value = ParseValue(text, ref pos);
        SkipWhitespace(text, ref pos);
        if (pos != text.Length)
            throw new FormatException($"JSON: unexpected text at {pos}");
        return value;
    }

    private static object? ParseValue(string s, ref int pos)
    {
        SkipWhitespace(s, ref pos);
        if (pos >= s.Length)
            throw new FormatException("JSON: unexpected end");
        switch (s[pos])
        {
            case '{':
            {
                pos++;
                var obj = new Dictionary<string, object?>();
                SkipWhitespace(s, ref pos);
                if (pos < s.Length && s[pos] == '}') { pos++; return obj; }
                while (true)
                {
                    SkipWhitespace(s, ref pos);
                    var key = ParseString(s, ref pos);
                    SkipWhitespace(s, ref pos);
                    Expect(s, ref pos, ':');
                    obj[key] = ParseValue(s, ref pos);
                    SkipWhitespace(s, ref pos);
                    if (pos < s.Length && s[pos] == ',') { pos++; continue; }
                    Expect(s, ref pos, '}');
                    return obj;
                }
            }
            case '[':
            {
                pos++;
                var list = new List<object?>();
                SkipWhitespace(s, ref pos);
                if (pos < s.Length && s[pos] == ']') { pos++; return list; }
                while (true)
                {
                    list.Add(ParseValue(s, ref pos));
                    SkipWhitespace(s, ref pos);
                    if (pos < s.Length && s[pos] == ',') { pos++; continue; }
                    Expect(s, ref pos, ']');
                    return list;
                }
            }
            case '"':
                return ParseString(s, ref pos);
            case 't': ExpectWord(s, ref pos, "true"); return true;
            case 'f': ExpectWord(s, ref pos, "false"); return false;
            case 'n': ExpectWord(s, ref pos, "null"); return null;
            default:
            {
                var start = pos;
                while (pos < s.Length && "+-0123456789.eE".IndexOf(s[pos]) >= 0)
                    pos++;
                if (start == pos || !double.TryParse(s.Substring(start, pos - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
                    throw new FormatException($"JSON: bad value at {start}");
                return d;
            }
        }
    }

    private static string ParseString(string s, ref int pos)
    {
        Expect(s, ref pos, '"');
        var sb = new StringBuilder();
        while (true)
        {
            if (pos >= s.Length)
                throw new FormatException("JSON: unterminated string");
            var c = s[pos++];
            if (c == '"')
                return sb.ToString();
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (pos >= s.Length)
                throw new FormatException("JSON: unterminated escape");
            var e = s[pos++];
            switch (e)
            {
                case 'n': sb.Append('\n'); break;
                case 't': sb.Append('\t'); break;
                case 'r': sb.Append('\r'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'u':
                    if (pos + 4 > s.Length)
                        throw new FormatException("JSON: bad \\u escape");
                    sb.Append((char)int.Parse(s.Substring(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                    pos += 4;
                    break;
                default: sb.Append(e); break;
            }
        }
    }

    private static void SkipWhitespace(string s, ref int pos)
    {
        while (pos < s.Length && char.IsWhiteSpace(s[pos]))
            pos++;
    }

    private static void Expect(string s, ref int pos, char c)
    {
        if (pos >= s.Length || s[pos] != c)
            throw new FormatException($"JSON: expected '{c}' at {pos}");
        pos++;
    }

    private static void ExpectWord(string s, ref int pos, string word)
    {
        if (string.CompareOrdinal(s, pos, word, 0, word.Length) != 0)
            throw new FormatException($"JSON: expected '{word}' at {pos}");
        pos += word.Length;
    }
}
