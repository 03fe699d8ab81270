using Telethon.Tl.Types.Updates;

namespace Telethon.Session;

/// <summary>The server answered updates.channelDifferenceTooLong: the channel's updates after <paramref name="LocalPts"/>
/// up to <paramref name="ServerPts"/> are not delivered and the channel pts jumps to <paramref name="ServerPts"/>.
/// The channel's history the caller keeps has to be reloaded; <paramref name="Difference"/> has the dialog and the latest messages.</summary>
/// <param name="ChannelId">The channel.</param>
/// <param name="LocalPts">The channel pts before the jump.</param>
/// <param name="ServerPts">The channel pts after the jump (the dialog's pts, or <paramref name="LocalPts"/> when the dialog has none).</param>
/// <param name="Difference">The server's answer.</param>
public sealed record ChannelResyncNeeded(long ChannelId, int LocalPts, int ServerPts, ChannelDifferenceTooLong Difference) : MessageBoxAction;
