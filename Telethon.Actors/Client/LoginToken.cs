namespace Telethon;

/// <summary>What <see cref="Client.RequestLoginCodeAsync"/> returns: the phone and the code's hash, for <see cref="Client.SignInAsync"/>.</summary>
/// <param name="Phone">The phone number the code was sent to.</param>
/// <param name="PhoneCodeHash">The hash Telegram gave with the code.</param>
public sealed record LoginToken(string Phone, string PhoneCodeHash);
