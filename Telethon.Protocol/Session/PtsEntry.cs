using Update = Telethon.Tl.Abcs.Update;

namespace Telethon.Session;

/// <summary>An update waiting for its turn: <see cref="Update"/> is null for updateShortSentMessage, which only advances pts.</summary>
internal readonly record struct PendingUpdate(Update? Update, int Pts, int Count)
{
    /// <summary>The local pts this update applies on (pts - pts_count).</summary>
    public int Start => Pts - Count;
}

/// <summary>One pts (or qts) sequence: the local value and the updates held ahead of it, sorted by where they start.</summary>
internal sealed class PtsEntry(int pts)
{
    private PriorityQueue<PendingUpdate, int>? _pending;

    /// <summary>The local pts (or qts).</summary>
    public int Pts { get; set; } = pts;

    /// <summary>Whether a difference for this sequence is in flight (channels only; the account keeps its own flag).</summary>
    public bool InDifference { get; set; }

    /// <summary>Something this sequence carried was set aside while its difference was in flight: ask again when it ends
    /// (channels only; the account keeps its own flag).</summary>
    public bool DifferenceAgain { get; set; }

    /// <summary>No difference starts before this (UTC ticks): the retry time of an aborted one (channels only).</summary>
    public long DifferenceNotBefore { get; set; } = long.MinValue;

    /// <summary>How many updates are held.</summary>
    public int PendingCount => _pending?.Count ?? 0;

    /// <summary>Holds an update until the local value reaches its start.</summary>
    public void Hold(in PendingUpdate update) => (_pending ??= new()).Enqueue(update, update.Start);

    /// <summary>Applies the held updates that start at the local value, dropping those already covered, in order.</summary>
    public void Drain(ResultBuilder result)
    {
        if (_pending is null)
            return;
        while (_pending.TryPeek(out var next, out var start) && start <= Pts)
        {
            _pending.Dequeue();
            if (start == Pts)
            {
                result.Deliver(next.Update);
                Pts = next.Pts;
            }
        }
    }

    /// <summary>Drops everything held.</summary>
    public void ClearPending() => _pending?.Clear();
}
