using Akka.Actor;

namespace Telethon.Updates;

/// <summary>Tells an <see cref="UpdatesActor"/> to send its difference requests through another sender from now on
/// (for example after the home DC changed). Requests in flight are answered through the old one.</summary>
/// <param name="Sender">The new sender actor.</param>
public sealed record UseSender(IActorRef Sender);
