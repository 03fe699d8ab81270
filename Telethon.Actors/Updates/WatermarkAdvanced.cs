using Telethon.Session;

namespace Telethon.Updates;

/// <summary>
/// Tells the account that the handled watermark moved: every update up to this state has been handled (its handlers
/// finished, failed or timed out, or it made no event). This, and nothing ahead of it, is what the session persists.
/// </summary>
/// <param name="State">The account's pts, qts, date and seq.</param>
/// <param name="Channels">The pts of the channels that moved (every tracked channel after <see cref="ReportWatermark"/>).</param>
internal sealed record WatermarkAdvanced(UpdateState State, IReadOnlyDictionary<long, int> Channels);
