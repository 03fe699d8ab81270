using Akka.Actor;
using Telethon.Events;
using Telethon.Hosting;
using Telethon.Tl;

namespace Telethon.Accounts;

/// <summary>
/// The account as its events see it: who is signed in, its client, and the account's one request path to call Telegram
/// through (a handler's reply goes the same way as the facade's requests). Immutable: an updates actor makes one for the
/// user it serves, and events carry it to the handlers. It holds the session key, not the client: the client is looked
/// up in the runtime when a handler asks for it.
/// </summary>
internal sealed class AccountContext(IActorRef account, ActorSystem system, string sessionKey, long selfId, string? selfUsername, TimeSpan requestTimeout)
    : IEventContext
{
    /// <inheritdoc />
    public long? SelfId => selfId != 0 ? selfId : null;

    /// <inheritdoc />
    public string? SelfUsername => selfUsername;

    /// <inheritdoc />
    public Client Client => TelethonRuntime.Get(system).ClientOf(sessionKey)
        ?? throw new InvalidOperationException($"The runtime has no client for account {sessionKey}.");

    /// <inheritdoc />
    public Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, CancellationToken cancellationToken = default) =>
        AccountCalls.InvokeAsync(account, function, requestTimeout, cancellationToken);
}
