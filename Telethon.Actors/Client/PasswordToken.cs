using Telethon.Tl.Types.Account;

namespace Telethon;

/// <summary>
/// What <see cref="Client.SignInAsync"/> gives when the account has two-step verification: the password
/// parameters, for <see cref="Client.CheckPasswordAsync"/>.
/// </summary>
/// <param name="Password">The account's password settings (SRP parameters, hint).</param>
public sealed record PasswordToken(Password Password)
{
    /// <summary>The password hint, if the user set one.</summary>
    public string? Hint => Password.Hint;
}
