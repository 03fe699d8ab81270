namespace Telethon.Session;

/// <summary>
/// <see cref="SessionActor"/>'s answer to a command that writes: what the command asked for is in the journal.
/// </summary>
/// <param name="SequenceNr">The session's journal sequence number when the answer was sent.</param>
internal sealed record SessionAck(long SequenceNr);
