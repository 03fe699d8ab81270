namespace Telethon.Connection;

/// <summary>One frame's payload, as read from the current connection (transport framing removed), sent to the owner in order.</summary>
/// <param name="Payload">The payload (an MTProto packet). A fresh array the owner may keep.</param>
internal sealed record FrameReceived(byte[] Payload);
