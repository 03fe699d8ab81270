using System.CommandLine;

namespace Telethon.Samples.Fleet;

/// <summary>
/// The crash scenario: bots in a child process on a durable session store receive a steady message stream, the
/// child is killed with SIGKILL part-way and started again on the same store, and every message the server
/// delivered to a bot must have been handled by one of the two runs.
/// </summary>
public sealed record CrashTestOptions
{
    /// <summary>The command line of the scenario.</summary>
    public const string Usage = "usage: Fleet --crash-test [--handler-ms MS] [--bots N] [--duration SECONDS] [--kill-after SECONDS] " +
        "[--rate MESSAGES_PER_S] [--sessions FILE | --postgres CONNSTRING] [--json] (--help lists them)";

    /// <summary>How long each message handler works (awaits) before it reports the message as handled.</summary>
    public int HandlerMs { get; init; } = 10;

    /// <summary>How many bots the child runs.</summary>
    public int Bots { get; init; } = 20;

    /// <summary>How long the message stream runs, from the moment the first child is ready.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>When the child is killed, counted from the start of the stream; half the duration when null.</summary>
    public TimeSpan? KillAfter { get; init; }

    /// <summary>
    /// Messages per second over all bots. The default (100 a second per bot with 20 bots) is about what 10 ms handlers
    /// keep up with, so events are always waiting for their handler when the kill comes.
    /// </summary>
    public int Rate { get; init; } = 2000;

    /// <summary>How many test users send the stream.</summary>
    public int Senders { get; init; } = 5;

    /// <summary>The SQLite session file; a fresh temporary file (deleted afterwards) when null and no PostgreSQL is given.</summary>
    public string? SessionsFile { get; init; }

    /// <summary>A PostgreSQL connection string for the session store, or null for SQLite.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>After the stream: the longest wait for the child to handle what is left.</summary>
    public TimeSpan CatchUpTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>After the stream: the wait ends when nothing new was handled for this long.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a child may take to sign its bots in and report ready.</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>How the child process is started; the running Fleet assembly through <c>dotnet exec</c> when null.</summary>
    public CrashChildCommand? ChildCommand { get; init; }

    /// <summary>Print only the final JSON line (the command line's <c>--json</c>).</summary>
    public bool JsonOnly { get; init; }

    /// <summary>The kill time that applies.</summary>
    public TimeSpan EffectiveKillAfter => KillAfter ?? Duration / 2;

    /// <summary>The store's name in the result.</summary>
    public string StoreName => PostgresConnectionString is null ? "sqlite" : "postgresql";

    /// <summary>Reads the command line (<c>--crash-test</c> itself is accepted and ignored); null when it asked for <c>--help</c> (printed).</summary>
    /// <exception cref="ArgumentException">An option is unknown, lacks its value, is malformed or is out of range.</exception>
    public static CrashTestOptions? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var defaults = new CrashTestOptions();
        var handlerMs = new Option<int>("--handler-ms") { Description = "how long each handler works, 0..10000 ms", DefaultValueFactory = _ => defaults.HandlerMs };
        var bots = new Option<int>("--bots") { Description = "how many bots the child runs, 1..500", DefaultValueFactory = _ => defaults.Bots };
        var duration = FleetCommandLine.Seconds("--duration", "how long the message stream runs, up to 600");
        var killAfter = FleetCommandLine.Seconds("--kill-after", "when the child is killed (default: half the duration)");
        var rate = new Option<int>("--rate") { Description = "messages per second over all bots, 1..20000", DefaultValueFactory = _ => defaults.Rate };
        var sessions = new Option<string?>("--sessions") { Description = "the SQLite session file (default: a temporary one)" };
        var postgres = new Option<string?>("--postgres") { Description = "a PostgreSQL connection string for the session store" };
        var json = new Option<bool>("--json") { Description = "print only the final JSON line" };
        var root = new RootCommand("Fleet --crash-test: bots in a child process killed with SIGKILL part-way and started again; nothing may be lost")
        {
            FleetCommandLine.Mode("--crash-test", "run the crash scenario"),
            handlerMs, bots, duration, killAfter, rate, sessions, postgres, json,
        };
        if (FleetCommandLine.Parse(root, args) is not { } parsed)
            return null;
        var options = defaults with
        {
            HandlerMs = parsed.GetValue(handlerMs),
            Bots = parsed.GetValue(bots),
            Duration = parsed.GetValue(duration) ?? defaults.Duration,
            KillAfter = parsed.GetValue(killAfter),
            Rate = parsed.GetValue(rate),
            SessionsFile = parsed.GetValue(sessions),
            PostgresConnectionString = parsed.GetValue(postgres),
            JsonOnly = parsed.GetValue(json),
        };
        options.Validate();
        return options;
    }

    /// <summary>Checks that every value is in range, so that the run is bounded in count and time.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        if (HandlerMs is < 0 or > 10_000)
            throw new ArgumentException("--handler-ms must be 0..10000");
        if (Bots is < 1 or > 500)
            throw new ArgumentException("--bots must be 1..500");
        if (Duration <= TimeSpan.Zero || Duration > TimeSpan.FromMinutes(10))
            throw new ArgumentException("--duration must be more than 0 and at most 600 seconds");
        if (EffectiveKillAfter <= TimeSpan.Zero || EffectiveKillAfter >= Duration)
            throw new ArgumentException("--kill-after must be more than 0 and less than --duration");
        if (Rate is < 1 or > 20_000)
            throw new ArgumentException("--rate must be 1..20000");
        if (Senders is < 1 or > 100)
            throw new ArgumentException("the sender count must be 1..100");
        if (SessionsFile is not null && PostgresConnectionString is not null)
            throw new ArgumentException("give --sessions or --postgres, not both");
        if (SessionsFile is "" || PostgresConnectionString is "")
            throw new ArgumentException("--sessions and --postgres need a value");
        if (CatchUpTimeout <= TimeSpan.Zero || CatchUpTimeout > TimeSpan.FromMinutes(10) || QuietPeriod <= TimeSpan.Zero || QuietPeriod > CatchUpTimeout)
            throw new ArgumentException("the catch-up timeout must be 0..600 seconds and the quiet period at most that");
        if (ReadyTimeout <= TimeSpan.Zero || ReadyTimeout > TimeSpan.FromMinutes(10))
            throw new ArgumentException("the ready timeout must be 0..600 seconds");
    }
}
