namespace Telethon.Connection;

/// <summary>
/// Asks a <see cref="DcConnectionActor"/> to frame and write one MTProto packet. Written in order; the owner
/// learns of completed writes through <see cref="FramesWritten"/>, and of a refusal through
/// <see cref="SendFrameRejected"/> (sent to the asker). Frames still queued when the connection breaks are
/// dropped with it: a packet belongs to one connection, the MTProto layer above resends what matters.
/// </summary>
/// <param name="Payload">The packet (plain or encrypted MTProto message), a multiple of 4 bytes. Not modified, not to be modified.</param>
internal sealed record SendFrame(byte[] Payload)
{
    /// <summary>How many bytes of <see cref="Payload"/> are the packet (all of them unless <see cref="Rented"/>).</summary>
    public int Length { get; init; } = Payload?.Length ?? 0;

    /// <summary>
    /// Whether <see cref="Payload"/> was rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/> and is given up by the
    /// owner: the connection gives it back once the packet is framed (or dropped); a refused one comes back to the owner.
    /// </summary>
    public bool Rented { get; init; }
}
