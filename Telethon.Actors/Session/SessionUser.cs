namespace Telethon.Session;

/// <summary>The account signed in with a session (Telethon's <c>session.User</c>).</summary>
/// <param name="Id">The user id.</param>
/// <param name="Bot">Whether the account is a bot.</param>
/// <param name="DcId">The account's home DC when it signed in.</param>
/// <param name="Username">The primary username, if known.</param>
public sealed record SessionUser(long Id, bool Bot, int DcId, string? Username = null);
