namespace Telethon.Connection;

/// <summary>
/// One frame's payload, as read from the current connection (transport framing removed), sent to the owner in order.
/// The owner reports it consumed with <see cref="FramesConsumed"/> (of the same <paramref name="Generation"/>), or the
/// connection stops reading after <see cref="DcConnectionOptions.MaxUnconsumedFrames"/> of them.
/// </summary>
/// <param name="Payload">The payload (an MTProto packet). A fresh array the owner may keep.</param>
/// <param name="Generation">The connection it came from, as in <see cref="Connected.Generation"/>.</param>
internal sealed record FrameReceived(byte[] Payload, int Generation);
