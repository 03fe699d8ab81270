namespace Telethon.Mtproto;

/// <summary>
/// The most recent incoming msg_ids, to refuse duplicates. When full, ids older than the oldest one
/// remembered cannot be checked and count as replays.
/// </summary>
internal sealed class ReplayWindow(int capacity)
{
    private readonly HashSet<long> _ids = new(Math.Min(capacity, 1024));
    private readonly Queue<long> _order = new();
    private long _forgottenBelow = long.MinValue;

    public int Count => _ids.Count;

    public bool Contains(long msgId) => _ids.Contains(msgId);

    /// <summary>True when the id is older than anything the window can still vouch for.</summary>
    public bool IsTooOld(long msgId) => msgId <= _forgottenBelow;

    public bool Add(long msgId)
    {
        if (!_ids.Add(msgId))
            return false;
        _order.Enqueue(msgId);
        while (_order.Count > capacity)
        {
            var old = _order.Dequeue();
            _ids.Remove(old);
            if (old > _forgottenBelow)
                _forgottenBelow = old;
        }
        return true;
    }

    public void Clear()
    {
        _ids.Clear();
        _order.Clear();
        _forgottenBelow = long.MinValue;
    }
}
