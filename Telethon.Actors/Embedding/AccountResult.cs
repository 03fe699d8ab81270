namespace Telethon.Embedding;

/// <summary>The answer to an <see cref="AccountRequest"/>: the function's result (a TL object, bool, array, ...).</summary>
/// <param name="Id">The request's id.</param>
/// <param name="Value">The result, of the function's result type.</param>
public sealed record AccountResult(Guid Id, object? Value);
