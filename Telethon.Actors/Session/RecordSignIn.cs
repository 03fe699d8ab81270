namespace Telethon.Session;

/// <summary>
/// Records the account that signed in. <see cref="SessionActor"/> persists <see cref="SignedIn"/> and answers
/// <see cref="SessionAck"/> once it is written.
/// </summary>
/// <param name="UserId">The user id.</param>
/// <param name="Bot">Whether the account is a bot.</param>
/// <param name="DcId">The DC it signed in on (becomes the home DC).</param>
/// <param name="Username">The primary username, if known.</param>
internal sealed record RecordSignIn(long UserId, bool Bot, int DcId, string? Username = null);
