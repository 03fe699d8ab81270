using Akka.Actor;
using Telethon.Session;
using Telethon.Model;

namespace Telethon.Updates;

/// <summary>How an <see cref="UpdatesActor"/> starts, where it reports, and its limits.</summary>
public sealed class UpdatesSettings
{
    /// <summary>The persisted update state, or null for an account that has none yet (it calls updates.getState).</summary>
    public MessageBoxState? State { get; init; }

    /// <summary>Whether to deliver the updates missed while offline (Telethon's <c>catch_up</c>): with a persisted
    /// <see cref="State"/>, resume from it and call updates.getDifference at once. When false the actor starts from
    /// updates.getState, and what happened while offline is not delivered.</summary>
    public bool CatchUp { get; init; }

    /// <summary>Timeouts and limits of the message box (its defaults when null).</summary>
    public MessageBoxOptions? BoxOptions { get; init; }

    /// <summary>How many events may wait for the handler chain (sent and not yet dispatched) before new ones are dropped
    /// with a warning (Telethon's <c>update_queue_limit</c>); null for no limit.</summary>
    public int? UpdateQueueLimit { get; init; }

    /// <summary>How often at most the "events are being dropped" warning is logged (5 minutes by default).</summary>
    public TimeSpan UpdateQueueWarningInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The timeout of each updates.getState, getDifference and getChannelDifference (30 s by default).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait before asking again after a request failed for another reason than FLOOD_WAIT (5 s by default).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets <see cref="UpdateStateChanged"/> and <see cref="UpdatesLost"/>; null for nobody.</summary>
    public IActorRef? StateListener { get; init; }

    /// <summary>Gets <see cref="PeersSeen"/>; null for nobody.</summary>
    public IActorRef? PeersListener { get; init; }

    /// <summary>Peers known from before (persisted): their access hashes let channel differences start at once.</summary>
    public IReadOnlyCollection<Peer> KnownPeers { get; init; } = [];
}
