using Telethon.Filters;

namespace Telethon.Handlers;

/// <summary>The answer to <see cref="GetHandlerFilter"/>.</summary>
/// <param name="Key">The key asked for.</param>
/// <param name="Found">Whether a handler with this key is registered.</param>
/// <param name="Filter">Its filter (null when it has none, or when not found).</param>
public sealed record HandlerFilterReply(object Key, bool Found, Filter? Filter);
