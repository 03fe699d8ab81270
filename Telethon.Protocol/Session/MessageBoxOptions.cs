namespace Telethon.Session;

/// <summary>Timeouts and limits of a <see cref="MessageBox"/>.</summary>
public sealed class MessageBoxOptions
{
    /// <summary>How long an update that arrives ahead of the local pts, qts or seq is held for the missing ones
    /// before a difference is asked for (0.5 s by default).</summary>
    public TimeSpan PossibleGapTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the account may go without any updates before updates.getDifference is asked for (15 min by default).</summary>
    public TimeSpan NoUpdatesTimeout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a tracked channel may go without updates before updates.getChannelDifference is asked for it;
    /// the server's <c>timeout</c> from a channel difference replaces it for that channel's next poll.
    /// <see langword="null"/> (the default) never polls silent channels: they are fetched on gaps and
    /// updateChannelTooLong only.</summary>
    public TimeSpan? ChannelPollInterval { get; init; }

    /// <summary>The <c>limit</c> of updates.getChannelDifference (100 by default; bots may use up to 100000).</summary>
    public int ChannelDifferenceLimit { get; init; } = 100;

    /// <summary>The <c>pts_total_limit</c> of updates.getDifference; <see langword="null"/> (the default) leaves it to the server.</summary>
    public int? DifferencePtsTotalLimit { get; init; }

    /// <summary>The account's own user id: it becomes <c>from_id</c> of outgoing messages rebuilt from
    /// updateShortMessage; without it such messages have no <c>from_id</c>.</summary>
    public long? SelfUserId { get; init; }
}
