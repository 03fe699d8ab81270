namespace Telethon.Connection;

/// <summary>Tells the owner that a connection is up: frames may be sent. Every <see cref="FrameReceived"/> that follows belongs to it.</summary>
/// <param name="Address">Where it is connected.</param>
/// <param name="Generation">Grows with every connection of this actor: the frames of this one carry it, and so must their <see cref="FramesConsumed"/>.</param>
internal sealed record Connected(DcAddress Address, int Generation);
