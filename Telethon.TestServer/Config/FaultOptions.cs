namespace Telethon.TestServer.Config;

/// <summary>
/// Which accounts a fault rule applies to: <c>*</c> (every account, and unauthorized callers per auth
/// key), a user id, a phone number (digits, optional +) or <c>@username</c>.
/// </summary>
public sealed record AccountSelector(string Text)
{
    /// <summary>Every account.</summary>
    public static AccountSelector Any { get; } = new("*");

    /// <summary>True when the selector picks <paramref name="account"/>.</summary>
    public bool Matches(AccountIdentity account)
    {
        var text = Text.Trim();
        if (text == "*")
            return true;
        if (account.UserId == 0)
            return false;
        if (text.StartsWith('@'))
            return account.Username is { } u && string.Equals(u, text[1..], StringComparison.OrdinalIgnoreCase);
        var digits = text.TrimStart('+');
        if (account.Phone is { } phone && phone == digits)
            return true;
        return long.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) && id == account.UserId;
    }
}

/// <summary>Who is calling, as far as fault rules care (UserId 0 before login).</summary>
public readonly record struct AccountIdentity(long UserId, string? Phone, string? Username);

/// <summary>
/// A rate rule: more than <see cref="MaxCalls"/> calls of <see cref="Method"/> (a TL name such as
/// <c>messages.sendMessage</c>, a namespace such as <c>upload.*</c>, or <c>*</c>) by one account within <see cref="Window"/> answer
/// 420 FLOOD_WAIT_X, X being the seconds until the oldest call of the window expires (at least 1).
/// </summary>
public sealed record FloodRule(string Method, AccountSelector Account, int MaxCalls, TimeSpan Window);

/// <summary>Connection faults (decided here, applied by the network layer).</summary>
/// <param name="DropAfterFrames">Drop each connection after this many frames (0: never).</param>
/// <param name="DropProbability">Drop a connection at each frame with this probability.</param>
public sealed record ConnectionFaultOptions(int DropAfterFrames = 0, double DropProbability = 0);

/// <summary>Answer delays (decided here, applied by the network layer).</summary>
/// <param name="Probability">The chance that an answer is delayed.</param>
/// <param name="Min">The shortest delay.</param>
/// <param name="Max">The longest delay.</param>
/// <param name="Methods">The TL names of the methods delayed; empty means all.</param>
public sealed record DelayOptions(double Probability, TimeSpan Min, TimeSpan Max, IReadOnlyList<string> Methods)
{
    /// <summary>No delays.</summary>
    public static DelayOptions None { get; } = new(0, TimeSpan.Zero, TimeSpan.Zero, []);
}

/// <summary>
/// Withholds the pushes of an account (or of one channel to that account) whose pts range meets
/// [<see cref="FromPts"/>, <see cref="ToPts"/>]. The world still logs them, so only getDifference or
/// getChannelDifference recovers them.
/// </summary>
/// <param name="Account">The receiving accounts.</param>
/// <param name="Channel">Null: the account's own pts; 0: any channel; else that channel's pts.</param>
/// <param name="FromPts">The first pts withheld.</param>
/// <param name="ToPts">The last pts withheld.</param>
public sealed record WithholdRule(AccountSelector Account, long? Channel, int FromPts, int ToPts);

/// <summary>Faults of the update pushes, applied by the world.</summary>
/// <param name="ReorderProbability">A push is held back and delivered after the next push to the same account.</param>
/// <param name="DuplicateProbability">A push is delivered twice.</param>
/// <param name="WithholdProbability">A push is never delivered (only a difference recovers it).</param>
/// <param name="Withhold">Explicit withheld pts ranges.</param>
public sealed record UpdateFaultOptions(
    double ReorderProbability, double DuplicateProbability, double WithholdProbability, IReadOnlyList<WithholdRule> Withhold)
{
    /// <summary>No update faults.</summary>
    public static UpdateFaultOptions None { get; } = new(0, 0, 0, []);
}

/// <summary>Every fault the server can inject, as parsed from HOCON (see config/testserver.md).</summary>
public sealed record FaultOptions
{
    /// <summary>The seed of every random decision: the same seed and the same sequence of calls give the same faults.</summary>
    public int Seed { get; init; }

    /// <summary>FLOOD_WAIT rate rules.</summary>
    public IReadOnlyList<FloodRule> FloodRules { get; init; } = [];

    /// <summary>Connection drops.</summary>
    public ConnectionFaultOptions Connection { get; init; } = new();

    /// <summary>Answer delays.</summary>
    public DelayOptions Delay { get; init; } = DelayOptions.None;

    /// <summary>Update push faults.</summary>
    public UpdateFaultOptions Updates { get; init; } = UpdateFaultOptions.None;

    /// <summary>How often the server salt changes (bad_server_salt for the old one after that); null: never.</summary>
    public TimeSpan? SaltRotationInterval { get; init; }

    /// <summary>The chance that a message starts a new session on the server (new_session_created).</summary>
    public double ForceNewSessionProbability { get; init; }

    /// <summary>Force a new session every this many messages of a connection (0: never).</summary>
    public int ForceNewSessionEvery { get; init; }

    /// <summary>
    /// The TL names of methods whose answers are held until a test lets them go (<see cref="FaultPlan.Release"/>):
    /// a request that stays "in the works" for exactly as long as the test wants.
    /// </summary>
    public IReadOnlyList<string> HeldMethods { get; init; } = [];

    /// <summary>No faults at all.</summary>
    public static FaultOptions None { get; } = new();
}
