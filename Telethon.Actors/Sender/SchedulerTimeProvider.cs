using Akka.Actor;

namespace Telethon.Sender;

/// <summary>
/// The clock of an actor system's scheduler as a <see cref="TimeProvider"/>, so that what a sender computes from
/// the time (msg_ids, the clock offset the auth-key exchange measures) agrees with its Akka timers: both follow
/// <see cref="ITimeProvider.Now"/>, which is virtual under Akka's TestScheduler.
/// </summary>
/// <remarks>Only the readings come from the scheduler. Timers created through this provider are the system's; the
/// sender times everything with Akka timers instead.</remarks>
internal sealed class SchedulerTimeProvider : TimeProvider
{
    private readonly IScheduler _scheduler;

    /// <summary>Reads <paramref name="scheduler"/>.</summary>
    public SchedulerTimeProvider(IScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        _scheduler = scheduler;
    }

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _scheduler.Now.ToUniversalTime();

    /// <inheritdoc />
    public override long GetTimestamp() => _scheduler.Now.UtcTicks;
}
