using System.Diagnostics.Metrics;

namespace Telethon.Diagnostics;

/// <summary>
/// The runtime's counters, on the meter <see cref="MeterName"/> (read them with a <see cref="MeterListener"/>,
/// OpenTelemetry or <c>dotnet-counters</c>).
/// </summary>
internal static class TelethonMetrics
{
    /// <summary>The name of the runtime's meter.</summary>
    public const string MeterName = "Telethon.Actors";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Update sequences Telegram declared gone (differenceTooLong, channelDifferenceTooLong): one per declaration.</summary>
    public static readonly Counter<long> UpdatesLost = Meter.CreateCounter<long>("telethon.updates.lost", description:
        "Gaps in the update sequence that Telegram declared too long to fill");

    /// <summary>Pushed Updates left unread because the handler queue was full (fetched again later).</summary>
    public static readonly Counter<long> UpdatesDeferred = Meter.CreateCounter<long>("telethon.updates.deferred", description:
        "Pushed updates set aside while the handler queue was full; fetched again through getDifference");

    /// <summary>Handlers that threw.</summary>
    public static readonly Counter<long> HandlerFailures = Meter.CreateCounter<long>("telethon.handlers.failed", description:
        "Handler runs that threw");

    /// <summary>Handlers that outlived the handler timeout.</summary>
    public static readonly Counter<long> HandlerTimeouts = Meter.CreateCounter<long>("telethon.handlers.timed_out", description:
        "Handler runs that outlived ClientOptions.HandlerTimeout");
}
