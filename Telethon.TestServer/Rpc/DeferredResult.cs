namespace Telethon.TestServer.Rpc;

/// <summary>
/// What the handler of a method registered with <see cref="HandlerTable.AddAsync{TRequest, TResult}"/> gives the
/// dispatcher instead of a result: the task that ends with it. The dispatcher turns it into <see cref="RpcOutcome.Pending"/>.
/// </summary>
/// <param name="Task">Ends with the result, or faults with <see cref="RpcError"/>.</param>
internal sealed record DeferredResult(Task<object?> Task);
