using Telethon.TestServer.World;

namespace Telethon.TestServer.Config;

/// <summary>
/// The decisions of <see cref="FaultOptions"/>: reproducible from its seed (each kind of fault draws
/// from its own generator, so enabling one does not shift the others). Thread-safe. The dispatcher
/// applies the flood rules, the world applies <see cref="Updates"/>; the network layer asks the
/// connection, delay, salt, session and hold methods.
/// </summary>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private readonly Random _connection;
    private readonly Random _delay;
    private readonly Random _session;
    private readonly Dictionary<(FloodRule Rule, long Key), Queue<DateTimeOffset>> _calls = [];
    private readonly Dictionary<string, List<Action>> _held = new(StringComparer.Ordinal);

    /// <summary>Creates the plan.</summary>
    public FaultPlan(FaultOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _connection = new Random(StreamSeed(options.Seed, 1));
        _delay = new Random(StreamSeed(options.Seed, 2));
        _session = new Random(StreamSeed(options.Seed, 3));
        Updates = new UpdateFaults(options.Updates, StreamSeed(options.Seed, 4));
        foreach (var method in options.HeldMethods)
            _held[method] = [];
    }

    /// <summary>The options.</summary>
    public FaultOptions Options { get; }

    /// <summary>
    /// The seed of one of the plan's random streams, the same in every process (HashCode.Combine is seeded per process,
    /// which made a plan's faults differ from run to run): a SplitMix64 step over the plan's seed and the stream's number.
    /// </summary>
    internal static int StreamSeed(int seed, int stream)
    {
        var z = unchecked(((ulong)(uint)seed << 32 | (uint)stream) + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (int)(z ^ (z >> 31));
    }

    /// <summary>The update push faults (give them to the world through <see cref="WorldOptions.UpdateFaults"/>).</summary>
    public UpdateFaults Updates { get; }

    /// <summary>How often the server salt rotates; null when it does not.</summary>
    public TimeSpan? SaltRotationInterval => Options.SaltRotationInterval;

    /// <summary>
    /// Counts a call of <paramref name="method"/> by <paramref name="account"/> at <paramref name="now"/> and
    /// says how many seconds the caller must wait (FLOOD_WAIT_X) when a rule is exceeded; a refused call is not counted.
    /// </summary>
    /// <param name="method">The TL name of the method.</param>
    /// <param name="account">The caller.</param>
    /// <param name="key">What the counters are kept per: the user id, or the auth key id before login.</param>
    /// <param name="now">The current time.</param>
    public int? CheckFlood(string method, AccountIdentity account, long key, DateTimeOffset now)
    {
        if (Options.FloodRules.Count == 0)
            return null;
        lock (_gate)
        {
            var matched = new List<Queue<DateTimeOffset>>();
            var wait = 0;
            foreach (var rule in Options.FloodRules)
            {
                if (!MethodMatches(rule.Method, method))
                    continue;
                if (!rule.Account.Matches(account))
                    continue;
                if (!_calls.TryGetValue((rule, key), out var calls))
                    _calls[(rule, key)] = calls = new Queue<DateTimeOffset>();
                while (calls.Count > 0 && calls.Peek() + rule.Window <= now)
                    calls.Dequeue();
                if (calls.Count >= rule.MaxCalls)
                {
                    var seconds = (int)Math.Ceiling((calls.Peek() + rule.Window - now).TotalSeconds);
                    wait = Math.Max(wait, Math.Max(1, seconds));
                }
                matched.Add(calls);
            }
            if (wait > 0)
                return wait;
            foreach (var calls in matched)
                calls.Enqueue(now);
            return null;
        }
    }

    /// <summary>Whether a flood rule's method (a TL name, <c>*</c>, or a namespace such as <c>upload.*</c>) covers <paramref name="method"/>.</summary>
    private static bool MethodMatches(string pattern, string method) =>
        pattern == "*" || string.Equals(pattern, method, StringComparison.Ordinal)
        || (pattern.EndsWith(".*", StringComparison.Ordinal) && method.StartsWith(pattern[..^1], StringComparison.Ordinal));

    /// <summary>Whether a connection that has carried <paramref name="frames"/> frames (this one included) should be dropped now.</summary>
    public bool ShouldDropConnection(long frames)
    {
        var options = Options.Connection;
        if (options.DropAfterFrames > 0 && frames >= options.DropAfterFrames)
            return true;
        if (options.DropProbability <= 0)
            return false;
        lock (_gate)
            return _connection.NextDouble() < options.DropProbability;
    }

    /// <summary>How long to delay the answer to <paramref name="method"/> (zero: not delayed).</summary>
    public TimeSpan NextDelay(string method)
    {
        var options = Options.Delay;
        if (options.Probability <= 0 || (options.Methods.Count > 0 && !options.Methods.Contains(method)))
            return TimeSpan.Zero;
        lock (_gate)
        {
            if (_delay.NextDouble() >= options.Probability)
                return TimeSpan.Zero;
            var span = options.Max - options.Min;
            return span <= TimeSpan.Zero ? options.Min : options.Min + span * _delay.NextDouble();
        }
    }

    /// <summary>
    /// Holds the answer to <paramref name="method"/> when that method is held: <paramref name="answer"/> then runs when
    /// the method is released, and this returns true. Otherwise returns false (answer now).
    /// </summary>
    public bool TryHold(string method, Action answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        lock (_held)
        {
            if (!_held.TryGetValue(method, out var waiting))
                return false;
            waiting.Add(answer);
            return true;
        }
    }

    /// <summary>How many answers to <paramref name="method"/> are held now.</summary>
    public int HeldCount(string method)
    {
        lock (_held)
            return _held.TryGetValue(method, out var waiting) ? waiting.Count : 0;
    }

    /// <summary>Holds the answers to <paramref name="method"/> from now on, until <see cref="Release"/>.</summary>
    public void Hold(string method)
    {
        lock (_held)
            _held.TryAdd(method, []);
    }

    /// <summary>
    /// Stops holding <paramref name="method"/> and sends the answers held so far, in the order their requests came,
    /// before returning (so an answer to a request made after this call comes after them). Returns how many were sent.
    /// </summary>
    public int Release(string method)
    {
        List<Action>? waiting;
        lock (_held)
        {
            if (!_held.Remove(method, out waiting))
                return 0;
        }
        foreach (var answer in waiting)
            answer();
        return waiting.Count;
    }

    /// <summary>Whether the <paramref name="messages"/>-th message of a connection should start a new server session.</summary>
    public bool ShouldForceNewSession(long messages)
    {
        if (Options.ForceNewSessionEvery > 0 && messages > 0 && messages % Options.ForceNewSessionEvery == 0)
            return true;
        if (Options.ForceNewSessionProbability <= 0)
            return false;
        lock (_gate)
            return _session.NextDouble() < Options.ForceNewSessionProbability;
    }
}

