using System.Globalization;

namespace Telethon.Samples.Fleet;

/// <summary>The command line of the fleet run.</summary>
/// <param name="Accounts">How many accounts (half users, half bots).</param>
/// <param name="Duration">How long the echo scenario runs.</param>
/// <param name="FaultsFile">A test-server fault file (HOCON), or null.</param>
/// <param name="JsonOnly">Print only the final JSON line.</param>
/// <param name="SessionsFile">A SQLite file for the sessions, or null.</param>
/// <param name="PostgresConnectionString">A PostgreSQL database for the sessions, or null (in memory when both are null).</param>
internal sealed record FleetOptions(int Accounts, TimeSpan Duration, string? FaultsFile, bool JsonOnly, string? SessionsFile = null,
    string? PostgresConnectionString = null)
{
    public const string Usage = "usage: Fleet [--accounts N] [--duration SECONDS] [--faults FILE] [--sessions FILE | --postgres CONNSTRING] [--json]\n" +
        "       Fleet --crash-test [--handler-ms MS] [--bots N] [--duration SECONDS] [--kill-after SECONDS] [--rate N] [--sessions FILE | --postgres CONNSTRING] [--json]";

    /// <summary>Which program a command line asks for: the fleet, the crash scenario, or the crash scenario's child (hidden).</summary>
    public static FleetMode ModeOf(string[] args) =>
        args.Contains("--crash-child", StringComparer.Ordinal) ? FleetMode.CrashChild
        : args.Contains("--crash-test", StringComparer.Ordinal) ? FleetMode.CrashTest
        : FleetMode.Fleet;

    public static FleetOptions Parse(string[] args)
    {
        var options = new FleetOptions(100, TimeSpan.FromSeconds(20), null, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            options = args[i] switch
            {
                "--accounts" => options with { Accounts = int.Parse(Value(), CultureInfo.InvariantCulture) },
                "--duration" => options with { Duration = TimeSpan.FromSeconds(double.Parse(Value(), CultureInfo.InvariantCulture)) },
                "--faults" => options with { FaultsFile = Value() },
                "--json" => options with { JsonOnly = true },
                "--sessions" => options with { SessionsFile = Value() },
                "--postgres" => options with { PostgresConnectionString = Value() },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'"),
            };
        }
        if (options.SessionsFile is not null && options.PostgresConnectionString is not null)
            throw new ArgumentException("--sessions and --postgres choose one store: give one of them");
        if (options.Accounts is < 2 or > 5000)
            throw new ArgumentException("--accounts must be 2..5000");
        if (options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromHours(1))
            throw new ArgumentException("--duration must be more than 0 and at most 3600 seconds");
        return options;
    }
}
