namespace Telethon.Session;

/// <summary>
/// A channel's pts moved. Fire and forget, coalesced like <see cref="AdvanceUpdateState"/>: the latest pts of
/// each channel is persisted as <see cref="ChannelPtsAdvanced"/> on the next flush; no answer.
/// </summary>
/// <param name="ChannelId">The bare channel id.</param>
/// <param name="Pts">The channel pts.</param>
internal sealed record AdvanceChannelPts(long ChannelId, int Pts);
