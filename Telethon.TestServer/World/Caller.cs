namespace Telethon.TestServer.World;

/// <summary>An authorized caller: the session it calls from and the account it acts as.</summary>
/// <param name="Session">The calling session (left out of the pushes its own call causes).</param>
/// <param name="UserId">The account.</param>
public readonly record struct Caller(SessionKey Session, long UserId);

/// <summary>What the world knows about the authorization of an auth key on a DC.</summary>
/// <param name="UserId">The account the key is authorized for (or waits for the 2FA password of).</param>
/// <param name="IsBot">Whether the account is a bot.</param>
/// <param name="HomeDc">The account's home DC.</param>
/// <param name="PasswordPending">True when the code was right but auth.checkPassword has not succeeded yet.</param>
/// <param name="Phone">The account's phone, if any.</param>
/// <param name="Username">The account's username, if any.</param>
public sealed record AuthorizationInfo(long UserId, bool IsBot, int HomeDc, bool PasswordPending, string? Phone, string? Username);

/// <summary>What initConnection told about the client of an auth key.</summary>
/// <param name="ApiId">The api id.</param>
/// <param name="DeviceModel">The device model.</param>
/// <param name="SystemVersion">The system version.</param>
/// <param name="AppVersion">The app version.</param>
/// <param name="LangCode">The language code.</param>
public sealed record ClientInfo(int ApiId, string DeviceModel, string SystemVersion, string AppVersion, string LangCode);
