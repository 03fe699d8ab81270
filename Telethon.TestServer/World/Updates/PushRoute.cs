namespace Telethon.TestServer.World;

/// <summary>
/// An auth key authorized for an account, as far as pushes care: the accounts service tells the
/// updates service every change, so pushes never need the accounts lock.
/// </summary>
/// <param name="DcId">The DC the key is authorized on.</param>
/// <param name="AuthKeyId">The (permanent) auth key id.</param>
/// <param name="PasswordPending">True while the 2FA password is awaited (no pushes then).</param>
internal readonly record struct PushRoute(int DcId, long AuthKeyId, bool PasswordPending);
