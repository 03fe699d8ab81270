namespace Telethon.TestServer.World;

/// <summary>
/// The lock of one world service. A thread enters it only while it holds no lock further down the
/// <see cref="LockRank"/> order, unless it holds this one already (entering it again never waits): then
/// no two threads can wait on each other, and a call that breaks the order throws at once instead of
/// deadlocking some day. When a
/// thread lets go of its last world lock, <paramref name="afterLastRelease"/> runs (the world delivers
/// the pushes queued meanwhile, outside every lock).
/// </summary>
/// <remarks>
/// Which locks a thread holds is one bit per rank in a thread-static word; the recursion depth is a
/// field, written only by the thread that holds the lock.
/// </remarks>
internal sealed class ServiceLock(LockRank rank, Action afterLastRelease)
{
    [ThreadStatic]
    private static ulong t_held;

    private readonly Lock _lock = new();
    private readonly ulong _bit = 1UL << (int)rank;
    private readonly ulong _further = ~((2UL << (int)rank) - 1);
    private int _depth;

    /// <summary>The rank of the service.</summary>
    public LockRank Rank { get; } = rank;

    /// <summary>Enters the lock; dispose the result to leave it.</summary>
    /// <exception cref="InvalidOperationException">The thread holds a lock further down the order.</exception>
    public Scope Enter()
    {
        if ((t_held & _further) != 0 && !_lock.IsHeldByCurrentThread)
            throw new InvalidOperationException($"World lock order broken: {Rank} entered while holding a lock further down ({Describe(t_held & _further)}).");
        _lock.Enter();
        if (_depth++ == 0)
            t_held |= _bit;
        return new Scope(this);
    }

    /// <summary>Throws unless the calling thread holds the lock (for state only touched under it).</summary>
    public void EnsureHeld()
    {
        if (!_lock.IsHeldByCurrentThread)
            throw new InvalidOperationException($"The {Rank} lock is not held.");
    }

    private void Exit()
    {
        if (--_depth == 0)
            t_held &= ~_bit;
        _lock.Exit();
        if (t_held == 0)
            afterLastRelease();
    }

    private static string Describe(ulong bits) =>
        string.Join(", ", Enum.GetValues<LockRank>().Where(r => (bits & (1UL << (int)r)) != 0));

    /// <summary>Holds the lock until disposed.</summary>
    public readonly ref struct Scope
    {
        private readonly ServiceLock? _owner;

        internal Scope(ServiceLock owner) => _owner = owner;

        /// <summary>Leaves the lock.</summary>
        public void Dispose() => _owner?.Exit();
    }
}
