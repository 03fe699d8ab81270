namespace Telethon.Sender;

/// <summary>The answer to a <see cref="SenderInvoke"/>: the function's result (a TL object, bool, array, ...).</summary>
/// <param name="Id">The request's id.</param>
/// <param name="Value">The result, of the function's result type.</param>
internal sealed record SenderResult(Guid Id, object? Value);
