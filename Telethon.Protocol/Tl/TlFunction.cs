namespace Telethon.Tl;

/// <summary>
/// A TL function (an RPC request). Its result type is not known statically here; see
/// <see cref="TlFunction{TResult}"/> for the typed form every generated function derives from.
/// </summary>
public abstract class TlFunction : TlObject
{
    /// <summary>Reads this function's result (the body of rpc_result) as an object.</summary>
    public abstract object? ReadResultObject(ref TlReader reader);
}
