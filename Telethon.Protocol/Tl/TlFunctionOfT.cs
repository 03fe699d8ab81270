namespace Telethon.Tl;

/// <summary>A TL function whose result is a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The C# form of the function's TL result type.</typeparam>
public abstract class TlFunction<TResult> : TlFunction
{
    /// <summary>Reads this function's result (the body of rpc_result).</summary>
    public abstract TResult ReadResult(ref TlReader reader);

    /// <summary>Writes a result of this function (what a server puts in rpc_result).</summary>
    public abstract void WriteResult(ref TlWriter writer, TResult result);

    /// <inheritdoc />
    public sealed override object? ReadResultObject(ref TlReader reader) => ReadResult(ref reader);

    /// <inheritdoc />
    public sealed override void WriteResultObject(ref TlWriter writer, object? result) => WriteResult(ref writer, (TResult)result!);
}
