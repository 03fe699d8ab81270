namespace Telethon.Connection;

/// <summary>A <see cref="SendFrame"/> was not queued; nothing of it was written. Sent to the asker.</summary>
/// <param name="Payload">The refused payload.</param>
/// <param name="Reason">Why.</param>
internal sealed record SendFrameRejected(byte[] Payload, SendFrameRejectReason Reason);
