using Telethon.Filters;

namespace Telethon.Handlers;

/// <summary>Tells a <see cref="HandlerChainActor"/> to replace the filter of every handler added with
/// <paramref name="Key"/>; it applies from the next check. Answered with <see cref="HandlerChanged"/> when sent by an
/// actor or an Ask.</summary>
/// <param name="Key">The key given to <see cref="AddHandler"/>.</param>
/// <param name="Filter">The new filter, or null to remove it.</param>
public sealed record SetHandlerFilter(object Key, Filter? Filter);
