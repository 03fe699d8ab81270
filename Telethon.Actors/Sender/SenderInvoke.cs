using Telethon.Tl;

namespace Telethon.Sender;

/// <summary>
/// Asks a <see cref="SenderActor"/> to call <paramref name="Function"/> on its DC. The sender answers the asker exactly
/// once, with <see cref="SenderResult"/> or <see cref="SenderFailure"/> carrying the same <paramref name="Id"/>: an
/// <see cref="RpcError"/> (Telegram refused; <see cref="MigrateRequiredException"/> for *_MIGRATE_X), a
/// <see cref="TimeoutException"/>, an <see cref="OperationCanceledException"/> (after <see cref="CancelInvoke"/>),
/// or an <see cref="InvalidOperationException"/> when the sender stopped first.
/// </summary>
/// <param name="Id">Names the request in the answer and in <see cref="CancelInvoke"/>; unique among the sender's requests.</param>
/// <param name="Function">The request.</param>
/// <param name="Timeout">How long to wait for the answer; null for the sender's default.</param>
internal sealed record SenderInvoke(Guid Id, TlFunction Function, TimeSpan? Timeout = null);
