namespace Telethon.TestServer.Rpc;

/// <summary>
/// What a handler gives the dispatcher for a result that holds a pooled buffer (a file chunk): the result, and how to
/// give the buffer back. The dispatcher answers with <see cref="RpcOutcome.Value"/> = <paramref name="Value"/>, and the
/// network layer calls <see cref="RpcOutcome.Release"/> once the result is written; a caller that never does leaves
/// the buffer to the garbage collector.
/// </summary>
/// <param name="Value">The result.</param>
/// <param name="Release">Gives the result's pooled buffer back; the result must not be read afterwards.</param>
internal sealed record LentResult(object Value, Action Release);
