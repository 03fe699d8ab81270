namespace Telethon.Session;

/// <summary>The account-wide update sequence state (Telethon's <c>session.UpdateState</c> without the channels).</summary>
/// <param name="Pts">The account pts.</param>
/// <param name="Qts">The account qts.</param>
/// <param name="Date">The date of the last applied update container or difference (unix seconds).</param>
/// <param name="Seq">The seq of the last applied update container.</param>
public sealed record UpdateState(int Pts, int Qts, int Date, int Seq);
