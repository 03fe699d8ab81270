namespace Telethon.Connection;

/// <summary>Why a <see cref="SendFrame"/> was refused.</summary>
internal enum SendFrameRejectReason
{
    /// <summary>No connection is up (connecting, waiting to reconnect, or given up).</summary>
    NotConnected,

    /// <summary>The write queue is full (<see cref="DcConnectionOptions.MaxQueuedFrames"/> or <see cref="DcConnectionOptions.MaxQueuedBytes"/>).</summary>
    QueueFull,

    /// <summary>The payload is longer than the transport's frame limit or not a multiple of 4 bytes.</summary>
    Invalid,
}
