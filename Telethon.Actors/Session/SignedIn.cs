namespace Telethon.Session;

/// <summary>An account signed in with this session; its home DC becomes <paramref name="DcId"/>.</summary>
/// <param name="UserId">The user id.</param>
/// <param name="Bot">Whether the account is a bot.</param>
/// <param name="DcId">The DC the account signed in on.</param>
/// <param name="Username">The primary username, if known.</param>
internal sealed record SignedIn(long UserId, bool Bot, int DcId, string? Username = null) : ISessionEvent;
