using System.Text.Json;

namespace Telethon.Samples.Fleet;

/// <summary>What one crash run measured.</summary>
public sealed record CrashTestResult
{
    /// <summary>New messages the server delivered to the bots (ground truth, by bot and message id).</summary>
    public int Truth { get; init; }

    /// <summary>Distinct (bot, message) pairs the handlers finished, over every child run.</summary>
    public int Handled { get; init; }

    /// <summary>Delivered messages no handler finished: <see cref="Truth"/> minus the handled ones.</summary>
    public int Lost { get; init; }

    /// <summary>Handled lines beyond the first for the same (bot, message).</summary>
    public int Duplicated { get; init; }

    /// <summary>How many times the child was killed and started again.</summary>
    public int Restarts { get; init; }

    /// <summary>How many bots the child ran.</summary>
    public int Bots { get; init; }

    /// <summary>How long each handler worked.</summary>
    public int HandlerMs { get; init; }

    /// <summary>The session store: <c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Store { get; init; } = "";

    /// <summary>How long the stream ran, in seconds.</summary>
    public double DurationSeconds { get; init; }

    /// <summary>When the child was killed, in seconds after the stream started.</summary>
    public double KillAfterSeconds { get; init; }

    /// <summary>Messages the stream sent.</summary>
    public long Sent { get; init; }

    /// <summary>Messages the world refused.</summary>
    public long SendFailures { get; init; }

    /// <summary>Distinct pairs handled by the first child (before the kill).</summary>
    public int HandledFirstRun { get; init; }

    /// <summary>Distinct pairs handled by the restarted child.</summary>
    public int HandledAfterRestart { get; init; }

    /// <summary>Lost messages delivered before the kill.</summary>
    public int LostBeforeKill { get; init; }

    /// <summary>Lost messages delivered while no child was ready (between the kill and the restarted child's ready line).</summary>
    public int LostWhileDown { get; init; }

    /// <summary>Lost messages delivered after the restarted child was ready.</summary>
    public int LostAfterRestart { get; init; }

    /// <summary>Handled pairs the server never delivered (should be 0).</summary>
    public int Unexpected { get; init; }

    /// <summary>The most duplicates one bot saw: the runtime bounds this per account (see the README's delivery contract).</summary>
    public int MaxDuplicatedPerBot { get; init; }

    /// <summary>Bots whose session was still signed in when the child started again.</summary>
    public int ResumedSessions { get; init; }

    /// <summary>Seconds from the end of the stream until the handlers were done (or the wait gave up).</summary>
    public double CatchUpSeconds { get; init; }

    /// <summary>Whether the last child exited by itself when asked to stop.</summary>
    public bool CleanExit { get; init; }

    /// <summary>The one-line JSON summary (snake_case; the first five fields are the headline).</summary>
    public string ToJson() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["truth"] = Truth,
        ["handled"] = Handled,
        ["lost"] = Lost,
        ["duplicated"] = Duplicated,
        ["restarts"] = Restarts,
        ["max_duplicated_per_bot"] = MaxDuplicatedPerBot,
        ["bots"] = Bots,
        ["handler_ms"] = HandlerMs,
        ["store"] = Store,
        ["duration_s"] = Math.Round(DurationSeconds, 1),
        ["kill_after_s"] = Math.Round(KillAfterSeconds, 1),
        ["sent"] = Sent,
        ["send_failures"] = SendFailures,
        ["handled_first_run"] = HandledFirstRun,
        ["handled_after_restart"] = HandledAfterRestart,
        ["lost_before_kill"] = LostBeforeKill,
        ["lost_while_down"] = LostWhileDown,
        ["lost_after_restart"] = LostAfterRestart,
        ["unexpected"] = Unexpected,
        ["resumed_sessions"] = ResumedSessions,
        ["catch_up_s"] = Math.Round(CatchUpSeconds, 1),
        ["clean_exit"] = CleanExit,
    });
}
