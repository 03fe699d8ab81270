namespace Telethon.Sender;

/// <summary>The answer to an <see cref="Invoke"/>: the function's result (a TL object, bool, array, ...).</summary>
/// <param name="Value">The result, of the function's result type.</param>
public sealed record InvokeResult(object? Value);
