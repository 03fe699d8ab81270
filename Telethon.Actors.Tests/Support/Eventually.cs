using System.Diagnostics;

namespace Telethon.Tests.Support;

/// <summary>
/// The one polling helper of the suite, for conditions another thread or process makes true (a handler ran, a
/// connection closed). The timeout only keeps a broken test from hanging: it is generous on purpose and never a
/// claim about speed, so a loaded machine does not fail a correct test. Prefer a message or a task to await where
/// there is one; poll only what has no signal.
/// </summary>
public static class Eventually
{
    /// <summary>How long a condition may take before the test fails: long enough for a loaded 2-core machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Waits until <paramref name="condition"/> holds; fails the test naming <paramref name="what"/> otherwise.</summary>
    /// <param name="condition">Checked every few milliseconds.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="timeout">At most this long; <see cref="DefaultTimeout"/> when null.</param>
    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            if (watch.Elapsed > limit)
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until the asynchronous <paramref name="condition"/> holds (an Ask, say); fails the test otherwise.</summary>
    /// <param name="condition">Checked every few milliseconds, one check at a time.</param>
    /// <param name="what">What is awaited, for the failure message.</param>
    /// <param name="timeout">At most this long; <see cref="DefaultTimeout"/> when null.</param>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (watch.Elapsed > limit)
                Assert.Fail($"Timed out after {limit.TotalSeconds:0} s waiting for {what}.");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits until <paramref name="assertion"/> stops throwing; rethrows its last failure after the timeout.</summary>
    /// <param name="assertion">Assertions, run every few milliseconds.</param>
    /// <param name="timeout">At most this long; <see cref="DefaultTimeout"/> when null.</param>
    public static async Task AssertAsync(Action assertion, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        var limit = timeout ?? DefaultTimeout;
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (watch.Elapsed <= limit)
            {
                await Task.Delay(10);
            }
        }
    }
}