/// <summary>What happens to one update push.</summary>
public enum PushFate
{
    /// <summary>Delivered once.</summary>
    Deliver,

    /// <summary>Never delivered (the update log keeps it for differences).</summary>
    Withhold,

    /// <summary>Delivered twice.</summary>
    Duplicate,

    /// <summary>Held back and delivered after the next push to the same account.</summary>
    Reorder,
}

/// <summary>The update push faults: decided by the world (under its lock, so in a reproducible order) for each push to an account.</summary>
public sealed class UpdateFaults
{
    private readonly Random _random;
    private readonly List<WithholdRule> _withhold;

    /// <summary>Creates the faults.</summary>
    public UpdateFaults(UpdateFaultOptions options, int seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _random = new Random(seed);
        _withhold = [.. options.Withhold];
    }

    /// <summary>The options.</summary>
    public UpdateFaultOptions Options { get; }

    /// <summary>Adds a withheld range at run time.</summary>
    public void AddWithhold(WithholdRule rule)
    {
        lock (_withhold)
            _withhold.Add(rule);
    }

    /// <summary>Removes every withheld range added or configured.</summary>
    public void ClearWithhold()
    {
        lock (_withhold)
            _withhold.Clear();
    }

    /// <summary>
    /// The fate of a push to <paramref name="account"/> carrying pts (<paramref name="fromPts"/>..<paramref name="toPts"/>)
    /// of the account (<paramref name="channel"/> null) or of a channel; a push without pts has fromPts &gt; toPts.
    /// </summary>
    public PushFate Decide(AccountIdentity account, long? channel, int fromPts, int toPts)
    {
        lock (_withhold)
        {
            if (fromPts <= toPts)
            {
                foreach (var rule in _withhold)
                {
                    var channelMatches = rule.Channel is null ? channel is null : channel is { } c && (rule.Channel == 0 || rule.Channel == c);
                    if (channelMatches && rule.Account.Matches(account) && fromPts <= rule.ToPts && toPts >= rule.FromPts)
                        return PushFate.Withhold;
                }
            }
            var o = Options;
            if (o.WithholdProbability <= 0 && o.DuplicateProbability <= 0 && o.ReorderProbability <= 0)
                return PushFate.Deliver;
            var draw = _random.NextDouble();
            if (draw < o.WithholdProbability)
                return PushFate.Withhold;
            draw -= o.WithholdProbability;
            if (draw < o.DuplicateProbability)
                return PushFate.Duplicate;
            draw -= o.DuplicateProbability;
            return draw < o.ReorderProbability ? PushFate.Reorder : PushFate.Deliver;
        }
    }
}
