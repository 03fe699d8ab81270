namespace Telethon.Session;

/// <summary>What a <see cref="SessionActor"/> did since it started (for tests, metrics and diagnostics).</summary>
/// <param name="RecoveredFromSnapshot">Whether recovery started from a snapshot.</param>
/// <param name="RecoverySnapshotSequenceNr">The sequence number of that snapshot (0 without one).</param>
/// <param name="EventsReplayed">How many journal events recovery replayed after the snapshot.</param>
/// <param name="LastSequenceNr">The journal sequence number now.</param>
/// <param name="LastSnapshotSequenceNr">The sequence number of the latest snapshot saved or recovered (0 without one).</param>
/// <param name="EventsDeletedTo">The journal confirmed deleting the events up to this sequence number (after a snapshot; 0 before).</param>
/// <param name="EventsPersisted">Events written (and confirmed) since recovery.</param>
/// <param name="Writes">Journal writes started since recovery (one write may carry several events).</param>
/// <param name="UpdateStateCommands">Update-state and channel-pts commands received since recovery.</param>
/// <param name="SnapshotsSaved">Snapshots saved since recovery.</param>
internal sealed record SessionStats(
    bool RecoveredFromSnapshot,
    long RecoverySnapshotSequenceNr,
    long EventsReplayed,
    long LastSequenceNr,
    long LastSnapshotSequenceNr,
    long EventsDeletedTo,
    long EventsPersisted,
    long Writes,
    long UpdateStateCommands,
    long SnapshotsSaved);
