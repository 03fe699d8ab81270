using Telethon.Model;

namespace Telethon;

/// <summary>The outcome of <see cref="Client.SignInAsync"/>: the signed-in user, or a password to check first.</summary>
/// <param name="User">The user, when the code was enough.</param>
/// <param name="PasswordToken">The password parameters, when two-step verification is on.</param>
public sealed record SignInResult(User? User, PasswordToken? PasswordToken)
{
    /// <summary>True when <see cref="Client.CheckPasswordAsync"/> must follow.</summary>
    public bool NeedsPassword => PasswordToken is not null;
}
