using Telethon.Tl;

namespace Telethon.Sender;

/// <summary>
/// Asks a <c>SenderActor</c> to call <paramref name="Function"/> on its DC. The sender replies to the
/// asking actor with <see cref="InvokeResult"/>, or with <c>Status.Failure</c> carrying an
/// <see cref="RpcError"/> (Telegram refused), a <see cref="TimeoutException"/> or an
/// <see cref="OperationCanceledException"/>.
/// </summary>
/// <param name="Function">The request.</param>
/// <param name="Timeout">How long to wait for the answer; null for the sender's default.</param>
/// <param name="Cancellation">Cancels the request (an unsent request is dropped; a sent one is answered with OperationCanceledException).</param>
public sealed record Invoke(TlFunction Function, TimeSpan? Timeout = null, CancellationToken Cancellation = default);
