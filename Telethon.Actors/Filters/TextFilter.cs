using System.Text.RegularExpressions;
using Telethon.Events;

namespace Telethon.Filters;

/// <summary>Passes when the event's text (the caption of media included) contains a match of a regular expression.
/// The pattern is searched anywhere in the text; events without text never pass.</summary>
public sealed class TextFilter : Filter
{
    /// <summary>Creates the filter from a pattern (culture-invariant, case-sensitive unless the pattern says otherwise).</summary>
    /// <param name="pattern">The regular expression.</param>
    public TextFilter(string pattern)
        : this(new Regex(pattern ?? throw new ArgumentNullException(nameof(pattern)), RegexOptions.CultureInvariant))
    {
    }

    /// <summary>Creates the filter from a regular expression.</summary>
    /// <param name="regex">The regular expression.</param>
    public TextFilter(Regex regex)
    {
        ArgumentNullException.ThrowIfNull(regex);
        Regex = regex;
    }

    /// <summary>The regular expression searched for.</summary>
    public Regex Regex { get; }

    /// <inheritdoc />
    public override bool Matches(Event e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Text is { } text && Regex.IsMatch(text);
    }

    /// <inheritdoc />
    public override string ToString() => $"Text({Regex})";
}
