namespace Telethon.Handlers;

/// <summary>Tells a <see cref="HandlerChainActor"/> to remove every handler added with <paramref name="Key"/> (and to
/// stop their actors). A handler running now finishes on its own, but its result no longer counts.
/// Answered with <see cref="HandlerChanged"/> when sent by an actor or an Ask.</summary>
/// <param name="Key">The key given to <see cref="AddHandler"/>.</param>
public sealed record RemoveHandler(object Key);
