using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;

namespace Telethon.Samples.Fleet;

/// <summary>How the fleet's three programs (the fleet, the crash scenario and its child) read their command lines with System.CommandLine.</summary>
internal static class FleetCommandLine
{
    /// <summary>
    /// Parses <paramref name="args"/>; null when they ask for <c>--help</c> (which is printed).
    /// </summary>
    /// <exception cref="ArgumentException">An option is unknown, malformed or out of range (every reason, joined).</exception>
    public static ParseResult? Parse(RootCommand root, IReadOnlyList<string> args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
            throw new ArgumentException(string.Join("; ", parsed.Errors.Select(e => e.Message)));
        if (parsed.Action is HelpAction)
        {
            parsed.Invoke();
            return null;
        }
        return parsed;
    }

    /// <summary>A number of seconds as a <see cref="TimeSpan"/>.</summary>
    public static Option<TimeSpan?> Seconds(string name, string description) => new(name)
    {
        Description = description + " (seconds)",
        HelpName = "SECONDS",
        CustomParser = result =>
        {
            var text = result.Tokens[0].Value;
            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds)
                && Math.Abs(seconds) <= TimeSpan.MaxValue.TotalSeconds)
                return TimeSpan.FromSeconds(seconds);
            result.AddError($"{name} takes a number of seconds, not '{text}'");
            return null;
        },
    };

    /// <summary>A flag that selects a mode and is otherwise ignored (<c>--crash-test</c>, <c>--crash-child</c>).</summary>
    public static Option<bool> Mode(string name, string description, bool hidden = false) =>
        new(name) { Description = description, Hidden = hidden };
}
