namespace Telethon.Session;

/// <summary>
/// An event of the event-sourced session: what <see cref="SessionActor"/> persists and what
/// <see cref="SessionData.Apply(ISessionEvent)"/> folds into a <see cref="SessionData"/>. Every
/// implementation is bound to <see cref="SessionSerializer"/>.
/// </summary>
internal interface ISessionEvent;
