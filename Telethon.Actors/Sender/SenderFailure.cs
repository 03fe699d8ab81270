namespace Telethon.Sender;

/// <summary>A <see cref="SenderInvoke"/> ended without a result; <paramref name="Cause"/> says why.</summary>
/// <param name="Id">The request's id.</param>
/// <param name="Cause">What happened (see <see cref="SenderInvoke"/>).</param>
internal sealed record SenderFailure(Guid Id, Exception Cause);
