namespace Telethon.Session;

/// <summary>Why a deadline exists.</summary>
internal enum DeadlineKind : byte
{
    /// <summary>Updates are held ahead of a gap (or a failed difference waits for its retry).</summary>
    Gap,

    /// <summary>Nothing arrived for a while.</summary>
    Silence,
}

/// <summary>At most one deadline per (key, kind), sorted by time: O(log n) to set, clear and pop.</summary>
internal sealed class DeadlineQueue
{
    private readonly SortedSet<(long Ticks, long Key, DeadlineKind Kind)> _byTime = [];
    private readonly Dictionary<(long Key, DeadlineKind Kind), long> _current = [];

    /// <summary>The earliest deadline in UTC ticks, or null.</summary>
    public long? Earliest => _byTime.Count == 0 ? null : _byTime.Min.Ticks;

    /// <summary>Whether the key has a deadline of this kind.</summary>
    public bool Contains(long key, DeadlineKind kind) => _current.ContainsKey((key, kind));

    /// <summary>Sets (or moves) the deadline.</summary>
    public void Set(long key, DeadlineKind kind, long ticks)
    {
        if (_current.TryGetValue((key, kind), out var old))
        {
            if (old == ticks)
                return;
            _byTime.Remove((old, key, kind));
        }
        _current[(key, kind)] = ticks;
        _byTime.Add((ticks, key, kind));
    }

    /// <summary>Sets the deadline unless the key already has one of this kind.</summary>
    public void SetIfAbsent(long key, DeadlineKind kind, long ticks)
    {
        if (!_current.ContainsKey((key, kind)))
            Set(key, kind, ticks);
    }

    /// <summary>Clears the deadline if there is one.</summary>
    public void Clear(long key, DeadlineKind kind)
    {
        if (_current.Remove((key, kind), out var old))
            _byTime.Remove((old, key, kind));
    }

    /// <summary>Removes and returns the earliest deadline at or before <paramref name="now"/>.</summary>
    public bool TryPopDue(long now, out long key, out DeadlineKind kind)
    {
        if (_byTime.Count > 0 && _byTime.Min is var min && min.Ticks <= now)
        {
            _byTime.Remove(min);
            _current.Remove((min.Key, min.Kind));
            (key, kind) = (min.Key, min.Kind);
            return true;
        }
        (key, kind) = (0, default);
        return false;
    }

    /// <summary>Removes every deadline.</summary>
    public void ClearAll()
    {
        _byTime.Clear();
        _current.Clear();
    }
}
