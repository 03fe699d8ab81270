namespace Telethon.Tl;

/// <summary>A TL function whose result is a <typeparamref name="TResult"/>.</summary>
/// <typeparam name="TResult">The C# form of the function's TL result type.</typeparam>
public abstract class TlFunction<TResult> : TlFunction
{
    /// <summary>Reads this function's result (the body of rpc_result).</summary>
    public abstract TResult ReadResult(ref TlReader reader);

    /// <inheritdoc />
    public sealed override object? ReadResultObject(ref TlReader reader) => ReadResult(ref reader);
}
