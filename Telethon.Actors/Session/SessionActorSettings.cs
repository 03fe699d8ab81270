using Akka.Configuration;

namespace Telethon.Session;

/// <summary>How a <see cref="SessionActor"/> coalesces, snapshots, and which persistence plugins it uses.</summary>
public sealed record SessionActorSettings
{
    /// <summary>The defaults: flush update state every second or every 100 updates, snapshot every 500 events.</summary>
    public static SessionActorSettings Default { get; } = new();

    /// <summary>The longest time update state stays in memory only.</summary>
    public TimeSpan UpdateStateFlushInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How many update-state and channel-pts commands trigger a write before the interval ends.</summary>
    public int UpdateStateFlushCount { get; init; } = 100;

    /// <summary>Events between snapshots; after a snapshot the older events and snapshots are deleted. 0 disables snapshots.</summary>
    public int SnapshotEveryEvents { get; init; } = 500;

    /// <summary>The journal plugin id, or null for <c>akka.persistence.journal.plugin</c>.</summary>
    public string? JournalPluginId { get; init; }

    /// <summary>The snapshot-store plugin id, or null for <c>akka.persistence.snapshot-store.plugin</c>.</summary>
    public string? SnapshotPluginId { get; init; }

    /// <summary>
    /// Reads the settings from a HOCON section (for example <c>telethon.session</c>) with the keys
    /// <c>flush-interval</c>, <c>flush-every-updates</c>, <c>snapshot-every-events</c>, <c>journal-plugin</c>
    /// and <c>snapshot-plugin</c>; missing keys keep the defaults.
    /// </summary>
    /// <param name="section">The section, or null for the defaults.</param>
    public static SessionActorSettings FromConfig(Config? section)
    {
        if (section is null || section.IsEmpty)
            return Default;
        var journal = section.GetString("journal-plugin", null);
        var snapshots = section.GetString("snapshot-plugin", null);
        var settings = new SessionActorSettings
        {
            UpdateStateFlushInterval = section.GetTimeSpan("flush-interval", Default.UpdateStateFlushInterval),
            UpdateStateFlushCount = section.GetInt("flush-every-updates", Default.UpdateStateFlushCount),
            SnapshotEveryEvents = section.GetInt("snapshot-every-events", Default.SnapshotEveryEvents),
            JournalPluginId = string.IsNullOrEmpty(journal) ? null : journal,
            SnapshotPluginId = string.IsNullOrEmpty(snapshots) ? null : snapshots,
        };
        settings.Validate();
        return settings;
    }

    /// <summary>Throws when a value is out of range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The interval is not positive, the count is below 1 or the snapshot interval is negative.</exception>
    public void Validate()
    {
        if (UpdateStateFlushInterval <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(UpdateStateFlushInterval), UpdateStateFlushInterval, "The flush interval must be positive.");
        if (UpdateStateFlushCount < 1)
            throw new ArgumentOutOfRangeException(nameof(UpdateStateFlushCount), UpdateStateFlushCount, "The flush count must be at least 1.");
        if (SnapshotEveryEvents < 0)
            throw new ArgumentOutOfRangeException(nameof(SnapshotEveryEvents), SnapshotEveryEvents, "The snapshot interval must not be negative.");
    }
}
