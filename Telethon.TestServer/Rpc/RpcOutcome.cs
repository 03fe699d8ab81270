namespace Telethon.TestServer.Rpc;

/// <summary>
/// The answer to one RPC: either the result (whatever the function's TResult is: a TL object, a bool,
/// an int[], ...) to write with <c>request.WriteResultObject(ref writer, outcome.Value)</c>, or an
/// rpc_error with <see cref="RpcError.Code"/> and <see cref="RpcError.RawMessage"/>, or, for a method
/// that waits on someone else (a bot's answer), <see cref="Pending"/>: the final outcome, awaited by the
/// caller without blocking a thread (see <see cref="HandlerTable.AddAsync{TRequest, TResult}"/>).
/// </summary>
public readonly struct RpcOutcome
{
    private RpcOutcome(object? value, RpcError? error, Task<RpcOutcome>? pending = null, Action? release = null)
    {
        Value = value;
        Error = error;
        Pending = pending;
        _release = release;
    }

    private readonly Action? _release;

    /// <summary>The result (null when <see cref="IsError"/>).</summary>
    public object? Value { get; }

    /// <summary>The error, or null on success.</summary>
    public RpcError? Error { get; }

    /// <summary>True when the answer is an rpc_error.</summary>
    public bool IsError => Error is not null;

    /// <summary>
    /// The answer still to come (never an unfinished <see cref="Pending"/> again, and never faulted: failures
    /// end as rpc_errors), or null when this outcome is final.
    /// </summary>
    public Task<RpcOutcome>? Pending { get; }

    /// <summary>True when the answer is still to come (<see cref="Pending"/>).</summary>
    public bool IsPending => Pending is not null;

    /// <summary>A successful result.</summary>
    public static RpcOutcome Success(object? value) => new(value, null);

    /// <summary>A successful result that holds a pooled buffer, given back by <see cref="Release"/> once it is written.</summary>
    internal static RpcOutcome Lent(object value, Action release) => new(value, null, null, release);

    /// <summary>
    /// Gives back the pooled buffer the result holds, if any, once the result is written (the result must not be read
    /// afterwards). A result never released leaves its buffer to the garbage collector.
    /// </summary>
    public void Release() => _release?.Invoke();

    /// <summary>An rpc_error.</summary>
    public static RpcOutcome Failure(RpcError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>An rpc_error from a code and message.</summary>
    public static RpcOutcome Failure(int code, string message) => new(null, new RpcError(code, message));

    /// <summary>An answer still to come.</summary>
    public static RpcOutcome Later(Task<RpcOutcome> pending) => new(null, null, pending ?? throw new ArgumentNullException(nameof(pending)));

    /// <inheritdoc />
    public override string ToString() => Pending is not null ? "pending" : Error is { } e ? $"rpc_error {e.Code} {e.RawMessage}" : $"result {Value}";
}
