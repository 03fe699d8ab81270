namespace Telethon.Session;

/// <summary>
/// The account-wide update state moved. Fire and forget: <see cref="SessionActor"/> keeps the latest values in
/// memory and persists <see cref="UpdateStateAdvanced"/> at most every flush interval or flush count (and on
/// <see cref="Flush"/>, <see cref="FlushAndStop"/> and when it stops); it does not answer.
/// </summary>
/// <param name="Pts">The account pts.</param>
/// <param name="Qts">The account qts.</param>
/// <param name="Date">The date of the last applied update container or difference.</param>
/// <param name="Seq">The seq of the last applied update container.</param>
internal sealed record AdvanceUpdateState(int Pts, int Qts, int Date, int Seq);
