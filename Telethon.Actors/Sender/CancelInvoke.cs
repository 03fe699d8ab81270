namespace Telethon.Sender;

/// <summary>
/// Cancels a <see cref="SenderInvoke"/>: a request still unanswered is answered <see cref="SenderFailure"/> with an
/// <see cref="OperationCanceledException"/> (an unsent one is dropped, a sent one's answer is ignored); an unknown or
/// answered id is ignored. Cancellation is a message, not a token, so that it can cross to another node.
/// </summary>
/// <param name="Id">The request's id.</param>
internal sealed record CancelInvoke(Guid Id);
