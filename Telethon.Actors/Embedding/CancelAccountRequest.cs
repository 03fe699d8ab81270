namespace Telethon.Embedding;

/// <summary>
/// Cancels an <see cref="AccountRequest"/>: if it is still unanswered, it is answered <see cref="AccountFailure"/> with an
/// <see cref="OperationCanceledException"/> (an unsent request is never sent; a sent one's answer is ignored). Unknown or
/// answered ids are ignored. Cancellation is a message rather than a token so that it can reach an account on another node.
/// </summary>
/// <param name="Id">The request's id.</param>
public sealed record CancelAccountRequest(Guid Id);
