using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Telethon.Cli.Commands;

/// <summary>Options the commands share the shape of: a number with a default and the range it must lie in.</summary>
internal static class CliOptions
{
    /// <summary>An integer option of <paramref name="name"/>, <paramref name="fallback"/> when not given, refused outside [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public static Option<int> InRange(string name, int fallback, int min, int max, string description)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (ValueOf<int>(result) is { } value && (value < min || value > max))
                result.AddError($"{name} must be from {min} to {max}, not {value}");
        });
        return option;
    }

    /// <summary>A number option of <paramref name="name"/>, <paramref name="fallback"/> when not given, refused unless positive.</summary>
    public static Option<double> Positive(string name, double fallback, string description)
    {
        var option = new Option<double>(name) { Description = description, DefaultValueFactory = _ => fallback };
        option.Validators.Add(result =>
        {
            if (ValueOf<double>(result) is { } value && (!(value > 0) || double.IsInfinity(value)))
                result.AddError($"{name} must be a positive number, not {value}");
        });
        return option;
    }

    /// <summary>
    /// The option's value for a range check, read from its text; null when the text is no <typeparamref name="T"/> (the
    /// parser reports that itself).
    /// </summary>
    public static T? ValueOf<T>(OptionResult result)
        where T : struct, IParsable<T>
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Tokens.Count == 1 && T.TryParse(result.Tokens[0].Value, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
