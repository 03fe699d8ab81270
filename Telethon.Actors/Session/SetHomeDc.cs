namespace Telethon.Session;

/// <summary>
/// Moves the home DC. <see cref="SessionActor"/> persists <see cref="HomeDcChanged"/> (unless it is already the
/// home DC) and answers <see cref="SessionAck"/> once it is written.
/// </summary>
/// <param name="DcId">The new home DC.</param>
internal sealed record SetHomeDc(int DcId);
