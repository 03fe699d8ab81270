using Telethon.Model;
using Telethon.Session;

namespace Telethon.Updates;

/// <summary>How an <see cref="UpdatesActor"/> starts, and its limits.</summary>
internal sealed class UpdatesSettings
{
    /// <summary>The handled watermark to resume from, or null for an account that has none yet (it calls updates.getState).</summary>
    public MessageBoxState? State { get; init; }

    /// <summary>Whether to deliver what happened while offline: with a <see cref="State"/>, resume from it and call
    /// updates.getDifference at once. When false the actor starts from updates.getState (Telethon's <c>catch_up=False</c>).
    /// A rebuilt updates actor always catches up.</summary>
    public bool CatchUp { get; init; }

    /// <summary>The session key of the account (events find its client by it).</summary>
    public string SessionKey { get; init; } = "";

    /// <summary>The signed-in account (events know who "self" is).</summary>
    public long SelfId { get; init; }

    /// <summary>The signed-in account's username, if any.</summary>
    public string? SelfUsername { get; init; }

    /// <summary>Timeouts and limits of the message box (its defaults when null).</summary>
    public MessageBoxOptions? BoxOptions { get; init; }

    /// <summary>How many events may wait for the handler chain before the actor stops taking pushed updates (they are
    /// fetched again through getDifference when half the queue is done); null for no limit.</summary>
    public int? UpdateQueueLimit { get; init; }

    /// <summary>How often at most the "handler queue is full" warning is logged.</summary>
    public TimeSpan UpdateQueueWarningInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The timeout of each updates.getState, getDifference and getChannelDifference.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The timeout of the requests handlers make through their events (<c>ClientOptions.RequestTimeout</c>).</summary>
    public TimeSpan EventRequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How long to wait before asking again after a request failed for another reason than FLOOD_WAIT.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Peers known from before (persisted): their access hashes let channel differences start at once.</summary>
    public IReadOnlyCollection<Peer> KnownPeers { get; init; } = [];
}
