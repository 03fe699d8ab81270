namespace Telethon.Tl;

/// <summary>
/// A TL function (an RPC request). Its result type is not known statically here; see
/// <see cref="TlFunction{TResult}"/> for the typed form every generated function derives from.
/// </summary>
public abstract class TlFunction : TlObject
{
    /// <summary>Reads this function's result (the body of rpc_result) as an object.</summary>
    public abstract object? ReadResultObject(ref TlReader reader);

    /// <summary>Writes a result of this function (what a server puts in rpc_result).</summary>
    /// <exception cref="InvalidCastException"><paramref name="result"/> is not of the function's result type.</exception>
    public abstract void WriteResultObject(ref TlWriter writer, object? result);
}
