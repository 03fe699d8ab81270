namespace Telethon.Updates;

/// <summary>Asks an <see cref="UpdatesActor"/> for its whole handled watermark (every channel included), answered with
/// <see cref="WatermarkAdvanced"/>: what a re-created session actor is given back.</summary>
internal sealed record ReportWatermark
{
    public static ReportWatermark Instance { get; } = new();
}
