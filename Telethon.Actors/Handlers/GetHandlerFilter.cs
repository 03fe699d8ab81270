namespace Telethon.Handlers;

/// <summary>Asks a <see cref="HandlerChainActor"/> for the filter of the (first) handler added with
/// <paramref name="Key"/>; answered with <see cref="HandlerFilterReply"/>.</summary>
/// <param name="Key">The key given to <see cref="AddHandler"/>.</param>
public sealed record GetHandlerFilter(object Key);
