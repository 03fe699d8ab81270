namespace Telethon.Connection;

/// <summary>Tells the owner that <paramref name="Count"/> more frames were handed to the stream (flushed), in order.</summary>
/// <param name="Count">How many frames this write carried.</param>
internal sealed record FramesWritten(int Count);
