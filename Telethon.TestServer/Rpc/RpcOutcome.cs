namespace Telethon.TestServer.Rpc;

/// <summary>
/// The answer to one RPC: either the result (whatever the function's TResult is: a TL object, a bool,
/// an int[], ...) to write with <c>request.WriteResultObject(ref writer, outcome.Value)</c>, or an
/// rpc_error with <see cref="RpcError.Code"/> and <see cref="RpcError.RawMessage"/>.
/// </summary>
public readonly struct RpcOutcome
{
    private RpcOutcome(object? value, RpcError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The result (null when <see cref="IsError"/>).</summary>
    public object? Value { get; }

    /// <summary>The error, or null on success.</summary>
    public RpcError? Error { get; }

    /// <summary>True when the answer is an rpc_error.</summary>
    public bool IsError => Error is not null;

    /// <summary>A successful result.</summary>
    public static RpcOutcome Success(object? value) => new(value, null);

    /// <summary>An rpc_error.</summary>
    public static RpcOutcome Failure(RpcError error) => new(null, error ?? throw new ArgumentNullException(nameof(error)));

    /// <summary>An rpc_error from a code and message.</summary>
    public static RpcOutcome Failure(int code, string message) => new(null, new RpcError(code, message));

    /// <inheritdoc />
    public override string ToString() => Error is { } e ? $"rpc_error {e.Code} {e.RawMessage}" : $"result {Value}";
}
