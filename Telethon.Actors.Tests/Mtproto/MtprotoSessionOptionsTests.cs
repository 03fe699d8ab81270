using Akka.TestKit;
using Telethon.Mtproto;
using Telethon.Sender;
using Telethon.Tests.Crypto;

namespace Telethon.Tests.Mtproto;

public sealed class MtprotoSessionOptionsTests
{
    [Fact]
    public void WithTimeChangesTheClockAndCopiesEverythingElse()
    {
        var options = new MtprotoSessionOptions
        {
            Random = new SeededRandom(1),
            CompressionThreshold = 1,
            MaxContainerMessages = 2,
            MaxContainerBytes = 3,
            MaxBodySize = 4,
            MaxIncomingSize = 5,
            MaxMsgIdAge = TimeSpan.FromSeconds(6),
            MaxMsgIdLead = TimeSpan.FromSeconds(7),
            ReplayWindowSize = 8,
            RequestMissedAnswers = false,
            SaltLifetime = TimeSpan.FromSeconds(9),
            SaltGracePeriod = TimeSpan.FromSeconds(10),
        };
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var copy = options.WithTime(clock);
        Assert.Same(clock, copy.Time);
        // Every other setting, including any added later, comes along.
        foreach (var property in typeof(MtprotoSessionOptions).GetProperties())
        {
            if (property.Name != nameof(MtprotoSessionOptions.Time))
                Assert.Equal(property.GetValue(options), property.GetValue(copy));
        }
    }

    [Fact]
    public void TheSchedulerClockReadsTheSchedulersVirtualTime()
    {
        var scheduler = new TestScheduler(Akka.Configuration.Config.Empty, null!);
        var clock = new SchedulerTimeProvider(scheduler);
        var start = clock.GetUtcNow();
        Assert.Equal(scheduler.Now, start);
        Assert.Equal(TimeSpan.Zero, start.Offset);
        scheduler.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(start + TimeSpan.FromMinutes(5), clock.GetUtcNow());
        Assert.Equal(TimeSpan.FromMinutes(5), clock.GetElapsedTime(start.UtcTicks, clock.GetTimestamp()));
        var ids = new MessageIdGenerator(clock);
        Assert.Equal(clock.GetUtcNow().ToUnixTimeSeconds(), ids.NextClientId() >> 32);
    }
}
