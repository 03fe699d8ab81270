namespace Telethon;

/// <summary>What <see cref="Client.RequestLoginCodeAsync"/> returns: the phone and the code's hash, for <see cref="Client.SignInAsync"/>.</summary>
/// <param name="Phone">The phone number the code was sent to.</param>
/// <param name="PhoneCodeHash">The hash Telegram gave with the code.</param>
/// <param name="Timeout">How long Telegram says to wait before asking for the code again by its next delivery method (Telethon's
/// <c>timeout</c>), when it says.</param>
public sealed record LoginToken(string Phone, string PhoneCodeHash, TimeSpan? Timeout = null);
