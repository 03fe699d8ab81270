using Akka.Actor;
using Akka.Event;
using Telethon.Embedding;

namespace Telethon.Hosting;

/// <summary>
/// The parent of a runtime's account actors. It keeps one actor per key: a start while the previous actor of the key is
/// still stopping waits for it to be gone (two actors of one key would drive the same session), and a stop is answered
/// once the actor is gone. An account actor that fails is restarted (it rebuilds everything from its journal), at most
/// ten times a minute; past that it stops and its client sees it disconnected.
/// </summary>
internal sealed class RuntimeRootActor : ReceiveActor
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly TelethonRuntime _runtime;
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);

    public RuntimeRootActor(TelethonRuntime runtime)
    {
        _runtime = runtime;
        Receive<Start>(start =>
        {
            if (_accounts.TryGetValue(start.Key, out var account))
            {
                if (account.Stopping)
                    account.StartWaiters.Add(Sender);
                else
                    Sender.Tell(account.Actor);
                return;
            }
            Sender.Tell(Create(start.Key).Actor);
        });
        Receive<Stop>(stop =>
        {
            if (!_accounts.TryGetValue(stop.Key, out var account))
            {
                Sender.Tell(AccountStopped.Instance);
                return;
            }
            account.StopWaiters.Add(Sender);
            if (!account.Stopping)
            {
                account.Stopping = true;
                account.Actor.Tell(StopAccount.Instance);
            }
        });
        Receive<AccountStopped>(_ => { });
        Receive<Terminated>(terminated =>
        {
            var entry = _accounts.FirstOrDefault(a => a.Value.Actor.Equals(terminated.ActorRef));
            if (entry.Value is not { } account)
                return;
            _accounts.Remove(entry.Key);
            if (!account.Stopping)
                _log.Warning("Account {0} stopped after failing repeatedly", entry.Key);
            foreach (var waiter in account.StopWaiters)
                waiter.Tell(AccountStopped.Instance);
            if (account.StartWaiters.Count > 0)
            {
                var next = Create(entry.Key);
                foreach (var waiter in account.StartWaiters)
                    waiter.Tell(next.Actor);
            }
        });
    }

    protected override SupervisorStrategy SupervisorStrategy() =>
        new OneForOneStrategy(maxNrOfRetries: 10, withinTimeRange: TimeSpan.FromMinutes(1), localOnlyDecider: _ => Directive.Restart);

    private Account Create(string key)
    {
        var actor = Context.ActorOf(_runtime.PropsOf(key), "account-" + key);
        Context.Watch(actor);
        var account = new Account(actor);
        _accounts[key] = account;
        return account;
    }

    /// <summary>Starts (or finds) the account actor of a key; answered with its <see cref="IActorRef"/>.</summary>
    public sealed record Start(string Key);

    /// <summary>Stops the account actor of a key; answered with <see cref="AccountStopped"/> once it is gone.</summary>
    public sealed record Stop(string Key);

    private sealed class Account(IActorRef actor)
    {
        public IActorRef Actor { get; } = actor;

        public bool Stopping { get; set; }

        public List<IActorRef> StartWaiters { get; } = [];

        public List<IActorRef> StopWaiters { get; } = [];
    }
}
