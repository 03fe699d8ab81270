using Akka.Actor;
using Akka.Configuration;
using Akka.Persistence.Journal;
using Telethon.Hosting;
using Telethon.Session;
using static Telethon.Tests.Persistence.PersistenceTestSupport;

namespace Telethon.Tests.Persistence;

/// <summary>
/// Deleting the events a snapshot made useless, on a journal whose second deletion fails: the deletion is tried again,
/// so the journal ends up trimmed to the latest snapshot rather than stuck at an older one.
/// </summary>
public sealed class SessionDeletionTests : Akka.TestKit.Xunit2.TestKit
{
    private static readonly Config Journal = ConfigurationFactory.ParseString(
        $$"""
        akka.loglevel = WARNING
        akka.persistence.journal.plugin = "akka.persistence.journal.flaky-delete"
        akka.persistence.journal.flaky-delete {
          class = "{{typeof(SecondDeletionFails).AssemblyQualifiedName}}"
          plugin-dispatcher = "akka.actor.default-dispatcher"
        }
        akka.persistence.snapshot-store.plugin = "akka.persistence.snapshot-store.inmem"
        """).WithFallback(TelethonPersistence.SerializationConfig);

    public SessionDeletionTests()
        : base(Journal, nameof(SessionDeletionTests))
    {
    }

    [Fact]
    public async Task A_failed_deletion_is_tried_again_until_the_journal_is_trimmed_to_the_latest_snapshot()
    {
        var settings = new SessionActorSettings { SnapshotEveryEvents = 10, UpdateStateFlushInterval = TimeSpan.FromMilliseconds(50) };
        var session = Sys.ActorOf(SessionActor.Props(Guid.NewGuid().ToString("N"), settings));
        for (var i = 1; i <= 25; i++)
            await session.Ask<SessionAck>(new RecordPeers([new PeerInfo(i, PeerKind.User, i)]), AskTimeout);

        var stats = await AwaitSnapshotAsync(session, 20);
        Assert.True(stats.EventsDeletedTo >= 20, stats.ToString());
        Assert.True(SecondDeletionFails.Calls >= 3, $"{SecondDeletionFails.Calls} deletions");
    }

    /// <summary>An in-memory journal whose second deletion throws.</summary>
    public sealed class SecondDeletionFails : MemoryJournal
    {
        private static int _calls;

        public static int Calls => Volatile.Read(ref _calls);

        protected override Task DeleteMessagesToAsync(string persistenceId, long toSequenceNr, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 2
                ? Task.FromException(new InvalidOperationException("the journal is busy"))
                : base.DeleteMessagesToAsync(persistenceId, toSequenceNr, cancellationToken);
    }
}
