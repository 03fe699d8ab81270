using Telethon.Connection;

namespace Telethon.Tests.Connection;

public sealed class ReconnectBackoffTests
{
    [Theory]
    [InlineData(1, 100, 50, 100)]
    [InlineData(2, 100, 100, 200)]
    [InlineData(3, 100, 200, 400)]
    [InlineData(10, 100, 1000, 2000)]
    [InlineData(1000, 100, 1000, 2000)]
    public void DelayDoublesWithinEqualJitterUpToTheMaximum(int attempt, int baseMs, int lowMs, int highMs)
    {
        var low = ReconnectBackoff.Delay(attempt, TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromSeconds(2), 0);
        var high = ReconnectBackoff.Delay(attempt, TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromSeconds(2), 1);
        var middle = ReconnectBackoff.Delay(attempt, TimeSpan.FromMilliseconds(baseMs), TimeSpan.FromSeconds(2), 0.5);
        Assert.Equal(lowMs, low.TotalMilliseconds, 3);
        Assert.Equal(highMs, high.TotalMilliseconds, 3);
        Assert.InRange(middle, low, high);
    }

    [Fact]
    public void OutOfRangeInputsAreClamped()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(100), ReconnectBackoff.Delay(0, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(1), 7));
        Assert.Equal(TimeSpan.Zero, ReconnectBackoff.Delay(3, TimeSpan.Zero, TimeSpan.FromSeconds(1), 1));
    }
}
