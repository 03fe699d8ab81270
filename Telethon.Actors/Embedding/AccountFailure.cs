namespace Telethon.Embedding;

/// <summary>
/// An <see cref="AccountRequest"/> ended without a result: an <see cref="RpcError"/> (Telegram refused), a
/// <see cref="TimeoutException"/>, an <see cref="OperationCanceledException"/> (after <see cref="CancelAccountRequest"/>),
/// or an <see cref="InvalidOperationException"/> saying why the account could not send it.
/// </summary>
/// <param name="Id">The request's id.</param>
/// <param name="Cause">What happened.</param>
public sealed record AccountFailure(Guid Id, Exception Cause);
