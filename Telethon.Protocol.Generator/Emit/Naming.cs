using System.Text;
using System.Text.RegularExpressions;

namespace Telethon.Generator.Emit;

/// <summary>TL names to C# names, and schema descriptions to XML doc text.</summary>
public static class Naming
{
    private static readonly Regex Tags = new("<[^>]+>");

    /// <summary>
    /// PascalCase of a TL identifier: underscores split words, existing capitals are kept
    /// (<c>p_q_inner_data_dc</c> → <c>PQInnerDataDc</c>, <c>resPQ</c> → <c>ResPQ</c>).
    /// </summary>
    public static string Pascal(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name)
        {
            if (c == '_' || c == '.' || c == ' ' || c == '-')
            {
                upper = true;
                continue;
            }
            if (!char.IsLetterOrDigit(c))
                continue;
            sb.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }
        if (sb.Length == 0 || char.IsDigit(sb[0]))
            sb.Insert(0, 'N');
        return sb.ToString();
    }

    /// <summary>PascalCase of an UPPER_SNAKE error name (<c>FLOOD_WAIT_%d</c> → <c>FloodWait</c>).</summary>
    public static string PascalFromUpper(string name)
    {
        var sb = new StringBuilder(name.Length);
        var upper = true;
        foreach (var c in name.Replace("%d", "_"))
        {
            if (!char.IsLetterOrDigit(c))
            {
                upper = true;
                continue;
            }
            sb.Append(upper ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c));
            upper = false;
        }
        if (sb.Length == 0 || char.IsDigit(sb[0]))
            sb.Insert(0, 'N');
        return sb.ToString();
    }

    /// <summary>Schema description (which holds HTML) as safe XML doc text on one line.</summary>
    public static string Doc(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return "";
        var plain = Tags.Replace(text!, "");
        plain = plain.Replace("&lt;", "<").Replace("&gt;", ">").Replace("&quot;", "\"").Replace("&#39;", "'").Replace("&amp;", "&");
        plain = Regex.Replace(plain, @"\s+", " ").Trim();
        return Xml(plain);
    }

    /// <summary>XML-escapes text.</summary>
    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>A C# string literal.</summary>
    public static string Literal(string text)
    {
        var sb = new StringBuilder(text.Length + 2).Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < ' ')
                        sb.Append("\\u").Append(((int)c).ToString("x4"));
                    else
                        sb.Append(c);
                    break;
            }
        }
        return sb.Append('"').ToString();
    }
}
