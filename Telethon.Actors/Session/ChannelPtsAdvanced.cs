namespace Telethon.Session;

/// <summary>A channel's pts moved to <paramref name="Pts"/> (it replaces the previous value).</summary>
/// <param name="ChannelId">The bare channel id.</param>
/// <param name="Pts">The channel pts.</param>
internal sealed record ChannelPtsAdvanced(long ChannelId, int Pts) : ISessionEvent;
