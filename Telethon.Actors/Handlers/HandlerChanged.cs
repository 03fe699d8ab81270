namespace Telethon.Handlers;

/// <summary>The answer to <see cref="AddHandler"/>, <see cref="RemoveHandler"/> and <see cref="SetHandlerFilter"/>.</summary>
/// <param name="Key">The handler's key.</param>
/// <param name="Found">Whether a handler with this key was (or is now) registered.</param>
public sealed record HandlerChanged(object Key, bool Found);
