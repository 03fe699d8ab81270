namespace Telethon.Session;

/// <summary>The account-wide update state moved to these values (they replace the previous ones).</summary>
/// <param name="Pts">The account pts.</param>
/// <param name="Qts">The account qts.</param>
/// <param name="Date">The date of the last applied update container or difference.</param>
/// <param name="Seq">The seq of the last applied update container.</param>
internal sealed record UpdateStateAdvanced(int Pts, int Qts, int Date, int Seq) : ISessionEvent;
