namespace Telethon.Session;

/// <summary>
/// The account signed out: the user, the update state, the channel pts and the peers (whose access hashes
/// belong to the account) are forgotten; the auth keys and the home DC stay.
/// </summary>
internal sealed record SignedOut : ISessionEvent
{
    /// <summary>The only instance.</summary>
    public static SignedOut Instance { get; } = new();
}
