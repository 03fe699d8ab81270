namespace Telethon.Connection;

/// <summary>The reconnect delay: exponential with "equal jitter", so that many accounts cut off at once do not come back in step.</summary>
internal static class ReconnectBackoff
{
    /// <summary>
    /// The delay before attempt <paramref name="attempt"/> (1 for the first retry): with
    /// cap = min(max, base · 2^(attempt−1)), a value in [cap/2, cap] placed by <paramref name="unit"/> (0..1).
    /// </summary>
    public static TimeSpan Delay(int attempt, TimeSpan baseDelay, TimeSpan maxDelay, double unit)
    {
        if (attempt < 1)
            attempt = 1;
        var baseMs = Math.Max(0, baseDelay.TotalMilliseconds);
        var maxMs = Math.Max(baseMs, maxDelay.TotalMilliseconds);
        var cap = Math.Min(maxMs, baseMs * Math.Pow(2, Math.Min(attempt - 1, 30)));
        var half = cap / 2;
        return TimeSpan.FromMilliseconds(half + half * Math.Clamp(unit, 0, 1));
    }
}
