using System.CommandLine;

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

    /// <summary>Reads the fleet's command line; null when it asked for <c>--help</c> (printed).</summary>
    /// <exception cref="ArgumentException">An option is unknown, malformed or out of range.</exception>
    public static FleetOptions? Parse(string[] args)
    {
        var accounts = new Option<int>("--accounts") { Description = "how many accounts (half users, half bots), 2..5000", DefaultValueFactory = _ => 100 };
        var duration = FleetCommandLine.Seconds("--duration", "how long the echo scenario runs, up to 3600");
        var faults = new Option<string?>("--faults") { Description = "a test-server fault file (HOCON)" };
        var sessions = new Option<string?>("--sessions") { Description = "a SQLite file for the sessions" };
        var postgres = new Option<string?>("--postgres") { Description = "a PostgreSQL connection string for the sessions" };
        var json = new Option<bool>("--json") { Description = "print only the final JSON line" };
        var root = new RootCommand("Fleet: a fleet of accounts against an embedded test server, checked against its record of every update")
        {
            accounts, duration, faults, sessions, postgres, json,
            FleetCommandLine.Mode("--crash-test", "run the crash scenario instead (see --crash-test --help)"),
        };
        if (FleetCommandLine.Parse(root, args) is not { } parsed)
            return null;
        var options = new FleetOptions(parsed.GetValue(accounts), parsed.GetValue(duration) ?? TimeSpan.FromSeconds(20), parsed.GetValue(faults),
            parsed.GetValue(json), parsed.GetValue(sessions), parsed.GetValue(postgres));
        if (options.SessionsFile is not null && options.PostgresConnectionString is not null)
            throw new ArgumentException("--sessions and --postgres choose one store: give one of them");
        if (options.Accounts is < 2 or > 5000)
            throw new ArgumentException("--accounts must be 2..5000");
        if (options.Duration <= TimeSpan.Zero || options.Duration > TimeSpan.FromHours(1))
            throw new ArgumentException("--duration must be more than 0 and at most 3600 seconds");
        return options;
    }
}
