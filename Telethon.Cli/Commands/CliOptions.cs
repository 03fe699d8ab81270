using System.CommandLine;
using System.CommandLine.Parsing;

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
            if (TryGetValue<int>(result, out var value) && (value < min || value > max))
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
            if (TryGetValue<double>(result, out var value) && (!(value > 0) || double.IsInfinity(value)))
                result.AddError($"{name} must be a positive number, not {value}");
        });
        return option;
    }

    /// <summary>
    /// The option's value for a range check, or false when its text is not a <typeparamref name="T"/> at all: the parser
    /// reports that error itself, and asking for the value would throw instead.
    /// </summary>
    public static bool TryGetValue<T>(OptionResult result, out T value)
    {
        ArgumentNullException.ThrowIfNull(result);
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default!;
            return false;
        }
    }
}
