using Akka.Actor;
using Telethon.Events;
using Telethon.Sender;
using Telethon.Tl;

namespace Telethon.Accounts;

/// <summary>
/// The account as events and handlers see it: who it is, and a way to call Telegram (through the
/// account's <see cref="ClientActor"/>, never blocking it).
/// </summary>
public sealed class AccountContext : IEventContext
{
    private readonly TimeSpan _requestTimeout;
    private IActorRef _actor = ActorRefs.Nobody;
    private long _selfId;
    private string? _selfUsername;

    /// <summary>Creates the context; <see cref="Attach"/> binds it to the account's actor.</summary>
    public AccountContext(TimeSpan requestTimeout) => _requestTimeout = requestTimeout;

    /// <inheritdoc />
    public long? SelfId => Volatile.Read(ref _selfId) is var id and not 0 ? id : null;

    /// <inheritdoc />
    public string? SelfUsername => Volatile.Read(ref _selfUsername);

    /// <summary>Binds the context to the account's actor.</summary>
    public void Attach(IActorRef actor) => _actor = actor;

    internal void SignedIn(long userId, string? username)
    {
        Volatile.Write(ref _selfUsername, username);
        Volatile.Write(ref _selfId, userId);
    }

    internal void SignedOut()
    {
        Volatile.Write(ref _selfId, 0);
        Volatile.Write(ref _selfUsername, null);
    }

    private static Telethon.Updates.RememberPeers? PeersOf(object result) => result switch
    {
        Tl.Types.Contacts.ResolvedPeer r => new(r.Users, r.Chats),
        Tl.Types.Messages.Messages m => new(m.Users, m.Chats),
        Tl.Types.Messages.MessagesSlice m => new(m.Users, m.Chats),
        Tl.Types.Messages.ChannelMessages m => new(m.Users, m.Chats),
        Tl.Types.Messages.Dialogs d => new(d.Users, d.Chats),
        Tl.Types.Messages.DialogsSlice d => new(d.Users, d.Chats),
        Tl.Types.Contacts.Contacts c => new(c.Users, []),
        Tl.Abcs.User[] users => new(users, []),
        _ => null,
    };

    /// <inheritdoc />
    public async Task<TResult> InvokeAsync<TResult>(TlFunction<TResult> function, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(function);
        // The sender answers every request (by its own timeout at the latest); the margin only guards a lost actor.
        var reply = await _actor.Ask<object>(new ClientInvoke(function, _requestTimeout, cancellationToken), _requestTimeout + TimeSpan.FromSeconds(10), cancellationToken)
            .ConfigureAwait(false);
        switch (reply)
        {
            case InvokeResult { Value: Telethon.Tl.Abcs.UpdatesBase updates }:
                // A result that is an Updates object (sendMessage's, say) moves the account's pts too.
                _actor.Tell(new Telethon.Updates.UpdatesArrived(updates));
                break;
            case InvokeResult { Value: { } value } when PeersOf(value) is { } peers:
                // Users and chats a result brings are remembered with their access hashes.
                _actor.Tell(peers);
                break;
        }
        return reply switch
        {
            InvokeResult result => (TResult)result.Value!,
            Status.Failure failure => throw failure.Cause,
            _ => throw new InvalidOperationException($"unexpected answer {reply.GetType().Name} to {function.TlName}"),
        };
    }
}
