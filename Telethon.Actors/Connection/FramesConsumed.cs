namespace Telethon.Connection;

/// <summary>
/// Tells a <see cref="DcConnectionActor"/> that its owner has dealt with <paramref name="Count"/> more
/// <see cref="FrameReceived"/> of connection <paramref name="Generation"/>, so the read loop may tell that many more.
/// A report of an older connection releases nothing. Owners batch it (one report for the frames of a burst).
/// </summary>
/// <param name="Generation">The connection the frames came from (<see cref="FrameReceived.Generation"/>).</param>
/// <param name="Count">How many frames.</param>
internal sealed record FramesConsumed(int Generation, int Count);
